/** DRF, Isolation Forest and Uplift DRF readers on test-written MOJOs (hand-computed values). */
import { describe, expect, test } from 'bun:test';
import { decodeModelBytes, type Model } from '../../src/algos/index.ts';
import { drfSpec, isolationForestSpec, stump, upliftDrfSpec } from '../support/algo-models/trees.ts';
import { leaf, split } from '../support/mojo-writer/index.ts';
import { writeTreeMojo, type TreeMojoSpec } from '../support/tree-mojo.ts';

function score(m: Model, row: number[]): number[] {
  const out = new Float64Array(m.outWidth);
  m.score(Float64Array.from(row), out, 0);
  return Array.from(out);
}
const load = (s: TreeMojoSpec): Model => decodeModelBytes(writeTreeMojo(s), 'test');

describe('DRF', () => {
  test('regression averages the trees', () => {
    const m = load(drfSpec({ trees: [[stump(0, 1, 2, 4)], [stump(1, 1, 10, 20)]] }));
    expect(score(m, [0, 5])).toEqual([(2 + 20) / 2]);
    expect(m.explanations.leaf!.compute(Float64Array.of(0, 5), 0)).toEqual(['L', 'R']);
  });
  test('binomial: averaged tree value is p0', () => {
    const m = load(
      drfSpec({
        category: 'Binomial',
        nclasses: 2,
        columns: [{ name: 'a' }, { name: 'b' }, { name: 'y', domain: ['n', 'y'] }],
        trees: [[stump(0, 1, 0.25, 0.75)], [leaf(0.5)]],
        info: [['binomial_double_trees', false]],
      }),
    );
    expect(m.outputs.map((c) => c.name)).toEqual(['predict', 'n', 'y']);
    expect(score(m, [0, 0])).toEqual([1, 0.375, 0.625]);
    expect(score(m, [2, 0])).toEqual([0, 0.625, 0.375]);
  });
  test('multinomial (and binomial_double_trees) normalise class sums', () => {
    const m = load(
      drfSpec({
        category: 'Multinomial',
        nclasses: 3,
        columns: [{ name: 'a' }, { name: 'b' }, { name: 'y', domain: ['p', 'q', 'r'] }],
        trees: [[leaf(1), stump(0, 1, 1, 3), leaf(0)]],
      }),
    );
    expect(score(m, [5, 0])).toEqual([1, 0.25, 0.75, 0]);
    const d = load(
      drfSpec({
        category: 'Binomial',
        nclasses: 2,
        columns: [{ name: 'a' }, { name: 'b' }, { name: 'y', domain: ['n', 'y'] }],
        trees: [[leaf(3), leaf(1)]],
        info: [['binomial_double_trees', true]],
      }),
    );
    expect(score(d, [0, 0])).toEqual([0, 0.75, 0.25]);
    expect(d.explanations.contributions).toBeUndefined();
  });
  test('regression contributions are divided by the tree count', () => {
    const m = load(drfSpec({ trees: [[stump(0, 1, 2, 4)], [stump(0, 1, 2, 4)]] }));
    // per tree (weights 1/1): E = 3, phi_a = ±1; summed over 2 trees, then / 2
    expect(m.explanations.contributions!.compute(Float64Array.of(5, 0), 0)).toEqual([1, 0, 3]);
  });
});

describe('Isolation Forest', () => {
  test('normalised score from the total path length, mean length', () => {
    const m = load(isolationForestSpec(false));
    expect(m.outputs.map((c) => c.name)).toEqual(['predict', 'mean_length']);
    expect(score(m, [0, 0])).toEqual([(10 - 8) / 8, 4]);
    expect(score(m, [5, 5])).toEqual([(10 - 8) / 8, 4]);
    expect(score(m, [5, 0])).toEqual([(10 - 11) / 8, 5.5]);
  });
  test('output_anomaly_flag adds a 0/1 flag against default_threshold', () => {
    const m = load(isolationForestSpec(true));
    expect(m.outputs.map((c) => c.name)).toEqual(['predict', 'score', 'mean_length']);
    expect(score(m, [0, 5])).toEqual([1, (10 - 5) / 8, 2.5]);
    expect(score(m, [0, 0])).toEqual([0, 0.25, 4]);
  });
});

describe('Uplift DRF', () => {
  const m = load(upliftDrfSpec([['thresholds', [0.1, 0.2]]]));
  test('outputs: uplift = p(treatment) - p(control), each averaged over groups', () => {
    expect(m.outputs.map((c) => c.name)).toEqual(['uplift_predict', 'p_y1_with_treatment', 'p_y1_without_treatment']);
    expect(score(m, [0])).toEqual([0.625 - 0.25, 0.625, 0.25]);
    const t = (Math.fround(0.9) + 0.75) / 2; // leaves are float32
    expect(score(m, [2])).toEqual([t - 0.5, t, 0.5]);
  });
});

// Confirmed against h2o-genmodel on the same MOJO (4 groups, bitset / NAvsREST / NA-direction splits).
describe('Uplift DRF: Java-confirmed values', () => {
  const st = (col: number, t: number, l: number, r: number, na: 'NALeft' | 'NARight' = 'NALeft') =>
    split(col, na, { type: 'numeric', threshold: t }, leaf(l), leaf(r));
  const t1 = split(1, 'NARight', { type: 'bitset', rightLevels: [1, 3] }, st(0, 0.5, 0.11, 0.21), st(2, -1.25, 0.31, 0.41, 'NARight'));
  const t2 = split(
    0,
    'NALeft',
    { type: 'numeric', threshold: 2.0 },
    split(1, 'NALeft', { type: 'bitset', rightLevels: [0] }, leaf(0.15), leaf(0.35)),
    leaf(0.6),
  );
  const t3 = split(2, 'NAvsREST', { type: 'naVsRest' }, st(2, 0.3, 0.12, 0.52), leaf(0.77));
  const t4 = split(1, 'Left', { type: 'bitset', rightLevels: [2], bitoff: 0, nbits: 4 }, leaf(0.05), st(0, -2, 0.44, 0.66, 'NARight'));
  const t5 = st(0, 1.7, 0.123456789, 0.987654321);
  const m = load({
    algo: 'upliftdrf',
    algorithm: 'Uplift Distributed Random Forest',
    category: 'BinomialUplift',
    columns: [
      { name: 'a' },
      { name: 'col', domain: ['r', 'g', 'b', 'w'] },
      { name: 'b' },
      { name: 'treat', domain: ['control', 'treatment'] },
      { name: 'y', domain: ['no', 'yes'] },
    ],
    nfeatures: 3,
    nclasses: 2,
    supervised: true,
    trees: [
      [t1, t2],
      [t3, t4],
      [t5, t1],
      [t2, t3],
    ],
    info: [
      ['treatment_column', 'treat'],
      ['thresholds', [0.1, 0.2]],
    ],
  });
  test('rows', () => {
    expect(score(m, [NaN, NaN, NaN])).toEqual([0.018364197574555874, 0.36336419358849525, 0.3449999960139394]);
    expect(score(m, [1e308, 0, 1e308])).toEqual([0.2344135819002986, 0.5794135816395283, 0.3449999997392297]);
    expect(score(m, [0.5, 2, -1.472])).toEqual([-0.13413580879569054, 0.15086419694125652, 0.28500000573694706]);
    expect(score(m, [0.5, 0, NaN])).toEqual([0.018364197574555874, 0.36336418986320496, 0.3449999922886491]);
    expect(score(m, [2.946, 3, NaN])).toEqual([0.2344135819002986, 0.6919135823845863, 0.45750000048428774]);
    expect(score(m, [-1.346, 2, 2.208])).toEqual([-0.13413580879569054, 0.22586419433355331, 0.36000000312924385]);
  });
});
