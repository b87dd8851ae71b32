/** Isotonic Regression MOJOs from breakpoints. */
import { sizedBeDoubles } from '../mojo-writer/bytes.ts';
import type { MojoSpec } from '../multi-mojo.ts';

/** Breakpoints (xs[i], ys[i]) calibrating p1 on [min, max]. */
export function isotonicSpec(xs: number[], ys: number[], min = 0, max = 4): MojoSpec {
  return {
    algo: 'isotonicregression',
    algorithm: 'Isotonic Regression',
    category: 'Regression',
    supervised: true,
    columns: [{ name: 'p1' }, { name: 'y' }],
    info: [
      ['calib_min_x', min],
      ['calib_max_x', max],
    ],
    files: { 'calib/thresholds_x': sizedBeDoubles(xs), 'calib/thresholds_y': sizedBeDoubles(ys) },
  };
}
