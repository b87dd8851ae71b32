/** PCA and SVM: small hand-computed MOJOs. */
import { describe, expect, test } from 'bun:test';
import { loadModelFromBytes, type Model } from '../../src/algos/index.ts';
import type { ScorerError } from '../../src/errors.ts';
import { baseInfo, writeDenseMojo } from '../support/dense-mojo.ts';
import { beDoubles } from '../support/mojo-writer/bytes.ts';

function score(m: Model, row: number[]): number[] {
  const out = new Float64Array(m.outWidth);
  m.score(Float64Array.from(row), out, 0);
  return [...out];
}

describe('PCA', () => {
  // categorical c ∈ {a,b,c} with the first level dropped, numeric x; k = 2
  const pca = (blob = beDoubles([1, 10, 2, 20, 3, 30])) =>
    writeDenseMojo({
      info: baseInfo('pca', 'Principal Components Analysis', 'DimReduction', {
        supervised: false,
        n_features: 2,
        n_classes: 2,
        k: 2,
        use_all_factor_levels: false,
        permutation: [0, 1],
        ncats: 1,
        nnums: 1,
        normSub: [1],
        normMul: [0.5],
        catOffsets: [0, 2],
        eigenvector_size: 3,
        pca_impl: 'x',
        pca_methods: 'GramSVD',
      }),
      columns: ['c', 'x'],
      domains: { 0: ['a', 'b', 'c'] },
      files: { eigenvectors_raw: blob },
    });
  test('projection (hand-computed)', () => {
    const m = loadModelFromBytes(pca());
    expect(m.outputs.map((c) => c.name)).toEqual(['PC1', 'PC2']);
    expect(score(m, [2, 5])).toEqual([2 + 2 * 3, 20 + 2 * 30]); // level c → row 1; (5−1)·0.5 = 2
    expect(score(m, [0, 3])).toEqual([3, 30]); // first level dropped
    expect(score(m, [NaN, 3])).toEqual([3, 30]);
    expect(score(m, [1, NaN]).every(Number.isNaN)).toBe(true);
  });
  test('corrupt: truncated eigenvectors', () => {
    try {
      loadModelFromBytes(pca(beDoubles([1, 2])));
      throw new Error('loaded');
    } catch (e) {
      expect((e as ScorerError).code).toBe('MOJO_FORMAT');
    }
  });
});

describe('SVM', () => {
  const svm = (n = 2) =>
    writeDenseMojo({
      info: baseInfo('svm', 'Support Vector Machine (*Spark*)', 'Binomial', {
        supervised: true,
        n_features: 2,
        n_classes: n,
        meanImputation: true,
        means: [1, 1, 0.5],
        weights: [1, 2],
        interceptor: 0.5,
        defaultThreshold: 0,
        threshold: 0,
      }),
      columns: ['x1', 'x2', 'y'],
      domains: { 2: ['NO', 'YES'] },
    });
  test('margin → label and margin-derived scores (hand-computed)', () => {
    const m = loadModelFromBytes(svm());
    expect(m.outputs.map((c) => c.name)).toEqual(['predict', 'NO', 'YES']);
    expect(score(m, [1, 1])).toEqual([1, 2.5, 3.5]);
    expect(score(m, [-3, NaN])).toEqual([0, 0.5, -0.5]); // NaN → mean 1
  });
  test('corrupt: weights length', () => {
    try {
      loadModelFromBytes(
        writeDenseMojo({
          info: baseInfo('svm', 'SVM', 'Binomial', {
            supervised: true,
            n_features: 2,
            n_classes: 2,
            meanImputation: false,
            weights: [1],
            interceptor: 0,
            defaultThreshold: 0,
            threshold: 0,
          }),
          columns: ['x1', 'x2', 'y'],
          domains: { 2: ['NO', 'YES'] },
        }),
      );
      throw new Error('loaded');
    } catch (e) {
      expect((e as ScorerError).code).toBe('MOJO_FORMAT');
    }
  });
});
