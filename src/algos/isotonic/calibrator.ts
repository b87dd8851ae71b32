/**
 * Isotonic calibration curve (h2o-genmodel IsotonicCalibrator / IsotonicRegressionUtils):
 * `calib_min_x`, `calib_max_x` and the breakpoints `calib/thresholds_x`, `calib/thresholds_y`
 * (big-endian `int n; double[n]` blobs). A value is clipped to [min, max]; on a breakpoint it
 * takes that y, between two it is interpolated linearly; NaN stays NaN.
 */
import { MojoFormatError, RowError } from '../../errors.ts';
import { readSizedDoubles, type MojoSource, type ModelInfo } from '../../mojo/index.ts';

export class IsotonicCalibrator {
  constructor(
    readonly minX: number,
    readonly maxX: number,
    private readonly xs: Float64Array,
    private readonly ys: Float64Array,
  ) {
    if (xs.length !== ys.length) throw new MojoFormatError(`isotonic calibration: ${xs.length} x breakpoints but ${ys.length} y values`);
  }

  static read(src: MojoSource, info: ModelInfo): IsotonicCalibrator {
    const o = src.origin;
    return new IsotonicCalibrator(
      info.num('calib_min_x', NaN),
      info.num('calib_max_x', NaN),
      readSizedDoubles(src.bytes('calib/thresholds_x'), `${o}: calib/thresholds_x`),
      readSizedDoubles(src.bytes('calib/thresholds_y'), `${o}: calib/thresholds_y`),
    );
  }

  /** Calibrated value of x. */
  calibrate(x: number): number {
    const min = this.minX;
    const max = this.maxX;
    // Clip exactly as the reference: NaN stays, below min → min, else min(x, max).
    const c = x !== x ? NaN : x < min ? min : Math.min(x, max);
    if (c !== c || c < min || c > max) return NaN;
    const xs = this.xs;
    const pos = binarySearch(xs, c);
    if (pos >= 0) return this.ys[pos];
    const lo = -pos - 2;
    const hi = lo + 1;
    if (lo < 0 || hi >= xs.length) {
      throw new RowError(`isotonic regression: ${c} lies outside the calibration breakpoints (index ${lo < 0 ? lo : hi} out of bounds for length ${xs.length})`);
    }
    const slope = (this.ys[hi] - this.ys[lo]) / (xs[hi] - xs[lo]);
    return this.ys[lo] + slope * (c - xs[lo]);
  }
}

/**
 * java.util.Arrays.binarySearch(double[], double): the index of `key`, or -(insertion point) - 1.
 * Equal values are told apart like Double.compare (-0.0 before 0.0, NaN after everything).
 */
export function binarySearch(a: Float64Array, key: number): number {
  let low = 0;
  let high = a.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const v = a[mid];
    if (v < key) low = mid + 1;
    else if (v > key) high = mid - 1;
    else if (v !== v) high = mid - 1;
    else if (Object.is(v, key)) return mid;
    else if (Object.is(v, -0)) low = mid + 1;
    else high = mid - 1;
  }
  return -(low + 1);
}
