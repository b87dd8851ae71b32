/**
 * The booster decoder on boosters written byte by byte, with hand-computed margins.
 */
import { describe, expect, test } from 'bun:test';
import { predictMargins, readBooster } from '../../../src/algos/xgboost/index.ts';
import { boosterLeafPath, findLeaf } from '../../../src/algos/xgboost/booster-trees.ts';
import { writeBooster, type BoosterSpec, type NodeSpec } from '../../support/xgboost-writer.ts';
import { codeOf } from '../../support/errors.ts';

// f0 < 1.5 (missing → left): 0.25 | -0.5
const TREE_A: NodeSpec[] = [
  { feature: 0, split: 1.5, left: 1, right: 2, defaultLeft: true, cover: 4 },
  { leaf: 0.25, cover: 3 },
  { leaf: -0.5, cover: 1 },
];
// f1 < 0.1 (missing → right): 0.125 | (f0 < 3 (missing → right): 1 | 2)
const TREE_B: NodeSpec[] = [
  { feature: 1, split: 0.1, left: 1, right: 2 },
  { leaf: 0.125 },
  { feature: 0, split: 3, left: 3, right: 4 },
  { leaf: 1 },
  { leaf: 2 },
];

const TWO_TREES: BoosterSpec = {
  baseScore: 0.5,
  numFeature: 2,
  objective: 'reg:squarederror',
  booster: 'gbtree',
  major: 1,
  minor: 0,
  trees: [TREE_A, TREE_B],
};

function margin(spec: BoosterSpec, x: number[], base?: number): number[] {
  const b = readBooster(writeBooster(spec));
  const out = new Float64Array(b.groups);
  predictMargins(b, Float64Array.from(x.map(Math.fround)), base ?? b.baseScore, out);
  return [...out];
}

describe('gbtree', () => {
  test('header fields', () => {
    const b = readBooster(writeBooster(TWO_TREES));
    expect(b.kind).toBe('gbtree');
    expect(b.objective).toBe('reg:squarederror');
    expect(b.numFeature).toBe(2);
    expect(b.groups).toBe(1);
    expect(b.baseScore).toBe(0.5);
    expect(b.forest!.ntrees).toBe(2);
  });

  test('two trees: splits, float32 thresholds, default directions', () => {
    // 1 < 1.5 → 0.25; float(0.1) is not < float(0.1) → right, 1 < 3 → 1; + 0.5
    expect(margin(TWO_TREES, [1, 0.1])).toEqual([1.75]);
    // missing: tree A defaults left (0.25), tree B right twice (2); + 0.5
    expect(margin(TWO_TREES, [NaN, NaN])).toEqual([2.75]);
    // 5 ≥ 1.5 → -0.5; 0.05 < 0.1 → 0.125; + 0.5
    expect(margin(TWO_TREES, [5, 0.05])).toEqual([0.125]);
  });

  test('"binf" signature is accepted', () => {
    expect(margin({ ...TWO_TREES, binf: true }, [1, 0.1])).toEqual([1.75]);
  });

  test('base score first (xgboost > 1.2) or last, in float32', () => {
    const big: BoosterSpec = { ...TWO_TREES, baseScore: 1e8, trees: [[{ leaf: 3 }], [{ leaf: 3 }]] };
    // float32 spacing at 1e8 is 8: (1e8 + 3) + 3 stays 1e8, 1e8 + (3 + 3) rounds up.
    expect(margin({ ...big, major: 1, minor: 3 }, [0, 0])).toEqual([1e8]);
    expect(margin({ ...big, major: 1, minor: 2 }, [0, 0])).toEqual([100000008]);
    expect(margin({ ...big, major: 0, minor: 0 }, [0, 0])).toEqual([100000008]);
  });

  test('base score is a probability for xgboost ≥ 1 (logistic → logit)', () => {
    const spec: BoosterSpec = { ...TWO_TREES, objective: 'binary:logistic', baseScore: 0.75, trees: [] };
    // -log(1/p - 1) with 1/p - 1 in float32: 1/0.75 → 1.3333334f, minus 1 → 0.33333337f
    expect(readBooster(writeBooster({ ...spec, major: 1 })).baseScore).toBe(Math.fround(-Math.log(0.3333333730697632)));
    expect(readBooster(writeBooster({ ...spec, major: 0 })).baseScore).toBe(0.75);
    const pois: BoosterSpec = { ...spec, objective: 'count:poisson', baseScore: 2 };
    expect(readBooster(writeBooster({ ...pois, major: 1 })).baseScore).toBe(Math.fround(Math.log(2)));
  });

  test('an explicit base margin (offset) replaces base score', () => {
    expect(margin(TWO_TREES, [1, 0.1], 10)).toEqual([11.25]);
  });

  test('leaf index and path', () => {
    const b = readBooster(writeBooster(TWO_TREES));
    const fv = Float64Array.from([1, Math.fround(0.1)]);
    const f = b.forest!;
    expect(findLeaf(f, 0, fv) - f.root[0]).toBe(1);
    expect(boosterLeafPath(f, 0, fv)).toBe('L');
    expect(findLeaf(f, 1, fv) - f.root[1]).toBe(3);
    expect(boosterLeafPath(f, 1, fv)).toBe('RL');
  });

  test('multi-class: trees summed per output group (tree_info)', () => {
    const spec: BoosterSpec = {
      ...TWO_TREES,
      numClass: 3,
      objective: 'multi:softprob',
      baseScore: 0.5,
      trees: [[{ leaf: 1 }], [{ leaf: 2 }], [{ leaf: 4 }], [{ leaf: 8 }]],
      treeInfo: [0, 1, 2, 1],
    };
    expect(margin(spec, [0, 0])).toEqual([1.5, 10.5, 4.5]);
  });
});

describe('dart', () => {
  test('weight_drop scales each tree', () => {
    const spec: BoosterSpec = { ...TWO_TREES, booster: 'dart', weightDrop: [0.5, 2] };
    // 0.25 * 0.5 + 1 * 2 + 0.5
    expect(margin(spec, [1, 0.1])).toEqual([2.625]);
  });
});

describe('gblinear', () => {
  const LIN: BoosterSpec = {
    baseScore: 0.5,
    numFeature: 2,
    objective: 'reg:linear',
    booster: 'gblinear',
    linearWeights: [2, -1, 0.5], // w0, w1, bias
  };
  test('bias + Σ w·x, missing features skipped', () => {
    expect(margin(LIN, [1, 3])).toEqual([0]); // 0.5 + 2 - 3 + 0.5
    expect(margin(LIN, [1, NaN])).toEqual([3]);
  });
  test('an empty weight vector means all zeros', () => {
    expect(margin({ ...LIN, linearWeights: [] }, [1, 3])).toEqual([0.5]);
  });
});

describe('corrupt boosters fail at load with MOJO_FORMAT', () => {
  const good = writeBooster(TWO_TREES);
  test('every truncation', () => {
    // the tree_info block ends the gbtree model: any shorter prefix is incomplete
    for (const cut of [0, 3, 8, 100, 136, 150, 200, 400, good.length - 1]) {
      expect(codeOf(() => readBooster(good.subarray(0, cut)))).toBe('MOJO_FORMAT');
    }
  });
  test('unknown objective / booster', () => {
    expect(codeOf(() => readBooster(writeBooster({ ...TWO_TREES, objective: 'reg:absoluteerror' })))).toBe('MOJO_FORMAT');
    expect(codeOf(() => readBooster(writeBooster({ ...TWO_TREES, booster: 'gbtree' as const, objective: 'x' })))).toBe('MOJO_FORMAT');
    const bytes = writeBooster(TWO_TREES);
    const i = Buffer.from(bytes).indexOf('gbtree');
    bytes[i] = 0x78; // "xbtree"
    expect(codeOf(() => readBooster(bytes))).toBe('MOJO_FORMAT');
  });
  test('child index out of range or a cycle', () => {
    const out: NodeSpec[] = [{ feature: 0, split: 1, left: 1, right: 7 }, { leaf: 1 }, { leaf: 2 }];
    expect(codeOf(() => readBooster(writeBooster({ ...TWO_TREES, trees: [out] })))).toBe('MOJO_FORMAT');
    const cyc: NodeSpec[] = [{ feature: 0, split: 1, left: 1, right: 2 }, { leaf: 1 }, { feature: 0, split: 1, left: 0, right: 1 }];
    expect(codeOf(() => readBooster(writeBooster({ ...TWO_TREES, trees: [cyc] })))).toBe('MOJO_FORMAT');
  });
  test('string length beyond the blob', () => {
    const bytes = writeBooster(TWO_TREES);
    new DataView(bytes.buffer).setInt32(136, 1 << 30, true);
    expect(codeOf(() => readBooster(bytes))).toBe('MOJO_FORMAT');
  });
  test('gblinear with too few weights, dart with too few drop weights', () => {
    const lin: BoosterSpec = { baseScore: 0, numFeature: 3, objective: 'reg:linear', booster: 'gblinear', linearWeights: [1, 2] };
    expect(codeOf(() => readBooster(writeBooster(lin)))).toBe('MOJO_FORMAT');
    expect(codeOf(() => readBooster(writeBooster({ ...TWO_TREES, booster: 'dart', weightDrop: [1] })))).toBe('MOJO_FORMAT');
  });
});

describe('objective names', () => {
  test('an objective named like an Object prototype member is refused, not read as a link', () => {
    for (const objective of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const bytes = writeBooster({ baseScore: 0.5, numFeature: 1, objective, booster: 'gbtree', trees: [TREE_A] });
      expect({ objective, code: codeOf(() => readBooster(bytes, 't')) }).toEqual({ objective, code: 'MOJO_FORMAT' });
    }
  });
});
