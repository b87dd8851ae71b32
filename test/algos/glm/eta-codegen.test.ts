/**
 * The compiled single-output `eta` against the interpreter it replaces (`eta` with
 * BadLevel.Throw): random layouts, fills, coefficients and rows with missing values, fractional,
 * negative and out-of-range levels and ±0, bit for bit, with the same errors.
 */
import { describe, expect, test } from 'bun:test';
import { etaFunction, makeImputation, makeLayout } from '../../../src/algos/common/linear/index.ts';
import { outcome } from '../../support/outcome.ts';
import { rng } from '../../support/rng.ts';

describe('etaFunction', () => {
  test('compiled equals interpreted', () => {
    const r = rng(23);
    let errors = 0;
    let values = 0;
    for (const useAll of [false, true]) {
      for (let rep = 0; rep < 300; rep++) {
        const cats = rep % 4;
        // Offsets may start above 0 and repeat (empty blocks), as makeLayout allows.
        const offs = [rep % 7 === 0 ? 1 : 0];
        for (let i = 0; i < cats; i++) offs.push(offs[i] + (rep % 11 === 0 ? 0 : 1 + Math.floor(r() * 4)));
        const nums = Math.floor(r() * 10);
        const imputes = rep % 3 !== 0;
        const catFills = Array.from({ length: cats }, () => (r() < 0.1 ? 0.5 : Math.floor(r() * 6) - 1));
        const numFills = Array.from({ length: nums }, () => (r() < 0.1 ? -0 : (r() - 0.5) * 50));
        const width = cats + nums;
        const imp = imputes ? makeImputation(cats, catFills, rep % 5 === 0 ? nums >> 1 : nums, numFills, width, 'test') : null;
        const L = makeLayout(cats, offs, useAll, nums, 'test', imp);
        const n = offs[cats] + nums + 1 + (rep % 2);
        const beta = Float64Array.from({ length: n }, () => (r() < 0.05 ? -0 : (r() - 0.5) * 10 ** Math.floor(r() * 8 - 4)));
        const compiled = etaFunction(L, beta, n - 1, true);
        const interpreted = etaFunction(L, beta, n - 1, false);
        expect(compiled).not.toBe(interpreted);
        for (let row = 0; row < 20; row++) {
          const raw = new Float64Array(width);
          for (let i = 0; i < cats; i++) {
            const u = r();
            raw[i] =
              u < 0.2 ? NaN : u < 0.25 ? offs[i + 1] - offs[i] + 1 : u < 0.28 ? -1 : u < 0.3 ? 1.5 : u < 0.32 ? 3e9 : Math.floor(r() * 4);
          }
          for (let j = 0; j < nums; j++) {
            const u = r();
            raw[cats + j] = u < 0.2 ? NaN : u < 0.25 ? -0 : u < 0.27 ? Infinity : (r() - 0.5) * 100;
          }
          const want = outcome(() => interpreted(raw));
          const got = outcome(() => compiled(raw));
          expect(Object.is(got, want) || got === want).toBe(true);
          if (typeof want === 'string') errors++;
          else values++;
        }
      }
    }
    // Both outcomes were exercised.
    expect(errors).toBeGreaterThan(100);
    expect(values).toBeGreaterThan(1000);
  });
});
