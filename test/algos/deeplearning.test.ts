import { describe, expect, test } from 'bun:test';
import { decodeModelBytes, type Model } from '../../src/algos/index.ts';
import { maxoutMojo } from '../support/algo-models/deeplearning.ts';
import { baseInfo, writeDenseMojo, type InfoValue } from '../support/dense-mojo.ts';
import { codeOf } from '../support/errors.ts';

function score(m: Model, row: number[]): Float64Array {
  const out = new Float64Array(m.outWidth);
  m.score(Float64Array.from(row), out, 0);
  return out;
}

/** Categorical c ∈ {a, b} + numeric n, 1 hidden Rectifier unit, 4 reconstructed outputs. */
function autoEncoder(over: Record<string, InfoValue> = {}): Uint8Array {
  return writeDenseMojo({
    info: baseInfo('deeplearning', 'Deep Learning', 'AutoEncoder', {
      supervised: false,
      n_features: 2,
      n_classes: 1,
      mini_batch_size: 1,
      nums: 1,
      cats: 1,
      cat_offsets: [0, 3],
      norm_mul: [2],
      norm_sub: [1],
      use_all_factor_levels: true,
      activation: 'Rectifier',
      distribution: 'gaussian',
      mean_imputation: true,
      neural_network_sizes: [4, 1, 4],
      hidden_dropout_ratios: [0, 0],
      weight_layer0: [1, 0, 0, 1],
      bias_layer0: [0],
      weight_layer1: [1, 2, 3, 4],
      bias_layer1: [0, 0, 0, 0],
      ...over,
    }),
    columns: ['c', 'n'],
    domains: { 0: ['a', 'b'] },
  });
}

describe('deep learning AutoEncoder', () => {
  const m = decodeModelBytes(autoEncoder());
  test('output names follow GenModel.getOutputNames, plus Reconstruction.MSE', () => {
    expect(m.outputs.map((c) => c.name)).toEqual([
      'reconstr_c.a',
      'reconstr_c.b',
      'reconstr_c.missing(NA)',
      'reconstr_n',
      'Reconstruction.MSE',
    ]);
  });
  test('reconstruction and MSE (hand-computed)', () => {
    // input [0,1,0,(3-1)·2=4] → hidden 4 → [4,8,12,16]; numeric de-standardised 16/2+1 = 9
    expect([...score(m, [1, 3])]).toEqual([4, 8, 12, 9, (16 + 49 + 144 + 144) / 4]);
    // missing level → NA slot (weight 0): same reconstruction, original one-hot [0,0,1]
    expect([...score(m, [NaN, 3])]).toEqual([4, 8, 12, 9, (16 + 64 + 121 + 144) / 4]);
  });
  test('missing numeric: standardised to 0, MSE NaN as in the reference', () => {
    const out = score(m, [0, NaN]);
    // input [1,0,0,0] → hidden 1 → [1,2,3,4]; numeric 4/2+1
    expect([...out.subarray(0, 4)]).toEqual([1, 2, 3, 3]);
    expect(out[4]).toBeNaN();
  });
});

describe('deep learning Maxout', () => {
  test('pieces and max (hand-computed)', () => {
    const m = decodeModelBytes(maxoutMojo());
    expect(score(m, [1, 2])[0]).toBe(2 * 5.5 + 1); // pieces 5.5 and 4
    expect(score(m, [-1, 1])[0]).toBe(2 * 3 + 1); // pieces 1.5 and 3
    expect(score(m, [NaN, NaN])[0]).toBe(2 * 0.5 + 1); // missing → 0
  });
  test('MaxoutWithDropout scales the hidden output by 1 − ratio', () => {
    const m = decodeModelBytes(maxoutMojo({ activation: 'MaxoutWithDropout', hidden_dropout_ratios: [0.5, 0] }));
    expect(score(m, [1, 2])[0]).toBe(2 * 2.75 + 1);
  });
  test('three pieces: the reference indexes past the layer on every row', () => {
    const m = decodeModelBytes(maxoutMojo({ weight_layer0: [1, 1, 1, 1, 1, 1], bias_layer0: [0, 0, 0] }));
    expect(codeOf(() => score(m, [1, 1]))).toBe('ROW_ERROR');
  });
});

describe('deep learning classifier / regression rows', () => {
  const binomial = () =>
    writeDenseMojo({
      info: baseInfo('deeplearning', 'Deep Learning', 'Binomial', {
        supervised: true,
        n_features: 1,
        n_classes: 2,
        mini_batch_size: 1,
        nums: 1,
        cats: 0,
        cat_offsets: [0],
        use_all_factor_levels: true,
        activation: 'Tanh',
        distribution: 'bernoulli',
        mean_imputation: true,
        neural_network_sizes: [1, 1, 2],
        hidden_dropout_ratios: [0, 0],
        weight_layer0: [1],
        bias_layer0: [0],
        weight_layer1: [1, -1],
        bias_layer1: [0, 0],
      }),
      columns: ['x', 'y'],
      domains: { 1: ['no', 'yes'] },
    });
  test('softmax probabilities and threshold label', () => {
    const m = decodeModelBytes(binomial());
    const out = score(m, [0.5]);
    const p0 = 1 / (1 + Math.exp(-2 * (1 - 2 / (1 + Math.exp(1)))));
    expect(out[1]).toBeCloseTo(p0, 12);
    expect(out[1] + out[2]).toBeCloseTo(1, 15);
    expect(out[0]).toBe(0);
  });
  test('NaN probability is a row error', () => {
    const m = decodeModelBytes(
      writeDenseMojo({
        info: baseInfo('deeplearning', 'Deep Learning', 'Binomial', {
          supervised: true,
          n_features: 1,
          n_classes: 2,
          mini_batch_size: 1,
          nums: 1,
          cats: 0,
          cat_offsets: [0],
          use_all_factor_levels: true,
          activation: 'Rectifier',
          distribution: 'bernoulli',
          mean_imputation: true,
          neural_network_sizes: [1, 1, 2],
          hidden_dropout_ratios: [0, 0],
          weight_layer0: [1],
          bias_layer0: [0],
          weight_layer1: [1, -1],
          bias_layer1: [0, 0],
        }),
        columns: ['x', 'y'],
        domains: { 1: ['no', 'yes'] },
      }),
    );
    expect(() => score(m, [Infinity])).toThrow('Predicted class probability NaN!');
  });
  test('regression de-standardises the response', () => {
    const m = decodeModelBytes(maxoutMojo({ norm_resp_mul: [4], norm_resp_sub: [10] }));
    expect(score(m, [1, 2])[0]).toBe(12 / 4 + 10);
  });
});

describe('deep learning corrupt MOJOs', () => {
  test('weight count mismatch', () => {
    expect(codeOf(() => decodeModelBytes(maxoutMojo({ weight_layer0: [1, 2, 3] })))).toBe('MOJO_FORMAT');
  });
  test('unknown activation', () => {
    expect(codeOf(() => decodeModelBytes(maxoutMojo({ activation: 'Sigmoid' })))).toBe('MOJO_FORMAT');
  });
  test('input layer width disagrees with the encoding', () => {
    expect(codeOf(() => decodeModelBytes(autoEncoder({ cat_offsets: [0, 2] })))).toBe('MOJO_FORMAT');
  });
  test('missing dropout ratios', () => {
    expect(codeOf(() => decodeModelBytes(maxoutMojo({ hidden_dropout_ratios: [0] })))).toBe('MOJO_FORMAT');
  });
});
