/**
 * Probability calibration of binomial tree models (CalibrationMojoHelper): Platt scaling
 * (`calib_glm_beta`, a logistic fit on p0) or isotonic regression (`calib_min_x`, `calib_max_x`,
 * `calib/thresholds_x`, `calib/thresholds_y`). Both produce the calibrated p1.
 */
import { MojoFormatError, RowError } from '../../errors.ts';
import { readSizedDoubles, type MojoHeader, type MojoSource } from '../../mojo/index.ts';

export type Calibration =
  | { kind: 'platt'; a: number; b: number }
  | { kind: 'isotonic'; minX: number; maxX: number; xs: Float64Array; ys: Float64Array };

/** Reads `calib_method`; null when the model is not calibrated. */
export function readCalibration(src: MojoSource, h: MojoHeader): Calibration | null {
  const method = h.info.str('calib_method');
  if (method === undefined) return null;
  if (method === 'platt') {
    const beta = h.info.nums('calib_glm_beta') ?? [];
    if (beta.length < 2) throw new MojoFormatError(`${src.origin}: calib_glm_beta needs 2 coefficients, has ${beta.length}`);
    return { kind: 'platt', a: beta[0], b: beta[1] };
  }
  if (method === 'isotonic') {
    const xs = readSizedDoubles(src.bytes('calib/thresholds_x'), `${src.origin}: calib/thresholds_x`);
    const ys = readSizedDoubles(src.bytes('calib/thresholds_y'), `${src.origin}: calib/thresholds_y`);
    if (xs.length !== ys.length) throw new MojoFormatError(`${src.origin}: isotonic thresholds have ${xs.length} x and ${ys.length} y values`);
    return { kind: 'isotonic', minX: h.info.num('calib_min_x', NaN), maxX: h.info.num('calib_max_x', NaN), xs, ys };
  }
  throw new MojoFormatError(`${src.origin}: unknown calibration method '${method}'`);
}

/** Calibrated p1 from the model's (p0, p1). */
export function calibrateP1(c: Calibration, p0: number, p1: number): number {
  if (c.kind === 'platt') return 1.0 / (Math.exp(-(p0 * c.a + c.b)) + 1.0);
  return isotonic(c, p1);
}

function isotonic(c: Extract<Calibration, { kind: 'isotonic' }>, p1: number): number {
  if (p1 !== p1) return NaN;
  const x = p1 < c.minX ? c.minX : Math.min(p1, c.maxX);
  if (x !== x || x < c.minX || x > c.maxX) return NaN;
  const pos = javaBinarySearch(c.xs, x);
  if (pos >= 0) return c.ys[pos];
  const lo = -pos - 2;
  const hi = lo + 1;
  if (lo < 0 || hi >= c.xs.length) throw new RowError(`java.lang.ArrayIndexOutOfBoundsException: Index ${lo < 0 ? lo : hi} out of bounds for length ${c.xs.length}`);
  const slope = (c.ys[hi] - c.ys[lo]) / (c.xs[hi] - c.xs[lo]);
  return c.ys[lo] + slope * (x - c.xs[lo]);
}

/** java.util.Arrays.binarySearch(double[], double), including its -0.0 < 0.0 ordering. */
export function javaBinarySearch(a: Float64Array, key: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = a[mid];
    if (v < key) lo = mid + 1;
    else if (v > key) hi = mid - 1;
    else if (Object.is(v, key)) return mid;
    else if (Object.is(v, -0)) lo = mid + 1;
    else hi = mid - 1;
  }
  return -(lo + 1);
}
