/** TOML pipelines (DAI 1.0–1.4) built as text: ops, XGBoost text dumps, and broken files. */
import { describe, expect, test } from 'bun:test';
import { decodeModelBytes } from '../../src/algos/index.ts';
import { scoreRow } from '../support/score-row.ts';
import { codeOf } from '../support/errors.ts';
import { utf8, zipFiles } from '../support/mojo-writer/zip.ts';

function mojo(toml: string, extra: Record<string, string | Uint8Array> = {}): Uint8Array {
  const files = new Map<string, Uint8Array>([['mojo/pipeline.toml', utf8(toml)]]);
  for (const [k, v] of Object.entries(extra)) files.set(k, typeof v === 'string' ? utf8(v) : v);
  return zipFiles(files);
}

const score = scoreRow;

const header = (transforms: string) => `mojo_version = 2.0
uuid = 'test'
missing_values = ['', 'NA']

[columns]
features = [['code', 'int32'], ['x', 'float64']]
outputs = [['y', 'float64']]
interim = [['code.s', 'str'], ['te', 'float64'], ['bin', 'float64'], ['score', 'float64']]
${transforms}`;

const PIPELINE = header(`
[[transforms]]
  name = 'AsType'
  inputs = ['code']
  outputs = ['code.s']
  type = 'str'

[[transforms]]
  name = 'Map'
  inputs = ['code.s']
  outputs = ['te']
  map = [[['1'], [0.25]], [['2'], [None]]]
  missing = [-1.0]

[[transforms]]
  name = 'IntervalMap'
  inputs = ['x']
  outputs = ['bin']
  breakpoints = [0.5, 1.5]
  values = [[10.0], [20.0], [30.0], [40.0]]

[[transforms]]
  name = 'XGBoost'
  inputs = ['te', 'bin']
  outputs = ['score']
  num_tree_limit = 1
  filename = 'xgb.model'

[[transforms]]
  name = 'ConstBinaryOp'
  inputs = ['score']
  outputs = ['y']
  op = 'multiply'
  const = 2
  pos = 'left'
`);

const DUMP = `Version 0.1.0
num_output_group: 1
base_margin: 0.5

booster[0]:
0:[bin<20.5] yes=1,no=2,missing=1
	1:leaf=1
	2:leaf=2
booster[1]:
0:leaf=100
`;

describe('TOML pipelines', () => {
  test('AsType int32 → str, Map (found, None, unseen), IntervalMap on a breakpoint, a text-dump tree with num_tree_limit', () => {
    const m = decodeModelBytes(mojo(PIPELINE, { 'mojo/xgb.model': DUMP }));
    expect(m.outputs.map((o) => o.name)).toEqual(['y']);
    expect(score(m, { code: '1', x: '1.5' })).toEqual([2 * (0.5 + 1)]); // bin 20 < 20.5
    expect(score(m, { code: '1', x: '1.6' })).toEqual([2 * (0.5 + 2)]); // bin 30
    expect(score(m, { code: '3', x: '' })).toEqual([2 * (0.5 + 2)]); // bin 40 (NaN slot)
  });

  test('broken files get one clear error', () => {
    expect(codeOf(() => decodeModelBytes(mojo('mojo_version = 2.0\n[columns\n')))).toBe('MOJO_FORMAT');
    expect(codeOf(() => decodeModelBytes(mojo(PIPELINE)))).toBe('MOJO_FORMAT'); // the dump is missing
    const badDump = DUMP.replace('bin<20.5', 'nope<20.5');
    expect(codeOf(() => decodeModelBytes(mojo(PIPELINE, { 'mojo/xgb.model': badDump })))).toBe('MOJO_FORMAT');
    const cycle = DUMP.replace('yes=1,no=2', 'yes=0,no=2');
    expect(codeOf(() => decodeModelBytes(mojo(PIPELINE, { 'mojo/xgb.model': cycle })))).toBe('MOJO_FORMAT');
    const junkCapnp = Uint8Array.from({ length: 64 }, (_, i) => (i * 37) & 0xff);
    expect(codeOf(() => decodeModelBytes(mojo(PIPELINE, { 'mojo/xgb.model.capnp': junkCapnp })))).toBe('MOJO_FORMAT');
  });

  test('an unknown transform name is MOJO2_UNSUPPORTED', () => {
    const unknown = header(`
[[transforms]]
  name = 'Tokenize'
  inputs = ['x']
  outputs = ['y']
`);
    expect(codeOf(() => decodeModelBytes(mojo(unknown)))).toBe('MOJO2_UNSUPPORTED');
  });
});
