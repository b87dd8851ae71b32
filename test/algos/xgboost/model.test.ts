/**
 * XGBoost MOJOs built in memory: output layouts, links, one-hot encoding, offset, SHAP and
 * leaf assignments, with hand-computed expectations.
 */
import { describe, expect, test } from 'bun:test';
import { decodeModelBytes, type Model } from '../../../src/algos/index.ts';
import { OneHotEncoder } from '../../../src/algos/xgboost/onehot.ts';
import { JavaRandom } from '../../../src/algos/common/index.ts';
import {
  makeXgboostMojo,
  writeAuxNodeWeights,
  writeBooster,
  type BoosterSpec,
  type MojoSpec,
  type NodeSpec,
} from '../../support/xgboost-writer.ts';
import { codeOf } from '../../support/errors.ts';

const f32 = Math.fround;

function score(m: Model, row: number[], offset = 0): number[] {
  const out = new Float64Array(m.outWidth);
  m.score(Float64Array.from(row), out, offset);
  return [...out];
}

// x < 0 (missing → left): +1 | -1
const STUMP: NodeSpec[] = [
  { feature: 0, split: 0, left: 1, right: 2, defaultLeft: true, cover: 4 },
  { leaf: 1, cover: 3 },
  { leaf: -1, cover: 1 },
];

function mojo(spec: Partial<BoosterSpec>, m: Partial<MojoSpec> = {}): Model {
  const booster = writeBooster({
    baseScore: 0.5,
    numFeature: 1,
    objective: 'reg:squarederror',
    booster: 'gbtree',
    major: 1,
    minor: 6,
    trees: [STUMP],
    ...spec,
  });
  return decodeModelBytes(makeXgboostMojo({ booster, category: 'Regression', features: [{ name: 'x' }], ...m }));
}

describe('regression', () => {
  test('margin + base score, identity link', () => {
    const m = mojo({});
    expect(m.outputs.map((c) => c.name)).toEqual(['predict']);
    expect(score(m, [-1])).toEqual([1.5]);
    expect(score(m, [2])).toEqual([-0.5]);
    expect(score(m, [NaN])).toEqual([1.5]);
  });

  test('count:poisson applies exp in float32', () => {
    const m = mojo({ objective: 'count:poisson', baseScore: 1 }); // base margin log(1) = 0
    expect(score(m, [-1])).toEqual([f32(Math.E)]);
  });

  test('offset replaces base score; a model without offset rejects a non-zero one', () => {
    const withOffset = mojo({}, { offsetColumn: 'off' });
    expect(withOffset.inputs.map((c) => c.name)).toEqual(['x']);
    expect(score(withOffset, [-1], 2)).toEqual([3]);
    expect(score(withOffset, [-1], 0)).toEqual([1]);
    expect(codeOf(() => score(mojo({}), [-1], 2))).toBe('ROW_ERROR');
  });
});

describe('classification', () => {
  test('binomial: [label, 1 - p, p] with p = sigmoid(margin) in float32', () => {
    const m = mojo(
      { objective: 'binary:logistic', baseScore: 0.5 },
      { category: 'Binomial', response: { name: 'y', domain: ['no', 'yes'] } },
    );
    expect(m.outputs.map((c) => c.name)).toEqual(['predict', 'no', 'yes']);
    const p = f32(1 / f32(1 + f32(Math.exp(-1))));
    expect(score(m, [-1])).toEqual([1, f32(1 - p), p]);
    const q = f32(1 / f32(1 + f32(Math.exp(1))));
    expect(score(m, [1])).toEqual([0, f32(1 - q), q]);
  });

  test('binomial with Platt calibration adds cal_ columns', () => {
    const m = mojo(
      { objective: 'binary:logistic', baseScore: 0.5 },
      {
        category: 'Binomial',
        response: { name: 'y', domain: ['0', '1'] },
        extraInfo: { calib_method: 'platt', calib_glm_beta: '[2.0, -1.0]' },
      },
    );
    expect(m.outputs.map((c) => c.name)).toEqual(['predict', 'p0', 'p1', 'cal_p0', 'cal_p1']);
    const out = score(m, [-1]);
    const cal = 1 / (Math.exp(-(out[1] * 2 - 1)) + 1); // Platt works on P(class 0), as the reference does
    expect(out[3]).toBe(1 - cal);
    expect(out[4]).toBe(cal);
  });

  test('multinomial softprob: one output group per class', () => {
    const m = mojo(
      {
        objective: 'multi:softprob',
        numClass: 3,
        baseScore: 0.5,
        trees: [[{ leaf: 1 }], [{ leaf: 2 }], [{ leaf: 3 }]],
        treeInfo: [0, 1, 2],
      },
      { category: 'Multinomial', response: { name: 'y', domain: ['a', 'b', 'c'] } },
    );
    const out = score(m, [0]);
    expect(out[0]).toBe(2);
    const e = [Math.exp(-2), Math.exp(-1), 1];
    const s = e[0] + e[1] + e[2];
    for (let i = 0; i < 3; i++) expect(out[1 + i]).toBeCloseTo(e[i] / s, 6);
    for (let i = 1; i <= 3; i++) expect(out[i]).toBe(f32(out[i]));
  });

  test('multinomial exact tie is broken by java.util.Random over the priors', () => {
    const m = mojo(
      { objective: 'multi:softprob', numClass: 3, trees: [[{ leaf: 0 }], [{ leaf: 0 }], [{ leaf: 0 }]], treeInfo: [0, 1, 2] },
      { category: 'Multinomial', response: { name: 'y', domain: ['a', 'b', 'c'] } },
    );
    // Row of zeros → hash 0 → Random(0).nextDouble() = 0.730967787376657 → third of three equal priors.
    expect(score(m, [0])[0]).toBe(2);
  });

  test('java.util.Random reference values', () => {
    expect(new JavaRandom(0n).nextDouble()).toBe(0.730967787376657);
    expect(new JavaRandom(42n).nextDouble()).toBe(0.7275636800328681);
  });
});

describe('one-hot encoding (OneHotEncoderFactory)', () => {
  const spec = { cats: 1, nums: 1, catOffsets: Int32Array.from([0, 3]), useAllFactorLevels: true, compat10: false, rawLength: 2 };
  function enc(sparse: boolean, raw: number[], extra: Partial<typeof spec> = {}): number[] {
    const e = new OneHotEncoder({ ...spec, sparse, ...extra }, 't');
    const fv = new Float64Array(e.width);
    e.encode(Float64Array.from(raw), fv);
    return [...fv];
  }
  test('dense: cold slots and numeric zero stay 0, missing level is the last slot', () => {
    expect(enc(false, [1, 0])).toEqual([0, 1, 0, 0]);
    expect(enc(false, [NaN, NaN])).toEqual([0, 0, 1, NaN]);
    expect(enc(false, [0, 0.1])).toEqual([1, 0, 0, f32(0.1)]);
  });
  test('sparse: cold slots and numeric zero are missing', () => {
    expect(enc(true, [0, 0])).toEqual([1, NaN, NaN, NaN]);
    // a subnormal double becomes float 0, hence missing too
    expect(enc(true, [1, 5e-324])).toEqual([NaN, 1, NaN, NaN]);
  });
  test('without all factor levels, level 0 is the reference (nothing hot)', () => {
    const o = { catOffsets: Int32Array.from([0, 2]), useAllFactorLevels: false };
    expect(enc(false, [0, 1], o)).toEqual([0, 0, 1]);
    expect(enc(false, [1, 1], o)).toEqual([1, 0, 1]);
  });
  test('1.0 encoder pads short rows with zeros; a short row otherwise fails', () => {
    expect(enc(false, [2], { compat10: true, rawLength: 1 })).toEqual([0, 0, 1, 0]);
    expect(new OneHotEncoder({ ...spec, sparse: false, rawLength: 1 }, 't').rowError).not.toBeNull();
  });
  test('end to end: a categorical split', () => {
    // slot 1 ("b") < 0.5 → 10 | 20; a dense row with level "b" has slot 1 = 1 → 20
    const tree: NodeSpec[] = [{ feature: 1, split: 0.5, left: 1, right: 2 }, { leaf: 10 }, { leaf: 20 }];
    const m = mojo({ numFeature: 4, trees: [tree], baseScore: 0 }, { features: [{ name: 'c', domain: ['a', 'b'] }, { name: 'x' }] });
    expect(score(m, [1, 0])).toEqual([20]);
    expect(score(m, [0, 0])).toEqual([10]);
    expect(score(m, [NaN, 0])).toEqual([10]);
  });
});

describe('contributions (TreeSHAP)', () => {
  test('single split: phi = leaf - cover-weighted mean, bias = base + mean', () => {
    const m = mojo({});
    expect(m.explanations.contributions!.names).toEqual(['x', 'BiasTerm']);
    // mean = (3·1 + 1·(-1)) / 4 = 0.5
    expect(m.explanations.contributions!.compute(Float64Array.from([-1]), 0)).toEqual([0.5, 1]);
    expect(m.explanations.contributions!.compute(Float64Array.from([1]), 0)).toEqual([-1.5, 1]);
  });

  test('contributions add up to the margin on a two-level, two-feature tree', () => {
    const tree: NodeSpec[] = [
      { feature: 0, split: 0, left: 1, right: 2, cover: 10 },
      { feature: 1, split: 0, left: 3, right: 4, cover: 6 },
      { feature: 1, split: 1, left: 5, right: 6, cover: 4 },
      { leaf: 1, cover: 2 },
      { leaf: 2, cover: 4 },
      { leaf: -3, cover: 1 },
      { leaf: 5, cover: 3 },
    ];
    const m = mojo({ numFeature: 2, trees: [tree, STUMP] }, { features: [{ name: 'a' }, { name: 'b' }] });
    for (const row of [
      [-1, -1],
      [-1, 1],
      [1, 0.5],
      [1, 2],
      [NaN, NaN],
    ]) {
      const phi = m.explanations.contributions!.compute(Float64Array.from(row), 0) as number[];
      const sum = phi.reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(score(m, row)[0], 5);
    }
  });

  test('auxNodeWeights replace node covers', () => {
    const aux = writeAuxNodeWeights([[4, 1, 3]]); // now mean = (1·1 + 3·(-1)) / 4 = -0.5
    const m = mojo({}, { extraFiles: { auxNodeWeights: aux } });
    expect(m.explanations.contributions!.compute(Float64Array.from([-1]), 0)).toEqual([1.5, 0]);
  });

  test('categorical names: one per level plus missing(NA)', () => {
    const m = mojo({ numFeature: 4, baseScore: 0 }, { features: [{ name: 'c', domain: ['a', 'b'] }, { name: 'x' }] });
    expect(m.explanations.contributions!.names).toEqual(['c.a', 'c.b', 'c.missing(NA)', 'x', 'BiasTerm']);
  });

  test('not offered for multinomial or gblinear', () => {
    const multi = mojo(
      { objective: 'multi:softprob', numClass: 3, trees: [[{ leaf: 0 }], [{ leaf: 0 }], [{ leaf: 0 }]], treeInfo: [0, 1, 2] },
      { category: 'Multinomial', response: { name: 'y', domain: ['a', 'b', 'c'] } },
    );
    expect(multi.explanations.contributions).toBeUndefined();
    const lin = mojo({ booster: 'gblinear', linearWeights: [2, 1] }, { boosterType: 'gblinear' });
    expect(lin.explanations.contributions).toBeUndefined();
    expect(lin.explanations.leaf).toBeUndefined();
    expect(score(lin, [3])).toEqual([7.5]); // 1 + 0.5 + 3·2
  });
});

describe('leaf assignments', () => {
  test('paths (and node ids as an extra), one per tree in booster order', () => {
    const m = mojo({ trees: [STUMP, [{ leaf: 1 }]] });
    expect(m.explanations.leaf!.names).toEqual(['T1.C1', 'T2.C1']);
    expect(m.explanations.leaf!.compute(Float64Array.from([1]), 0)).toEqual(['R', '']);
    expect(m.explanations.leaf_node_ids.names).toEqual(['T1.C1.nodeid', 'T2.C1.nodeid']);
    expect(m.explanations.leaf_node_ids.compute(Float64Array.from([1]), 0)).toEqual([2, 0]);
  });
});

describe('load-time validation', () => {
  test('a split on a feature beyond the encoded row', () => {
    const tree: NodeSpec[] = [{ feature: 5, split: 0, left: 1, right: 2 }, { leaf: 1 }, { leaf: 2 }];
    expect(codeOf(() => mojo({ trees: [tree] }))).toBe('MOJO_FORMAT');
  });
  test('truncated boosterBytes inside a MOJO', () => {
    const booster = writeBooster({ baseScore: 0.5, numFeature: 1, objective: 'reg:squarederror', booster: 'gbtree', trees: [STUMP] });
    const zip = makeXgboostMojo({ booster: booster.subarray(0, booster.length - 3), category: 'Regression', features: [{ name: 'x' }] });
    expect(codeOf(() => decodeModelBytes(zip))).toBe('MOJO_FORMAT');
  });
  test('corrupt auxNodeWeights', () => {
    expect(codeOf(() => mojo({}, { extraFiles: { auxNodeWeights: writeAuxNodeWeights([[1, 2, 3, 4]]) } }))).toBe('MOJO_FORMAT');
    expect(codeOf(() => mojo({}, { extraFiles: { auxNodeWeights: new Uint8Array([1, 0, 0, 0, 3]) } }))).toBe('MOJO_FORMAT');
  });
  test('mojo_version newer than 1.10', () => {
    expect(codeOf(() => mojo({}, { mojoVersion: '1.20' }))).toBe('UNSUPPORTED_VERSION');
  });
});
