/**
 * A layout's mean-imputation fills, applied while summing, against the former path: the row
 * copied with its missing values imputed (imputeInto), then scored by a layout without fills.
 * Bit for bit, including the errors a bad categorical raises.
 */
import { describe, expect, test } from 'bun:test';
import { BadLevel, eta, etaBlocks, imputeInto, makeImputation, makeLayout } from '../../../src/algos/common/linear/index.ts';
import { outcome } from '../../support/outcome.ts';
import { rng } from '../../support/rng.ts';

describe('layout fills', () => {
  test('equal imputing a copy of the row first, for eta and etaBlocks', () => {
    const r = rng(11);
    for (const useAll of [false, true]) {
      for (let rep = 0; rep < 400; rep++) {
        const cats = rep % 4;
        const offs = [0];
        for (let i = 0; i < cats; i++) offs.push(offs[i] + 2 + (i % 3));
        const nums = Math.floor(r() * 12);
        // Fill values may themselves be bad levels (fractional, out of range): the same error must follow.
        const catFills = Array.from({ length: cats }, () => (r() < 0.1 ? 0.5 : Math.floor(r() * 6) - 1));
        // Fewer numeric fills than numeric terms leaves the last columns NaN, as imputeInto does.
        const impNums = rep % 5 === 0 ? Math.floor(nums / 2) : nums;
        const numFills = Array.from({ length: impNums }, () => (r() - 0.5) * 50);
        const width = cats + nums + 1;
        const imp = makeImputation(cats, catFills, impNums, numFills, width, 'test');
        const filled = makeLayout(cats, offs, useAll, nums, 'test', imp);
        const plain = makeLayout(cats, offs, useAll, nums, 'test');
        const K = 1 + (rep % 6);
        const P = offs[cats] + nums + 1;
        const beta = Float64Array.from({ length: K * P }, () => (r() - 0.5) * 10 ** Math.floor(r() * 8 - 4));
        const raw = new Float64Array(width);
        for (let i = 0; i < cats; i++) {
          const u = r();
          raw[i] = u < 0.3 ? NaN : u < 0.35 ? offs[i + 1] - offs[i] + 1 : u < 0.38 ? -1 : Math.floor(r() * (offs[i + 1] - offs[i]));
        }
        for (let j = 0; j <= nums; j++) {
          const u = r();
          raw[cats + j] = u < 0.3 ? NaN : u < 0.35 ? -0 : (r() - 0.5) * 100;
        }
        const copy = imputeInto(imp, raw, new Float64Array(width));
        for (let c = 0; c < K; c++) {
          const want = outcome(() => eta(plain, beta, c * P, c * P + P - 1, copy, BadLevel.Throw));
          const got = outcome(() => eta(filled, beta, c * P, c * P + P - 1, raw, BadLevel.Throw));
          expect(Object.is(got, want) || got === want).toBe(true);
          const wantT = eta(plain, beta, c * P, c * P + P - 1, copy, BadLevel.Truncate);
          expect(Object.is(eta(filled, beta, c * P, c * P + P - 1, raw, BadLevel.Truncate), wantT)).toBe(true);
        }
        const outWant = new Float64Array(K + 1);
        const outGot = new Float64Array(K + 1);
        const errWant = outcome(() => {
          etaBlocks(plain, beta, P, K, copy, BadLevel.Throw, outWant);
          return 0;
        });
        const errGot = outcome(() => {
          etaBlocks(filled, beta, P, K, raw, BadLevel.Throw, outGot);
          return 0;
        });
        expect(errGot).toBe(errWant);
        if (errWant === 0) for (let c = 1; c <= K; c++) expect(Object.is(outGot[c], outWant[c])).toBe(true);
      }
    }
  });
});
