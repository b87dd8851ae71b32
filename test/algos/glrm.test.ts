import { describe, expect, test } from 'bun:test';
import { decodeModelBytes, type Model } from '../../src/algos/index.ts';
import { JavaRandom, strictLog } from '../../src/algos/common/index.ts';
import type { ScorerError } from '../../src/errors.ts';
import { GLRM_SEED, glrmMojo } from '../support/algo-models/glrm.ts';

// Values printed by java.util.Random / StrictMath on a JDK, seeded with the model's seed.
const JAVA_GAUSSIANS_OF_SEED = [
  0.5242086611470752, -0.6399909429901248, -0.046554162575678154, -0.5260747726222368, -0.7923206074236389, 0.23068732147945295,
];

describe('java.util.Random / StrictMath.log ports', () => {
  test('nextGaussian, nextInt, nextDouble match the JDK', () => {
    const r = new JavaRandom();
    r.setSeed(GLRM_SEED);
    for (const g of JAVA_GAUSSIANS_OF_SEED) expect(r.nextGaussian()).toBe(g);
    expect(r.nextInt(7)).toBe(1);
    expect(r.nextInt(8)).toBe(5);
    expect(r.nextDouble()).toBe(0.9240061791903902);
  });
  test('strictLog: fdlibm values', () => {
    expect(strictLog(2)).toBe(0.6931471805599453);
    expect(strictLog(10)).toBe(2.302585092994046);
    expect(strictLog(1)).toBe(0);
    expect(strictLog(0)).toBe(-Infinity);
    expect(strictLog(-1)).toBeNaN();
  });
});

function score(m: Model, row: number[]): number[] {
  const out = new Float64Array(m.outWidth);
  m.score(Float64Array.from(row), out, 0);
  return [...out];
}

describe('GLRM', () => {
  test('an all-missing row keeps the Gaussian start of seed + row counter', () => {
    const m = decodeModelBytes(glrmMojo());
    expect(m.outputs.map((c) => c.name)).toEqual(['Arch1', 'Arch2']);
    expect(score(m, [NaN, NaN])).toEqual(JAVA_GAUSSIANS_OF_SEED.slice(0, 2));
    // row 1 is seeded with seed + 1: a different start
    expect(score(m, [NaN, NaN])).not.toEqual(JAVA_GAUSSIANS_OF_SEED.slice(0, 2));
  });
  test('a missing categorical does not advance the Y column offset (reference quirk)', () => {
    const m = decodeModelBytes(glrmMojo());
    const [x0, x1] = score(m, [NaN, 3]);
    // target (3 − 1)·2 = 4, fitted against Y column 0 (not the numeric's column 3): x0·1 + x1·0
    expect(x0).toBeCloseTo(4, 6);
    expect(x1).toBe(JAVA_GAUSSIANS_OF_SEED[1]); // no gradient reaches x1
  });
  test('glrm_reconstruct extra imputes every column from X·Y (reverse-transformed)', () => {
    const [x0, x1] = score(decodeModelBytes(glrmMojo()), [NaN, 3]);
    const ex = decodeModelBytes(glrmMojo()).explanations.glrm_reconstruct;
    expect(ex.names).toEqual(['reconstr_c', 'reconstr_x']);
    const [c, x] = ex.compute(Float64Array.from([NaN, 3]), 0) as number[];
    const levels = [x0 * 1 + x1 * 0, x0 * 0 + x1 * 1, x0 * 0 + x1 * 0];
    expect(c).toBe(levels.indexOf(Math.max(...levels)));
    expect(x).toBe((x0 * 1 + x1 * 0.5) / 2 + 1); // Y column 3 = (1, 0.5)
  });
  test('corrupt: loss of the wrong kind for a column', () => {
    try {
      decodeModelBytes(glrmMojo({}, 'Quadratic\nQuadratic\n'));
      throw new Error('loaded');
    } catch (e) {
      expect((e as ScorerError).code).toBe('MOJO_FORMAT');
    }
  });
  test('corrupt: unknown regularizer', () => {
    try {
      decodeModelBytes(glrmMojo({ regularizationX: 'Elastic' }));
      throw new Error('loaded');
    } catch (e) {
      expect((e as ScorerError).code).toBe('MOJO_FORMAT');
    }
  });
});
