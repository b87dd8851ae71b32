import { describe, expect, test } from 'bun:test';
import { decodeModelBytes } from '../../src/algos/index.ts';
import type { ScorerError } from '../../src/errors.ts';
import { kmeansMojo } from '../support/algo-models/kmeans.ts';
import { baseInfo, writeDenseMojo } from '../support/dense-mojo.ts';

const cluster = (m: ReturnType<typeof decodeModelBytes>, row: number[]) => {
  const out = new Float64Array(1);
  m.score(Float64Array.from(row), out, 0);
  return out[0];
};

describe('k-means', () => {
  test('closest centre; missing dimensions rescale the distance', () => {
    const m = decodeModelBytes(kmeansMojo());
    expect(m.outputs).toEqual([{ name: 'cluster', kind: 'integer' }]);
    expect(cluster(m, [1, 1])).toBe(0);
    expect(cluster(m, [9, NaN])).toBe(1); // 81·2 vs 1·2
    expect(cluster(m, [Infinity, 0])).toBe(-1); // no finite distance, as the reference reports
  });
  test('standardisation: missing numeric → mean, then (x − mean)·mult', () => {
    const m = decodeModelBytes(
      kmeansMojo({
        standardize: true,
        standardize_means: [5, 5],
        standardize_mults: [2, 2],
        standardize_modes: [-1, -1],
        center_1: [1, 1],
      }),
    );
    expect(cluster(m, [5.6, 5.6])).toBe(1); // → [1.2, 1.2]
    expect(cluster(m, [NaN, NaN])).toBe(0); // → [0, 0]
  });
  test('categorical: 0/1 mismatch, missing → mode', () => {
    const m = decodeModelBytes(
      writeDenseMojo({
        info: baseInfo('kmeans', 'K-means', 'Clustering', {
          supervised: false,
          n_features: 2,
          n_classes: 1,
          standardize: true,
          standardize_means: [0, 0],
          standardize_mults: [1, 1],
          standardize_modes: [1, -1],
          center_num: 2,
          center_0: [0, 0],
          center_1: [1, 0.9],
        }),
        columns: ['c', 'x'],
        domains: { 0: ['p', 'q'] },
      }),
    );
    expect(cluster(m, [0, 0.5])).toBe(0); // 0.25 vs 1 + 0.16
    expect(cluster(m, [NaN, 0.5])).toBe(1); // mode 1: 1.25 vs 0.16
  });
  test('corrupt: centre shorter than the features', () => {
    try {
      decodeModelBytes(kmeansMojo({ center_1: [1] }));
      throw new Error('loaded');
    } catch (e) {
      expect((e as ScorerError).code).toBe('MOJO_FORMAT');
    }
  });
});
