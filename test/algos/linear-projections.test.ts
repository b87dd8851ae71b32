/** PCA and SVM: small hand-computed MOJOs. */
import { describe, expect, test } from 'bun:test';
import { decodeModelBytes, type Model } from '../../src/algos/index.ts';
import type { ScorerError } from '../../src/errors.ts';
import { pcaMojo, svmMojo } from '../support/algo-models/linear-projections.ts';
import { baseInfo, writeDenseMojo } from '../support/dense-mojo.ts';
import { beDoubles } from '../support/mojo-writer/bytes.ts';

function score(m: Model, row: number[]): number[] {
  const out = new Float64Array(m.outWidth);
  m.score(Float64Array.from(row), out, 0);
  return [...out];
}

describe('PCA', () => {
  // categorical c ∈ {a,b,c} with the first level dropped, numeric x; k = 2
  const pca = pcaMojo;
  test('projection (hand-computed)', () => {
    const m = decodeModelBytes(pca());
    expect(m.outputs.map((c) => c.name)).toEqual(['PC1', 'PC2']);
    expect(score(m, [2, 5])).toEqual([2 + 2 * 3, 20 + 2 * 30]); // level c → row 1; (5−1)·0.5 = 2
    expect(score(m, [0, 3])).toEqual([3, 30]); // first level dropped
    expect(score(m, [NaN, 3])).toEqual([3, 30]);
    expect(score(m, [1, NaN]).every(Number.isNaN)).toBe(true);
  });
  test('corrupt: truncated eigenvectors', () => {
    try {
      decodeModelBytes(pca(beDoubles([1, 2])));
      throw new Error('loaded');
    } catch (e) {
      expect((e as ScorerError).code).toBe('MOJO_FORMAT');
    }
  });
});

describe('SVM', () => {
  const svm = svmMojo;
  test('margin → label and margin-derived scores (hand-computed)', () => {
    const m = decodeModelBytes(svm());
    expect(m.outputs.map((c) => c.name)).toEqual(['predict', 'NO', 'YES']);
    expect(score(m, [1, 1])).toEqual([1, 2.5, 3.5]);
    expect(score(m, [-3, NaN])).toEqual([0, 0.5, -0.5]); // NaN → mean 1
  });
  test('corrupt: weights length', () => {
    try {
      decodeModelBytes(
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
