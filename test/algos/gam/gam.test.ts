import { describe, expect, test } from 'bun:test';
import { decodeModelBytes } from '../../../src/algos/index.ts';
import { expandedNames, writeGamMojo, type GamSpec } from '../../support/gam-writer.ts';
import { beDoubles } from '../../support/mojo-writer/bytes.ts';
import { int, ints } from '../../support/mojo-writer/ini.ts';
import { CASES } from './cases.ts';
import { codeOf, encode, load, scoreRow } from './score-case.ts';

const spec = (name: string): GamSpec => structuredClone(CASES.find((c) => c.name === name)!.spec);

describe('GAM inputs and row handling', () => {
  test('inputs: features, expanded columns, then gam sources not among them', () => {
    const s = spec('multinomial_cs_ms');
    const m = load(s);
    expect(m.inputs.map((i) => i.name)).toEqual(['color', 'z', ...expandedNames(s), 'x', 'w']);
    expect(m.inputs[0].domain).toEqual(['r', 'g', 'b']);
    expect(m.outputs.map((o) => o.name)).toEqual(['predict', 'a', 'b', 'c']);
  });

  test('a gam source that is also a feature is read from the feature slot', () => {
    const s = spec('cs_gaussian');
    s.features = [{ name: 'color', domain: ['r', 'g', 'b'] }, { name: 'x' }];
    const m = load(s);
    expect(m.inputs.map((i) => i.name)).toEqual(['color', 'x', ...expandedNames(s)]);
    const r = scoreRow(m, encode(m, ['color', 'x'], ['g', '2']));
    expect(typeof r === 'object' && Number.isFinite(r[0])).toBe(true);
  });

  test('caller-supplied expanded columns are used as given', () => {
    const s = spec('cs_gaussian');
    const m = load(s);
    const names = expandedNames(s);
    const raw = encode(m, ['color', 'z', 'x', ...names], ['g', '1', '2', '1', '0', '0', '']);
    // x is ignored; the supplied block (with its NaN) goes straight into the dot product.
    expect(scoreRow(m, raw)).toEqual([NaN]);
    raw[names.length + 1] = 0;
    expect(scoreRow(m, raw)).toEqual([0.3 + 0.7 * 1 + 1.25 * 1 + 1.1]);
  });

  test('a non-zero offset fails the row, as in the reference', () => {
    const m = load(spec('cs_gaussian'));
    expect(scoreRow(m, encode(m, ['color', 'z', 'x'], ['r', '1', '2']), 0.5)).toBe('ROW_ERROR');
  });

  test('the caller row is not modified by imputation', () => {
    const m = load(spec('cs_gaussian_imputed'));
    const raw = encode(m, ['color', 'z', 'x'], ['', '', '1']);
    m.score(raw, new Float64Array(1), 0);
    expect(Number.isNaN(raw[0]) && Number.isNaN(raw[1])).toBe(true);
  });

  test('ordinal link on a single-output family fails every row', () => {
    const m = load({ ...spec('cs_gaussian'), link: 'ologit' });
    expect(scoreRow(m, encode(m, ['color', 'z', 'x'], ['r', '1', '2']))).toBe('ROW_ERROR');
  });

  test('a missing link takes the family default', () => {
    const s = spec('ms_poisson');
    delete s.link;
    const a = load(s);
    const b = load(spec('ms_poisson'));
    const row = encode(a, ['z', 'x'], ['0.2', '2.5']);
    expect(scoreRow(a, row)).toEqual(scoreRow(b, row));
  });
});

describe('GAM corrupt MOJOs fail at load with MOJO_FORMAT', () => {
  const bad = (s: GamSpec) => codeOf(() => decodeModelBytes(writeGamMojo(s)));
  const withInfo = (name: string, info: GamSpec['info']) => ({ ...spec(name), info });

  test.each([
    ['unknown family', withInfo('cs_gaussian', [['family', 'binomial']])],
    ['unknown link', withInfo('cs_gaussian', [['link', 'probit']])],
    ['missing num_MS_col', { ...spec('cs_gaussian'), omit: ['num_MS_col'] }],
    ['missing numsCenter', { ...spec('cs_gaussian'), omit: ['numsCenter'] }],
    ['column counts do not add up', withInfo('cs_gaussian', [['num_CS_col', int(2)]])],
    ['bs_sorted out of group order', withInfo('multinomial_cs_ms', [['bs_sorted', ints([3, 0])]])],
    ['non-integer knot counts', withInfo('cs_gaussian', [['num_knots_sorted', [5.5]]])],
    ['too few cubic knots', withInfo('cs_gaussian', [['num_knots_sorted', ints([2])]])],
    ['spline order 0', withInfo('is_binomial', [['spline_orders_sorted', ints([0])]])],
    ['missing knots blob', { ...spec('cs_gaussian'), omit: ['knots'] }],
    ['truncated knots blob', { ...spec('cs_gaussian'), files: { knots: beDoubles([0, 1, 2]) } }],
    ['truncated zTranspose', { ...spec('cs_gaussian'), files: { zTranspose: beDoubles([1, 2, 3]) } }],
    ['truncated _binvD', { ...spec('cs_gaussian'), files: { _binvD: beDoubles([1]) } }],
    ['truncated zTransposeCS', { ...spec('tp2_gaussian'), files: { zTransposeCS: beDoubles([1]) } }],
    ['truncated polynomialBasisList', { ...spec('tp2_gaussian'), files: { polynomialBasisList: new Uint8Array(5) } }],
    ['missing gamColMeansRaw', { ...spec('tp2_gaussian'), omit: ['gamColMeansRaw'] }],
    ['too many gam column names', { ...spec('cs_gaussian'), files: { gam_columns_sorted: 'x\ny\n' } }],
    ['too many centred names', { ...spec('cs_gaussian'), files: { gamColNamesCenter: 'a\nb\nc\nd\ne\n' } }],
    ['missing source name', { ...spec('cs_gaussian'), files: { gam_columns_sorted: '' } }],
    ['short multinomial coefficients', { ...spec('multinomial_cs_ms'), files: { beta_multinomial_centering: beDoubles([1, 2]) } }],
    ['no beta_center', { ...spec('cs_gaussian'), omit: ['beta_center'] }],
    ['cat_offsets of the wrong length', withInfo('cs_gaussian', [['cat_offsets', ints([0])]])],
    ['more expanded columns than features', withInfo('cs_gaussian', [['num_expanded_gam_columns_center', int(99)]])],
    ['short imputation fills', { ...spec('cs_gaussian_imputed'), info: [['catNAFills', ints([])]] }],
  ] as [string, GamSpec][])('%s', (_name, s) => {
    expect(bad(s)).toBe('MOJO_FORMAT');
  });
});
