/** The class-interleaved multinomial kernel against `eta` one class at a time, bit for bit. */
import { describe, expect, test } from 'bun:test';
import { BadLevel, eta, etaBlocks, makeLayout } from '../../../src/algos/common/linear/index.ts';
import { RowError } from '../../../src/errors.ts';
import { rng } from '../../support/rng.ts';

describe('etaBlocks', () => {
  test('equals eta per class for every class count, with categoricals, NaN and ±0', () => {
    const r = rng(7);
    for (const useAll of [false, true]) {
      for (let K = 1; K <= 11; K++) {
        for (let rep = 0; rep < 10; rep++) {
          const cats = rep % 3;
          const offs = [0];
          for (let i = 0; i < cats; i++) offs.push(offs[i] + 2 + (i % 2));
          const nums = 1 + Math.floor(r() * 40);
          const L = makeLayout(cats, offs, useAll, nums, 'test');
          const P = offs[cats] + nums + 1;
          const beta = Float64Array.from({ length: K * P }, () => (r() - 0.5) * 10 ** Math.floor(r() * 8 - 4));
          const raw = new Float64Array(cats + nums);
          for (let i = 0; i < cats; i++) raw[i] = Math.floor(r() * (offs[i + 1] - offs[i]));
          for (let j = 0; j < nums; j++) {
            const u = r();
            raw[cats + j] = u < 0.1 ? 0 : u < 0.15 ? -0 : u < 0.17 && rep === 9 ? NaN : (r() - 0.5) * 100;
          }
          const out = new Float64Array(K + 1);
          etaBlocks(L, beta, P, K, raw, BadLevel.Throw, out);
          for (let c = 0; c < K; c++) {
            const want = eta(L, beta, c * P, c * P + P - 1, raw, BadLevel.Throw);
            expect(Object.is(out[c + 1], want)).toBe(true);
          }
        }
      }
    }
  });

  test('a categorical the reference rejects fails the same way', () => {
    const L = makeLayout(1, [0, 2], false, 3, 'test');
    const beta = new Float64Array(5 * 6).fill(1);
    const raw = Float64Array.from([1.5, 1, 2, 3]);
    expect(() => etaBlocks(L, beta, 6, 5, raw, BadLevel.Throw, new Float64Array(6))).toThrow(RowError);
    expect(() => etaBlocks(L, beta, 6, 5, raw, BadLevel.Throw, new Float64Array(6))).toThrow('categorical value out of range');
  });
});
