import { describe, expect, test } from 'bun:test';
import { parseIni, ModelInfo } from '../../src/mojo/index.ts';
import { codeOf } from '../support/errors.ts';

const INI = `[info]
h2o_version = 3.21.0.99999
mojo_version = 1.20
algo = gbm
category = Binomial
n_columns = 3
prior_class_distrib = [0.25, 0.75]
offset_column = null
empty = []

[columns]
AGE
RACE
CAPSULE

[domains]
1: 3 d000.txt
2: 2 d001.txt
`;

describe('model.ini', () => {
  test('parses the three sections', () => {
    const ini = parseIni(INI);
    expect(ini.columns).toEqual(['AGE', 'RACE', 'CAPSULE']);
    expect(ini.domains.get(1)).toEqual({ count: 3, file: 'd000.txt' });
    expect(ini.domains.get(2)).toEqual({ count: 2, file: 'd001.txt' });
    expect(ini.info.get('algo')).toBe('gbm');
  });
  test('typed info access follows h2o (null = absent, [a, b] arrays)', () => {
    const info = new ModelInfo(parseIni(INI).info, 't');
    expect(info.num('mojo_version')).toBe(1.2);
    expect(info.nums('prior_class_distrib')).toEqual([0.25, 0.75]);
    expect(info.nums('empty')).toEqual([]);
    expect(info.str('offset_column')).toBeUndefined();
    expect(info.has('offset_column')).toBe(false);
    expect(info.num('missing', 7)).toBe(7);
    expect(codeOf(() => info.num('algo'))).toBe('MOJO_FORMAT');
    expect(codeOf(() => info.int('mojo_version'))).toBe('MOJO_FORMAT');
    expect(codeOf(() => info.num('nope'))).toBe('MOJO_FORMAT');
  });
  test('windows line endings and comments', () => {
    const ini = parseIni('# c\r\n[info]\r\nn_columns = 1\r\n[columns]\r\nA\r\n');
    expect(ini.columns).toEqual(['A']);
  });
  test('corrupt files fail with MOJO_FORMAT', () => {
    expect(codeOf(() => parseIni('[info]\nn_columns = 1\n[columns]\nA\nB\n'))).toBe('MOJO_FORMAT');
    expect(codeOf(() => parseIni('[info]\nn_columns = 3\n[columns]\nA\n'))).toBe('MOJO_FORMAT');
    expect(codeOf(() => parseIni('[columns]\nA\n'))).toBe('MOJO_FORMAT');
    expect(codeOf(() => parseIni('[info]\nn_columns = 1\n[columns]\nA\n[domains]\nx: y\n'))).toBe('MOJO_FORMAT');
    expect(codeOf(() => parseIni('stray\n'))).toBe('MOJO_FORMAT');
    expect(codeOf(() => parseIni('[info]\nnoequals\n'))).toBe('MOJO_FORMAT');
  });
});
