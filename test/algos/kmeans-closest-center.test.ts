/**
 * The compiled closest centre against the loop it replaces: random centres (with ±0, NaN,
 * infinities and exact ties), standardisation with and without multipliers, categorical
 * features with modes, and rows with missing, ±0, infinite and level values — same cluster.
 */
import { describe, expect, test } from 'bun:test';
import { closestCenterFunction, type KMeansCenters } from '../../src/algos/kmeans/closest-center.ts';
import { rng } from '../support/rng.ts';

function value(r: () => number, cat: boolean): number {
  const u = r();
  if (u < 0.1) return NaN;
  if (u < 0.13) return -0;
  if (u < 0.15) return r() < 0.5 ? Infinity : -Infinity;
  if (cat) return Math.floor(r() * 4);
  return u < 0.3 ? Math.floor(r() * 5) : (r() - 0.5) * 10 ** Math.floor(r() * 6 - 2);
}

describe('k-means closest centre', () => {
  test('compiled equals interpreted', () => {
    const r = rng(31);
    let clusters = 0;
    for (let rep = 0; rep < 400; rep++) {
      const n = 1 + Math.floor(r() * 8);
      const k = 1 + Math.floor(r() * 6);
      const isCat = Uint8Array.from({ length: n }, () => (r() < 0.3 ? 1 : 0));
      const standardize = rep % 3 !== 0;
      const centers = Float64Array.from({ length: k * n }, (_, i) => (r() < 0.05 ? NaN : value(r, isCat[i % n] === 1)));
      // Exact ties: a centre repeated.
      if (k > 1 && rep % 4 === 0) centers.copyWithin(n, 0, n);
      const m: KMeansCenters = {
        centers,
        k,
        n,
        isCat,
        standardize,
        means: Float64Array.from({ length: n }, () => (r() < 0.05 ? -0 : (r() - 0.5) * 20)),
        mults: standardize && rep % 2 === 0 ? Float64Array.from({ length: n }, () => (r() < 0.05 ? -0 : r() * 3)) : null,
        modes: Int32Array.from({ length: n }, (_, i) => (standardize && isCat[i] === 1 ? Math.floor(r() * 4) : -1)),
      };
      const compiled = closestCenterFunction(m, true);
      const interpreted = closestCenterFunction(m, false);
      expect(compiled).not.toBe(interpreted);
      for (let row = 0; row < 30; row++) {
        const raw = Float64Array.from({ length: n }, (_, i) => value(r, isCat[i] === 1));
        const want = interpreted(raw);
        expect(compiled(raw)).toBe(want);
        if (want >= 0) clusters++;
      }
    }
    expect(clusters).toBeGreaterThan(1000);
  });
});
