/**
 * Output layouts and the class-decision tail shared by the tree classifiers (GBM, DRF):
 * predict + class probabilities (+ cal_* when calibrated), balance-classes correction and the
 * reference's getPrediction.
 */
import { MojoFormatError } from '../../../errors.ts';
import type { MojoHeader } from '../../../mojo/index.ts';
import type { OutputColumn } from '../../model.ts';
import { calibratedOutputs, classifierOutputs, numericBinomialOutputs, regressionOutputs, responseLevels } from '../output-columns.ts';
import { calibrateP1, type Calibration } from '../calibration.ts';
import { correctProbabilities, predictClass } from '../classify.ts';

/** Output columns of a tree model; a domain-less two-class GBM (quasibinomial) gets pVal0/pVal1. */
export function treeOutputs(h: MojoHeader, calibrated: boolean): OutputColumn[] {
  if (h.nclasses < 2) return regressionOutputs();
  if (responseLevels(h) === null) {
    if (h.nclasses !== 2) throw new MojoFormatError(`${h.algo} ${h.category} model has no response domain`);
    return numericBinomialOutputs(['pVal0', 'pVal1']);
  }
  const cols = classifierOutputs(h);
  if (calibrated && h.nclasses === 2) cols.push(...calibratedOutputs(h));
  return cols;
}

/** The tail of a classifier's score: prior correction, predicted class, calibration. */
export class ClassDecision {
  private readonly k: number;
  private readonly prior: readonly number[] | undefined;
  private readonly modelDistrib: readonly number[] | undefined;
  private readonly balance: boolean;
  private readonly threshold: number;
  private readonly calibration: Calibration | null;

  constructor(h: MojoHeader, calibration: Calibration | null) {
    this.k = h.nclasses;
    this.prior = h.priorClassDistrib;
    this.modelDistrib = h.modelClassDistrib;
    this.balance = h.balanceClasses;
    if (
      this.balance &&
      (this.prior === undefined || this.modelDistrib === undefined || this.prior.length < this.k || this.modelDistrib.length < this.k)
    ) {
      throw new MojoFormatError(`${h.algo}: balance_classes needs prior_class_distrib and model_class_distrib`);
    }
    if (this.prior !== undefined && this.prior.length < this.k) {
      throw new MojoFormatError(`${h.algo}: prior_class_distrib has ${this.prior.length} entries for ${this.k} classes`);
    }
    this.threshold = h.defaultThreshold;
    this.calibration = h.nclasses === 2 && responseLevels(h) !== null ? calibration : null;
  }

  /** `out[1..k]` hold probabilities; writes out[0] (class) and the cal_* slots. */
  finish(out: Float64Array, row: Float64Array): void {
    const k = this.k;
    if (this.balance) correctProbabilities(out, k, this.prior!, this.modelDistrib!);
    out[0] = predictClass(out, k, this.prior, row, this.threshold);
    const cal = this.calibration;
    if (cal !== null) {
      const p = calibrateP1(cal, out[1], out[2]);
      out[3] = 1 - p;
      out[4] = p;
    }
  }
}
