/**
 * Binomial probability calibration stored in tree and XGBoost MOJOs (CalibrationMojoHelper):
 * Platt scaling (`calib_method = platt`, `calib_glm_beta`: a logistic fit on p0) or isotonic
 * regression (`calib_method = isotonic`, see isotonic-curve.ts). Both produce the calibrated p1.
 */
import { MojoFormatError } from '../../errors.ts';
import type { MojoHeader, MojoSource } from '../../mojo/index.ts';
import { isotonicValue, readIsotonicCurve, type IsotonicCurve } from './isotonic-curve.ts';
import { logistic } from './logistic.ts';

export type Calibration = { kind: 'platt'; a: number; b: number } | ({ kind: 'isotonic' } & IsotonicCurve);

/** Reads `calib_method`; null when the model is not calibrated. */
export function readCalibration(src: MojoSource, h: MojoHeader): Calibration | null {
  const method = h.info.str('calib_method');
  if (method === undefined) return null;
  if (method === 'platt') {
    const beta = h.info.nums('calib_glm_beta') ?? [];
    if (beta.length < 2) throw new MojoFormatError(`${src.origin}: calib_glm_beta needs 2 coefficients, has ${beta.length}`);
    return { kind: 'platt', a: beta[0], b: beta[1] };
  }
  if (method === 'isotonic') return { kind: 'isotonic', ...readIsotonicCurve(src, h.info) };
  throw new MojoFormatError(`${src.origin}: unknown calibration method '${method}'`);
}

/** Calibrated P(class 1) from the uncalibrated class probabilities p0, p1. */
export function calibrateP1(c: Calibration, p0: number, p1: number): number {
  if (c.kind === 'platt') return logistic(p0 * c.a + c.b);
  return isotonicValue(c, p1);
}
