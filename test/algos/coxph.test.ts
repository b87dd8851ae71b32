import { describe, expect, test } from 'bun:test';
import { decodeModelBytes } from '../../src/algos/index.ts';
import { COXPH_COLUMNS, COXPH_INFO, coxphMojo } from '../support/algo-models/coxph.ts';
import { int, type LinearMojoSpec } from '../support/linear-mojo.ts';
import { beDoubles } from '../support/mojo-writer/bytes.ts';
import { codeOf } from '../support/errors.ts';

function coxph(info: LinearMojoSpec['info'], columns: LinearMojoSpec['columns'], xCat: number[][], xNum: number[][]) {
  return decodeModelBytes(coxphMojo(info, columns, xCat, xNum));
}

const score = (m: ReturnType<typeof coxph>, row: number[], offset = 0) => {
  const out = new Float64Array(1);
  m.score(Float64Array.from(row), out, offset);
  return out[0];
};

describe('CoxPH', () => {
  // g ∈ {a,b,c} (level 0 dropped), x numeric; coef = [b, c, x]; means: cat [0.2, 0.3], num [1.5].
  const cols = COXPH_COLUMNS;
  const base = COXPH_INFO;
  const lpBase = 0.2 * 0.5 + 0.3 * -1 + 1.5 * 2;

  test('old layout (no num_numerical_columns): lp = coef·x − coef·means + offset', () => {
    const m = coxph(base, cols, [[0.2, 0.3]], [[1.5]]);
    expect(m.outputs).toEqual([{ name: 'lp', kind: 'number' }]);
    expect(score(m, [2, 3])).toBe(-1 + 6 - lpBase);
    expect(score(m, [0, 3], 1)).toBe(6 - lpBase + 1);
  });

  test('missing categorical gives NaN', () => {
    const m = coxph(base, cols, [[0.2, 0.3]], [[1.5]]);
    expect(score(m, [NaN, 3])).toBeNaN();
  });

  test('num_offsets layout and strata (strata columns lead the row)', () => {
    const info: LinearMojoSpec['info'] = [
      ...base.filter(([k]) => k !== 'strata_count'),
      ['num_numerical_columns', int(1)],
      ['num_offsets', { raw: '[2, 3]' }],
      ['strata_count', int(2)],
      ['strata_0', [0]],
      ['strata_1', [1]],
    ];
    const m = coxph(
      info,
      [{ name: 's', domain: ['s0', 's1'] }, ...cols],
      [
        [0.2, 0.3],
        [0, 0],
      ],
      [[1.5], [1]],
    );
    expect(score(m, [0, 1, 1])).toBe(0.5 + 2 - lpBase);
    expect(score(m, [1, 1, 1])).toBe(0.5 + 2 - 2);
  });

  test('unknown stratum is a row error', () => {
    const info: LinearMojoSpec['info'] = [...base.filter(([k]) => k !== 'strata_count'), ['strata_count', int(1)], ['strata_0', [0]]];
    const m = coxph(info, [{ name: 's', domain: ['s0', 's1'] }, ...cols], [[0.2, 0.3]], [[1.5]]);
    expect(codeOf(() => score(m, [1, 1, 1]))).toBe('ROW_ERROR');
  });

  test('num×num interaction is computed when the column is empty', () => {
    const icols = [{ name: 'u' }, { name: 'v' }, { name: 'u_v' }, { name: 'stop' }];
    const info: LinearMojoSpec['info'] = [
      ['coef', [1, 1, 10]],
      ['cats', int(0)],
      ['cat_offsets', { raw: '[0]' }],
      ['use_all_factor_levels', false],
      ['strata_count', int(0)],
      ['num_numerical_columns', int(3)],
      ['num_offsets', { raw: '[0, 1, 2, 3]' }],
      ['interaction_targets', { raw: '[2]' }],
      ['interactions_1', { raw: '[0]' }],
      ['interactions_2', { raw: '[1]' }],
    ];
    const m = coxph(info, icols, [[]], [[0, 0, 0]]);
    expect(score(m, [2, 3, NaN])).toBe(2 + 3 + 60);
    expect(score(m, [2, 3, 1])).toBe(2 + 3 + 10);
  });

  test('truncated mean matrix is a format error', () => {
    expect(
      codeOf(() =>
        // model.ini says 1×2 categorical means; the entry holds one.
        decodeModelBytes(coxphMojo(base, cols, [[0.2, 0.3]], [[1.5]], { x_mean_cat: beDoubles([0.2]) })),
      ),
    ).toBe('MOJO_FORMAT');
  });
});
