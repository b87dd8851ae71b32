/**
 * Target Encoder on tiny hand-built MOJOs; expected values are worked out by hand from the
 * encoding maps (posterior = num/den, blending λ = 1/(1+exp((k-n)/f)), priors over all levels).
 */
import { describe, expect, test } from 'bun:test';
import { decodeModelBytes, type Model } from '../../src/algos/index.ts';
import { BINOMIAL_TE_FILES, BLENDED_BINOMIAL_TE, teSpec } from '../support/algo-models/targetencoder.ts';
import { buildMojo } from '../support/multi-mojo.ts';
import { codeOf } from '../support/errors.ts';

function score(m: Model, row: number[], offset = 0): number[] {
  const out = new Float64Array(m.outWidth);
  m.score(Float64Array.from(row), out, offset);
  return [...out];
}

describe('target encoder: binomial with blending (k = 3, f = 2)', () => {
  const m = decodeModelBytes(buildMojo(BLENDED_BINOMIAL_TE));
  // color prior: (2+1+3+0)/(4+5+3+2) = 6/14; size prior: 6/14.
  const prior = 6 / 14;
  const blend = (num: number, den: number) => {
    const lambda = 1 / (1 + Math.exp((3 - den) / 2));
    return lambda * (num / den) + (1 - lambda) * prior;
  };

  test('outputs are the reference te columns', () => {
    expect(m.outputs.map((c) => c.name)).toEqual(['color_te', 'size_te']);
    expect(m.inputs.map((c) => c.name)).toEqual(['color', 'size']);
  });

  test('known levels are blended towards the prior', () => {
    const [c, s] = score(m, [0, 1]);
    // red: 2/4 with n = 4 → λ = 1/(1+e^-0.5) = 0.6224593312018546
    expect(c).toBeCloseTo(0.6224593312018546 * 0.5 + (1 - 0.6224593312018546) * prior, 14);
    expect(c).toBe(blend(2, 4));
    expect(s).toBe(blend(2, 6));
    expect(score(m, [2, 0])).toEqual([blend(3, 3), blend(4, 8)]);
  });

  test('missing: NA level when training saw NAs, prior otherwise', () => {
    // color has NAs → level 3 (0/2 blended); size has none → prior 6/14
    expect(score(m, [NaN, NaN])).toEqual([blend(0, 2), prior]);
  });

  test('an offset is refused like the reference', () => {
    expect(codeOf(() => score(m, [0, 0], 1))).toBe('ROW_ERROR');
  });
});

describe('target encoder: multiclass, no blending', () => {
  const spec = teSpec({
    nclasses: 3,
    columns: [
      { name: 'color', domain: ['red', 'green'] },
      { name: 'y', domain: ['a', 'b', 'c'] },
    ],
    files: {
      'encoding_map.ini': '[color]\n0 = 1.0 4.0 1\n0 = 2.0 4.0 2\n1 = 3.0 5.0 1\n1 = 1.0 5.0 2\n2 = 0.0 1.0 1\n2 = 1.0 1.0 2\n',
      'te_column_name_to_missing_values_presence.ini': 'color = 0\n',
      'input_encoding_columns_map.ini': '[from]\ncolor\n[to]\ncolor\n',
      'input_output_columns_map.ini': '[from]\ncolor\n[to]\ncolor_b_te\ncolor_c_te\n',
    },
  });
  const m = decodeModelBytes(buildMojo(spec));

  test('one value per class after the first', () => {
    expect(m.outputs.map((c) => c.name)).toEqual(['color_b_te', 'color_c_te']);
    expect(score(m, [0])).toEqual([0.25, 0.5]);
    expect(score(m, [1])).toEqual([0.6, 0.2]);
  });

  test('missing without NAs in training → class priors', () => {
    // class 1: (1+3+0)/(4+5+1) = 0.4; class 2: (2+1+1)/10 = 0.4
    expect(score(m, [NaN])).toEqual([0.4, 0.4]);
  });
});

describe('target encoder: interaction of two columns', () => {
  const spec = teSpec({
    nclasses: 1,
    columns: [{ name: 'a', domain: ['x', 'y'] }, { name: 'b', domain: ['p', 'q', 'r'] }, { name: 'target' }],
    files: {
      // interaction code = a + 3·b (a missing → 2, b missing → 3); domain [0, 1, 4, 6] = xp, yp, yq, xr
      'encoding_map.ini': '[a:b]\n0 = 10.0 2.0\n1 = 20.0 4.0\n2 = 9.0 3.0\n3 = 7.0 7.0\n4 = 1.0 1.0\n',
      'te_column_name_to_missing_values_presence.ini': 'a:b = 1\n',
      'input_encoding_columns_map.ini': '[from]\na\nb\n[to]\na:b\n[to_domain]\n0\n1\n4\n6\n',
      'input_output_columns_map.ini': '[from]\na\nb\n[to]\na:b_te\n',
    },
  });
  const m = decodeModelBytes(buildMojo(spec));

  test('combinations map onto the interaction domain', () => {
    expect(m.outputs.map((c) => c.name)).toEqual(['a:b_te']);
    expect(score(m, [0, 0])).toEqual([5]); // xp → level 0: 10/2
    expect(score(m, [1, 0])).toEqual([5]); // yp → level 1: 20/4
    expect(score(m, [1, 1])).toEqual([3]); // yq → level 2: 9/3
    expect(score(m, [0, 2])).toEqual([1]); // xr → level 3: 7/7
  });

  test('an unknown combination or a missing part → the NA level', () => {
    expect(score(m, [0, 1])).toEqual([1]); // xq = 3 is not in the domain → NA level 4: 1/1
    expect(score(m, [NaN, 0])).toEqual([1]); // code 2 not in the domain
  });
});

describe('target encoder: legacy MOJO without column mappings', () => {
  const spec = teSpec({
    nclasses: 1,
    columns: [{ name: 'age', domain: ['young', 'old'] }, { name: 'color', domain: ['red', 'green'] }, { name: 'target' }],
    files: {
      'encoding_map.ini': '[age]\n0 = 1.0 2.0\n1 = 3.0 4.0\n2 = 1.0 1.0\n[color]\n0 = 1.0 4.0\n1 = 1.0 8.0\n2 = 0.0 4.0\n',
      'te_column_name_to_missing_values_presence.ini': 'age = 0\ncolor = 1\n',
    },
  });
  const m = decodeModelBytes(buildMojo(spec));

  test('columns come in java.util.HashMap order with default names', () => {
    // "age".hashCode() lands in bucket 14, "color" in bucket 4 → color first.
    expect(m.outputs.map((c) => c.name)).toEqual(['color_te', 'age_te']);
    expect(score(m, [1, 0])).toEqual([0.25, 0.75]);
    // color NA level 2 → 0/4; age without NAs → prior (1+3+1)/(2+4+1)
    expect(score(m, [NaN, NaN])).toEqual([0, 5 / 7]);
  });
});

describe('target encoder: corrupt artifacts and impossible rows', () => {
  test('no encoding map → MOJO_FORMAT', () => {
    const files = { ...BINOMIAL_TE_FILES } as Record<string, string>;
    delete files['encoding_map.ini'];
    expect(codeOf(() => decodeModelBytes(buildMojo(teSpec({ files }))))).toBe('MOJO_FORMAT');
  });

  test('malformed encoding line → MOJO_FORMAT', () => {
    const files = { ...BINOMIAL_TE_FILES, 'encoding_map.ini': '[color]\n0 = 2.0 four\n' };
    expect(codeOf(() => decodeModelBytes(buildMojo(teSpec({ files }))))).toBe('MOJO_FORMAT');
  });

  test('mapping to an input the model does not have → MOJO_FORMAT', () => {
    const files = { ...BINOMIAL_TE_FILES, 'input_encoding_columns_map.ini': '[from]\nshape\n[to]\ncolor\n' };
    expect(codeOf(() => decodeModelBytes(buildMojo(teSpec({ files }))))).toBe('MOJO_FORMAT');
  });

  test('with_blending missing → MOJO_FORMAT', () => {
    expect(codeOf(() => decodeModelBytes(buildMojo(teSpec({ info: [], files: BINOMIAL_TE_FILES }))))).toBe('MOJO_FORMAT');
  });

  test('a level absent from the encoding map → ROW_ERROR', () => {
    const files = { ...BINOMIAL_TE_FILES, 'encoding_map.ini': '[color]\n0 = 2.0 4.0\n3 = 0.0 2.0\n[size]\n0 = 4.0 8.0\n1 = 2.0 6.0\n' };
    const m = decodeModelBytes(buildMojo(teSpec({ files })));
    expect(codeOf(() => score(m, [1, 0]))).toBe('ROW_ERROR');
  });

  test('no NA flag for a column and a missing value → ROW_ERROR', () => {
    const files = { ...BINOMIAL_TE_FILES, 'te_column_name_to_missing_values_presence.ini': 'size = 0\n' };
    const m = decodeModelBytes(buildMojo(teSpec({ files })));
    expect(score(m, [0, 0]).length).toBe(2);
    expect(codeOf(() => score(m, [NaN, 0]))).toBe('ROW_ERROR');
  });
});

// Values below were confirmed against h2o-genmodel (Java MojoModel + EasyPredictModelWrapper) on
// the same MOJOs; they pin Java's behaviour where hand-derivation is easy to get wrong.
describe('target encoder: Java-confirmed edge cases', () => {
  test('fractional denominators: blending uses n = (long) den', () => {
    const lv = Array.from({ length: 20 }, (_, i) => `L${i}`);
    const dens = [0.4, 2.999, 3, 1e6, 1.5, 7.25, 12, 0.999, 5, 100.5, 2, 4, 6, 8, 9.9, 10, 11, 13, 14, 1];
    let map = '[g]\n';
    for (let i = 0; i <= 20; i++)
      map += `${i} = ${((dens[i % 20] * ((i * 37) % 11)) / 13).toPrecision(12)} ${dens[i % 20] + (i === 20 ? 0.5 : 0)}\n`;
    const m = decodeModelBytes(
      buildMojo(
        teSpec({
          nclasses: 1,
          columns: [{ name: 'g', domain: lv }, { name: 't' }],
          info: [
            ['with_blending', true],
            ['inflection_point', 3.3],
            ['smoothing', 0.37],
          ],
          files: {
            'encoding_map.ini': map,
            'te_column_name_to_missing_values_presence.ini': 'g = 1\n',
            'input_encoding_columns_map.ini': '[from]\ng\n[to]\ng\n',
            'input_output_columns_map.ini': '[from]\ng\n[to]\ng_te\n',
          },
        }),
      ),
    );
    const java: Record<number, number> = {
      0: 0.07696344986910877,
      1: 0.08364847637382254,
      2: 0.24265232677890036,
      3: 0.0769230769231,
      5: 0.69227975745807,
      7: 0.07702521061154252,
      9: 0.23076923076915426,
      11: 0.010085786389503202,
      19: 0.07835328483672793,
    };
    for (const [lvl, v] of Object.entries(java)) expect(score(m, [Number(lvl)])).toEqual([v]);
    expect(score(m, [NaN])).toEqual([0.0769771744785385]);
  });

  test('legacy multiclass: <col>_<class>_te names in HashMap order, blended', () => {
    const m = decodeModelBytes(
      buildMojo(
        teSpec({
          nclasses: 3,
          columns: [
            { name: 'zeta', domain: ['p', 'q'] },
            { name: 'alpha', domain: ['u', 'v'] },
            { name: 'y', domain: ['a', 'b', 'c'] },
          ],
          info: [
            ['with_blending', true],
            ['inflection_point', 2],
            ['smoothing', 1],
          ],
          files: {
            'encoding_map.ini':
              '[zeta]\n0 = 1.0 4.0 1\n0 = 2.0 4.0 2\n1 = 3.0 5.0 1\n1 = 1.0 5.0 2\n2 = 0.0 1.0 1\n2 = 1.0 1.0 2\n' +
              '[alpha]\n0 = 1.5 3.0 1\n0 = 0.5 3.0 2\n1 = 2.0 2.0 1\n1 = 0.0 2.0 2\n2 = 1.0 3.0 1\n2 = 1.0 3.0 2\n',
            'te_column_name_to_missing_values_presence.ini': 'zeta = 1\nalpha = 0\n',
          },
        }),
      ),
    );
    expect(m.outputs.map((c) => c.name)).toEqual(['zeta_1_te', 'zeta_2_te', 'alpha_1_te', 'alpha_2_te']);
    expect(score(m, [0, 0])).toEqual([0.26788043830331765, 0.48807970779778825, 0.5168088388356247, 0.17226961294520823]);
    expect(score(m, [1, 1])).toEqual([0.5905148253644867, 0.20948517463551336, 0.78125, 0.09375]);
    expect(score(m, [NaN, NaN])).toEqual([0.29242343145200195, 0.561364852821997, 0.5625, 0.1875]);
  });

  test('three-column interaction: a missing part takes the last code of its column', () => {
    const m = decodeModelBytes(
      buildMojo(
        teSpec({
          columns: [
            { name: 'a', domain: ['x', 'y'] },
            { name: 'b', domain: ['p', 'q', 'r'] },
            { name: 'c', domain: ['m', 'n'] },
            { name: 'y', domain: ['0', '1'] },
          ],
          files: {
            'encoding_map.ini': '[a:b:c]\n0 = 1.0 2.0\n1 = 2.0 4.0\n2 = 3.0 3.0\n3 = 1.0 7.0\n4 = 5.0 6.0\n5 = 2.0 9.0\n6 = 1.0 1.0\n',
            'te_column_name_to_missing_values_presence.ini': 'a:b:c = 1\n',
            'input_encoding_columns_map.ini': '[from]\na\nb\nc\n[to]\na:b:c\n[to_domain]\n0\n4\n8\n12\n17\n35\n',
            'input_output_columns_map.ini': '[from]\na\nb\nc\n[to]\na:b:c_te\n',
          },
        }),
      ),
    );
    expect(score(m, [0, 0, 0])).toEqual([0.5]);
    expect(score(m, [1, 1, 0])).toEqual([0.5]);
    expect(score(m, [0, 0, 1])).toEqual([0.14285714285714285]);
    expect(score(m, [NaN, NaN, NaN])).toEqual([0.2222222222222222]); // code 2 + 3·3 + 12·2 = 35
    expect(score(m, [1, 2, 1])).toEqual([1]); // not in the domain → NA level 6
  });

  test('a level missing from the map: the NA level is (map size - 1), so NA rows fail like Java', () => {
    const files = {
      ...BINOMIAL_TE_FILES,
      'encoding_map.ini': '[color]\n0 = 2.0 4.0\n1 = 1.0 5.0\n3 = 0.0 2.0\n[size]\n0 = 4.0 8.0\n1 = 2.0 6.0\n',
    };
    const m = decodeModelBytes(buildMojo(teSpec({ files })));
    expect(score(m, [0, NaN])).toEqual([0.5, 0.42857142857142855]);
    expect(score(m, [1, 1])).toEqual([0.2, 0.3333333333333333]);
    expect(codeOf(() => score(m, [NaN, 0]))).toBe('ROW_ERROR'); // Java: NullPointerException
    expect(codeOf(() => score(m, [2, 0]))).toBe('ROW_ERROR');
  });
});
