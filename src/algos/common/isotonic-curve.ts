/**
 * Isotonic calibration curve (h2o-genmodel IsotonicCalibrator / IsotonicRegressionUtils), used by
 * the Isotonic Regression algorithm and by calibrated tree and XGBoost models: `calib_min_x`,
 * `calib_max_x` and the breakpoints `calib/thresholds_x`, `calib/thresholds_y` (big-endian
 * `int n; double[n]` blobs). A value is clipped to [min, max]; on a breakpoint it takes that y,
 * between two it is interpolated linearly; NaN stays NaN.
 */
import { MojoFormatError, RowError } from '../../errors.ts';
import { readSizedDoubles, type ModelInfo, type MojoSource } from '../../mojo/index.ts';

export interface IsotonicCurve {
  readonly minX: number;
  readonly maxX: number;
  /** Breakpoints, ascending as the reference stores them. */
  readonly xs: Float64Array;
  readonly ys: Float64Array;
}

/** Reads the curve; absent bounds read as NaN (every value then scores NaN, as in the reference). */
export function readIsotonicCurve(src: MojoSource, info: ModelInfo): IsotonicCurve {
  const o = src.origin;
  const xs = readSizedDoubles(src.bytes('calib/thresholds_x'), `${o}: calib/thresholds_x`);
  const ys = readSizedDoubles(src.bytes('calib/thresholds_y'), `${o}: calib/thresholds_y`);
  if (xs.length !== ys.length)
    throw new MojoFormatError(`${o}: isotonic calibration has ${xs.length} x breakpoints but ${ys.length} y values`);
  return { minX: info.num('calib_min_x', NaN), maxX: info.num('calib_max_x', NaN), xs, ys };
}

/** The curve's value at `x` (a RowError when [min, max] is wider than the breakpoints, as the reference fails). */
export function isotonicValue(c: IsotonicCurve, x: number): number {
  const min = c.minX;
  const max = c.maxX;
  // Clip exactly as the reference: NaN stays, below min → min, else Math.min(x, max).
  const v = x !== x ? NaN : x < min ? min : Math.min(x, max);
  if (v !== v || v < min || v > max) return NaN;
  const xs = c.xs;
  const ys = c.ys;
  const pos = javaBinarySearch(xs, v);
  if (pos >= 0) return ys[pos];
  const lo = -pos - 2;
  const hi = lo + 1;
  if (lo < 0 || hi >= xs.length) {
    throw new RowError(
      `java.lang.ArrayIndexOutOfBoundsException: Index ${lo < 0 ? lo : hi} out of bounds for length ${xs.length} (isotonic calibration of ${v})`,
    );
  }
  const slope = (ys[hi] - ys[lo]) / (xs[hi] - xs[lo]);
  return ys[lo] + slope * (v - xs[lo]);
}

/**
 * java.util.Arrays.binarySearch(double[], double): the index of `key`, or -(insertion point) - 1.
 * Equal values are told apart like Double.compare (-0.0 before 0.0, NaN after everything).
 */
export function javaBinarySearch(a: Float64Array, key: number): number {
  let low = 0;
  let high = a.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const v = a[mid];
    if (v < key) low = mid + 1;
    else if (v > key) high = mid - 1;
    else if (Object.is(v, key)) return mid;
    // Equal as doubles or unordered: Double.compare puts -0.0 before 0.0 and NaN last.
    else if (v !== v || Object.is(key, -0)) high = mid - 1;
    else low = mid + 1;
  }
  return -(low + 1);
}
