/** Links, calibration, class decisions and TreeSHAP with hand-computed values. */
import { describe, expect, test } from 'bun:test';
import { TreeShap, decodeForest } from '../../../../src/algos/common/tree/index.ts';
import { cappedLinkInverse, linkNamed } from '../../../../src/algos/common/link.ts';
import { gbmLinkFunction } from '../../../../src/algos/gbm/params.ts';
import { calibrateP1, correctProbabilities, javaBinarySearch, predictClass } from '../../../../src/algos/common/index.ts';

describe('inverse links', () => {
  test('identity, log (capped at 1e19), logit, ologlog, oprobit, inverse', () => {
    expect(cappedLinkInverse(linkNamed('identity'), -2.5)).toBe(-2.5);
    expect(cappedLinkInverse(linkNamed('log'), 2)).toBe(Math.exp(2));
    expect(cappedLinkInverse(linkNamed('log'), 100)).toBe(1e19);
    expect(cappedLinkInverse(linkNamed('logit'), 0)).toBe(0.5);
    expect(cappedLinkInverse(linkNamed('logit'), 1.5)).toBe(1 / (1 + Math.exp(-1.5)));
    expect(cappedLinkInverse(linkNamed('ologlog'), 0)).toBe(1 - Math.exp(-1));
    expect(cappedLinkInverse(linkNamed('oprobit'), 3)).toBe(0);
    expect(cappedLinkInverse(linkNamed('inverse'), 0.5)).toBe(2);
    expect(cappedLinkInverse(linkNamed('inverse'), -2)).toBe(-0.5);
    expect(cappedLinkInverse(linkNamed('inverse'), -1e-9)).toBe(1 / -1e-5); // clamped to -1e-5
    expect(cappedLinkInverse(linkNamed('inverse'), 0)).toBe(Infinity); // the reference's clamp leaves 0 alone
  });
  test('default link per distribution', () => {
    expect(gbmLinkFunction(undefined, 'bernoulli', 't')).toBe('logit');
    expect(gbmLinkFunction(undefined, 'quasibinomial', 't')).toBe('logit');
    expect(gbmLinkFunction(undefined, 'multinomial', 't')).toBe('log');
    expect(gbmLinkFunction(undefined, 'poisson', 't')).toBe('log');
    expect(gbmLinkFunction(undefined, 'gamma', 't')).toBe('log');
    expect(gbmLinkFunction(undefined, 'tweedie', 't')).toBe('log');
    expect(gbmLinkFunction(undefined, 'gaussian', 't')).toBe('identity');
    expect(gbmLinkFunction(undefined, 'quantile', 't')).toBe('identity');
    expect(gbmLinkFunction('inverse', 'gaussian', 't')).toBe('inverse');
  });
});

describe('calibration', () => {
  test('Platt scaling on p0', () => {
    const p = calibrateP1({ kind: 'platt', a: -8.5, b: 5 }, 0.5, 0.5);
    expect(p).toBe(1 / (Math.exp(-0.75) + 1));
  });
  test('isotonic: exact knots, interpolation, clipping, NaN', () => {
    const c = { kind: 'isotonic' as const, minX: 0, maxX: 1, xs: Float64Array.of(0, 0.5, 1), ys: Float64Array.of(0, 0.2, 1) };
    expect(calibrateP1(c, 0.5, 0.5)).toBe(0.2);
    expect(calibrateP1(c, 0.25, 0.75)).toBe(0.2 + ((1 - 0.2) / 0.5) * 0.25);
    expect(calibrateP1(c, 2, -1)).toBe(0);
    expect(calibrateP1(c, -1, 2)).toBe(1);
    expect(calibrateP1(c, NaN, NaN)).toBeNaN();
  });
  test('Java binarySearch orders -0.0 before 0.0', () => {
    expect(javaBinarySearch(Float64Array.of(-0, 0, 1), 0)).toBe(1);
    expect(javaBinarySearch(Float64Array.of(-0, 0, 1), -0)).toBe(0);
    expect(javaBinarySearch(Float64Array.of(0, 1), 0.5)).toBe(-2);
  });
});

describe('class decisions', () => {
  test('binomial threshold is inclusive', () => {
    expect(predictClass(Float64Array.of(0, 0.7, 0.3), 2, undefined, new Float64Array(0), 0.3)).toBe(1);
    expect(predictClass(Float64Array.of(0, 0.71, 0.29), 2, undefined, new Float64Array(0), 0.3)).toBe(0);
  });
  test('multinomial arg-max', () => {
    expect(predictClass(Float64Array.of(0, 0.2, 0.5, 0.3), 3, undefined, new Float64Array(0), 0.5)).toBe(1);
  });
  test('ties without priors: (int) hash % (ties + 1) picks among equal classes', () => {
    // zero row -> hash 0 -> index 0 -> first tied class
    expect(predictClass(Float64Array.of(0, 0.4, 0.4, 0.2), 3, undefined, Float64Array.of(0), 0.5)).toBe(0);
  });
  test('prior correction (balance_classes)', () => {
    const p = Float64Array.of(0, 0.5, 0.5);
    correctProbabilities(p, 2, [0.5, 0.5], [0.25, 0.75]);
    // 0.5 * 2 = 1, 0.5 * (2/3) = 1/3; normalised by 4/3
    expect(p[1]).toBeCloseTo(0.75, 15);
    expect(p[2]).toBeCloseTo(0.25, 15);
  });
});

describe('TreeSHAP', () => {
  // x0 >= 0.5 ? 5 (weight 3) : 1 (weight 1); expected value (1*1 + 3*5) / 4 = 4
  const f32 = (v: number): number[] => [...new Uint8Array(new Float32Array([v]).buffer)];
  const b = Uint8Array.from([0xf0, 0, 0, 2, ...f32(0.5), ...f32(1), ...f32(5)]);
  const f = decodeForest([b], [null, null], 2, 't');
  const w = new Float32Array(3);
  w[f.roots[0]] = 4;
  w[f.left[0]] = 1;
  w[f.right[0]] = 3;
  const shap = new TreeShap(f, w, [0]);
  test('left row: phi0 = 1 - 4', () => {
    const phi = new Float32Array(3);
    shap.accumulate(Float64Array.of(0, 9), phi);
    expect(Array.from(phi)).toEqual([-3, 0, 4]);
  });
  test('right row: phi0 = 5 - 4', () => {
    const phi = new Float32Array(3);
    shap.accumulate(Float64Array.of(1, 9), phi);
    expect(Array.from(phi)).toEqual([1, 0, 4]);
  });
  test('missing follows the NA direction (NALeft)', () => {
    const phi = new Float32Array(3);
    shap.accumulate(Float64Array.of(NaN, 9), phi);
    expect(Array.from(phi)).toEqual([-3, 0, 4]);
  });
});
