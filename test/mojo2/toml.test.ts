import { describe, expect, test } from 'bun:test';
import { parseToml } from '../../src/mojo2/index.ts';
import { codeOf } from '../support/errors.ts';

describe('pipeline.toml subset', () => {
  test('tables, arrays of tables, nested multi-line arrays, None, quotes and a bare date-time', () => {
    const doc = parseToml(
      `mojo_version = 2.0
uuid = 'b448504b'
time_created = 2018-04-03T12:20:26.738856
missing_values = ['', "N/A", 'None']

[columns]
features = [
  ['ID', 'int32'],
  ["PSA", "float64"],
]

[[transforms]]
  name = 'Map'
  map = [[[0.0], [9.5]], [[1.0], [None]]]
  missing = [None]

[[transforms]]
  name = "Clip"
  min = -1e3
  max = 79.0
`,
      't',
    );
    expect(doc.root.get('mojo_version')).toBe(2);
    expect(doc.root.get('uuid')).toBe('b448504b');
    expect(doc.root.get('missing_values')).toEqual(['', 'N/A', 'None']);
    expect(doc.tables.get('columns')!.get('features')).toEqual([
      ['ID', 'int32'],
      ['PSA', 'float64'],
    ]);
    const t = doc.arrays.get('transforms')!;
    expect(t.length).toBe(2);
    expect(t[0].get('map')).toEqual([
      [[0], [9.5]],
      [[1], [null]],
    ]);
    expect(t[0].get('missing')).toEqual([null]);
    expect(t[1].get('min')).toBe(-1000);
  });

  test('malformed text is MOJO_FORMAT', () => {
    expect(codeOf(() => parseToml("a = 'unterminated\n", 't'))).toBe('MOJO_FORMAT');
    expect(codeOf(() => parseToml('a = [1, 2\n', 't'))).toBe('MOJO_FORMAT');
    expect(codeOf(() => parseToml('a = 1\na = 2\n', 't'))).toBe('MOJO_FORMAT');
    expect(codeOf(() => parseToml('just words\n', 't'))).toBe('MOJO_FORMAT');
    expect(codeOf(() => parseToml(`a = ${'['.repeat(20)}${']'.repeat(20)}\n`, 't'))).toBe('MOJO_FORMAT');
  });
});
