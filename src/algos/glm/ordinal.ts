/**
 * Ordinal GLM (h2o-genmodel GlmOrdinalMojoModel): nclasses-1 cumulative logits, each with its
 * own block of P coefficients and intercept; class probabilities are successive differences of
 * the logistic CDF, the last class takes the remainder. The label is the first class with the
 * strictly largest probability above 0; when none is (NaN, or all ≤ 0) the reference indexes the
 * domain with -1 and fails, so the row is an error.
 */
import { RowError } from '../../errors.ts';
import type { MojoHeader } from '../../mojo/index.ts';
import { BadLevel, eta, imputeInto, logistic, type Imputation, type LinearLayout } from '../linear/index.ts';
import type { InputColumn, Model, OutputColumn } from '../model.ts';
import { classifierOutputs, featureInputs, slotWidth } from '../outputs.ts';
import { classBlocks } from './multinomial.ts';
import type { GlmParams } from './params.ts';

export class GlmOrdinalModel implements Model {
  readonly inputs: readonly InputColumn[];
  readonly outputs: readonly OutputColumn[];
  readonly outWidth: number;
  private readonly layout: LinearLayout;
  private readonly beta: Float64Array;
  private readonly perClass: number;
  private readonly nclasses: number;
  private readonly imputation: Imputation | null;
  private readonly scratch: Float64Array;
  private readonly broken: string | null;

  constructor(readonly header: MojoHeader, p: GlmParams) {
    const b = classBlocks(header, p);
    this.layout = b.layout;
    this.perClass = b.perClass;
    this.broken = b.broken;
    this.beta = p.beta;
    this.nclasses = header.nclasses;
    this.imputation = p.imputation;
    this.inputs = featureInputs(header);
    this.scratch = new Float64Array(this.inputs.length);
    this.outputs = classifierOutputs(header);
    this.outWidth = slotWidth(this.outputs);
  }

  score(raw: Float64Array, out: Float64Array, offset: number): void {
    if (this.broken !== null) throw new RowError(this.broken);
    const x = this.imputation === null ? raw : imputeInto(this.imputation, raw, this.scratch);
    const K = this.nclasses;
    const last = K - 1;
    const P = this.perClass;
    const beta = this.beta;
    const L = this.layout;
    let prev = 0.0;
    for (let c = 0; c < last; c++) {
      const cdf = logistic(eta(L, beta, c * P, c * P + P - 1, x, BadLevel.Throw) + offset);
      out[c + 1] = cdf - prev;
      prev = cdf;
    }
    out[K] = 1 - prev;
    let best = 0;
    let label = -1;
    for (let c = 1; c <= K; c++) {
      if (out[c] > best) {
        best = out[c];
        label = c - 1;
      }
    }
    if (label < 0) throw new RowError('ordinal GLM: no class has a positive probability (the reference fails with index -1)');
    out[0] = label;
  }
}
