/**
 * Binomial probability calibration stored in tree MOJOs (CalibrationMojoHelper): Platt scaling
 * (`calib_method = platt`, `calib_glm_beta`) or isotonic regression (`calib_method = isotonic`,
 * `calib_min_x`/`calib_max_x` and the `calib/thresholds_{x,y}` blobs).
 */
import { MojoFormatError, RowError } from '../../errors.ts';
import { readSizedDoubles, type MojoHeader, type MojoSource } from '../../mojo/index.ts';

export type Calibration =
  | { kind: 'platt'; beta: Float64Array }
  | { kind: 'isotonic'; minX: number; maxX: number; xs: Float64Array; ys: Float64Array };

export function readCalibration(src: MojoSource, h: MojoHeader): Calibration | null {
  const method = h.info.str('calib_method');
  if (method === undefined) return null;
  if (method === 'platt') {
    const beta = Float64Array.from(h.info.nums('calib_glm_beta') ?? []);
    if (beta.length < 2) throw new MojoFormatError(`${src.origin}: calib_glm_beta needs 2 values`);
    return { kind: 'platt', beta };
  }
  if (method === 'isotonic') {
    const xs = readSizedDoubles(src.bytes('calib/thresholds_x'), `${src.origin}: calib/thresholds_x`);
    const ys = readSizedDoubles(src.bytes('calib/thresholds_y'), `${src.origin}: calib/thresholds_y`);
    if (ys.length < xs.length) throw new MojoFormatError(`${src.origin}: isotonic thresholds differ in length`);
    return { kind: 'isotonic', minX: h.info.num('calib_min_x', NaN), maxX: h.info.num('calib_max_x', NaN), xs, ys };
  }
  throw new MojoFormatError(`${src.origin}: unknown calibration method '${method}'`);
}

/** Calibrated P(class 1) from the uncalibrated class probabilities p0, p1. */
export function calibrateP1(c: Calibration, p0: number, p1: number): number {
  if (c.kind === 'platt') return 1.0 / (Math.exp(-(p0 * c.beta[0] + c.beta[1])) + 1.0);
  const x = p1 !== p1 ? NaN : p1 < c.minX ? c.minX : javaMin(p1, c.maxX);
  if (x !== x || x < c.minX || x > c.maxX) return NaN;
  const xs = c.xs;
  const pos = javaBinarySearch(xs, x);
  if (pos >= 0) return c.ys[pos];
  const lo = -pos - 2;
  const hi = lo + 1;
  if (lo < 0 || hi >= xs.length) throw new RowError(`java.lang.ArrayIndexOutOfBoundsException: Index ${lo < 0 ? lo : hi} out of bounds for length ${xs.length}`);
  const slope = (c.ys[hi] - c.ys[lo]) / (xs[hi] - xs[lo]);
  return c.ys[lo] + slope * (x - xs[lo]);
}

function javaMin(a: number, b: number): number {
  if (a !== a) return a;
  if (a === 0 && b === 0) return Object.is(a, -0) ? a : b;
  return a <= b ? a : b;
}

/** java.util.Arrays.binarySearch(double[], double) (no NaNs among the keys here). */
function javaBinarySearch(a: Float64Array, key: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = a[mid];
    if (v < key) lo = mid + 1;
    else if (v > key) hi = mid - 1;
    else return mid;
  }
  return -(lo + 1);
}
