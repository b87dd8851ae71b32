/**
 * Isotonic Regression on a tiny hand-built MOJO: breakpoints (0, 0), (1, 0.5), (3, 0.5), (4, 1)
 * on [min 0, max 4]; values between breakpoints are interpolated, outside clipped.
 */
import { describe, expect, test } from 'bun:test';
import { javaBinarySearch as binarySearch } from '../../src/algos/common/index.ts';
import { decodeModelBytes, type Model } from '../../src/algos/index.ts';
import { isotonicSpec } from '../support/algo-models/isotonic.ts';
import { sizedBeDoubles } from '../support/mojo-writer/bytes.ts';
import { buildMojo } from '../support/multi-mojo.ts';
import { codeOf } from '../support/errors.ts';

const predict = (m: Model, x: number) => {
  const out = new Float64Array(1);
  m.score(Float64Array.of(x), out, 0);
  return out[0];
};

describe('isotonic regression', () => {
  const m = decodeModelBytes(buildMojo(isotonicSpec([0, 1, 3, 4], [0, 0.5, 0.5, 1])));

  test('outputs predict from the first feature', () => {
    expect(m.outputs).toEqual([{ name: 'predict', kind: 'number' }]);
    expect(m.inputs.map((c) => c.name)).toEqual(['p1']);
  });

  test('breakpoints and interpolation', () => {
    expect(predict(m, 0)).toBe(0);
    expect(predict(m, 1)).toBe(0.5);
    expect(predict(m, 0.5)).toBe(0.25);
    expect(predict(m, 2)).toBe(0.5);
    expect(predict(m, 3.5)).toBe(0.75); // 0.5 + 0.5·0.5
  });

  test('clipping to [min, max]; NaN stays missing', () => {
    expect(predict(m, -7)).toBe(0);
    expect(predict(m, 99)).toBe(1);
    expect(predict(m, NaN)).toBeNaN();
  });

  test('a range wider than the breakpoints fails the row like the reference', () => {
    const wide = decodeModelBytes(buildMojo(isotonicSpec([1, 2], [0, 1], 0, 2)));
    expect(codeOf(() => predict(wide, 0.5))).toBe('ROW_ERROR');
    expect(predict(wide, 1.5)).toBe(0.5);
  });

  test('no min/max in model.ini → every value NaN (the reference reads NaN)', () => {
    const s = isotonicSpec([0, 1], [0, 1]);
    const noBounds = decodeModelBytes(buildMojo({ ...s, info: [] }));
    expect(predict(noBounds, 0.5)).toBeNaN();
  });

  test('truncated or missing breakpoints → MOJO_FORMAT', () => {
    const s = isotonicSpec([0, 1], [0, 1]);
    const bad = { ...s, files: { ...s.files, 'calib/thresholds_x': sizedBeDoubles([0, 1]).subarray(0, 10) } };
    expect(codeOf(() => decodeModelBytes(buildMojo(bad)))).toBe('MOJO_FORMAT');
    const missing = { ...s, files: { 'calib/thresholds_x': sizedBeDoubles([0, 1]) } };
    expect(codeOf(() => decodeModelBytes(buildMojo(missing)))).toBe('MOJO_FORMAT');
    const uneven = { ...s, files: { 'calib/thresholds_x': sizedBeDoubles([0, 1]), 'calib/thresholds_y': sizedBeDoubles([0]) } };
    expect(codeOf(() => decodeModelBytes(buildMojo(uneven)))).toBe('MOJO_FORMAT');
  });
});

describe('binarySearch follows java.util.Arrays', () => {
  test('hits, misses and signed zeros', () => {
    const a = Float64Array.of(-1, -0, 0, 2);
    expect(binarySearch(a, 2)).toBe(3);
    expect(binarySearch(a, 1)).toBe(-4);
    expect(binarySearch(a, -0)).toBe(1);
    expect(binarySearch(a, 0)).toBe(2);
    expect(binarySearch(a, -5)).toBe(-1);
    expect(binarySearch(Float64Array.of(1, NaN), NaN)).toBe(1);
    expect(binarySearch(Float64Array.of(1, NaN), 2)).toBe(-2);
    expect(binarySearch(Float64Array.of(1, 2), NaN)).toBe(-3);
  });
});

// Confirmed against h2o-genmodel on the same MOJOs.
describe('isotonic regression: Java-confirmed values', () => {
  test('interpolation, clipping of ±1e308 / ±Infinity, NaN', () => {
    const m = decodeModelBytes(
      buildMojo(isotonicSpec([-2.5, -1, 0.1, 0.30000000000000004, 2, 7.75], [0.01, 0.1, 0.2, 0.45, 0.8, 0.99], -2.5, 7.75)),
    );
    expect(predict(m, 0)).toBe(0.19090909090909092);
    expect(predict(m, 1.5)).toBe(0.6970588235294117);
    expect(predict(m, 0.3)).toBe(0.44999999999999996);
    expect(predict(m, 0.30000000000000004)).toBe(0.45);
    expect(predict(m, -0.877)).toBe(0.11118181818181819);
    expect(predict(m, 0.841)).toBe(0.5613823529411764);
    expect(predict(m, 1e308)).toBe(0.99);
    expect(predict(m, -Infinity)).toBe(0.01);
    expect(predict(m, NaN)).toBeNaN();
  });

  test('-0.0 at a min of 0 sorts before the first breakpoint: Java throws (index -1)', () => {
    const m = decodeModelBytes(buildMojo(isotonicSpec([0, 1, 3, 4], [0, 0.5, 0.5, 1])));
    expect(codeOf(() => predict(m, -0))).toBe('ROW_ERROR');
    expect(predict(m, -1e308)).toBe(0);
  });
});
