/**
 * Sparkling Water linear SVM MOJO (`algo = svm`, SvmMojoReader mojo_version 1.00): model.ini
 * keys meanImputation, means, weights, interceptor, defaultThreshold, threshold. The margin
 * w·x + b (categoricals enter as their level index; missing → mean when meanImputation, else
 * NaN) is reported as SvmMojoModel does: binomial → class by `threshold`, the "probabilities"
 * are margin-derived scores clipped at `defaultThreshold`; one class → regression value.
 *
 * PSVM (hex.psvm) has no MOJO reader in h2o-genmodel (POJO only), so there is none here.
 */
import type { MojoHeader } from '../../mojo/index.ts';
import { type InputColumn, ModelBase, type OutputColumn } from '../model.ts';
import { classifierOutputs, featureInputs, regressionOutputs } from '../common/index.ts';

export class SvmModel extends ModelBase {
  override readonly inputs: readonly InputColumn[];
  override readonly outputs: readonly OutputColumn[];

  constructor(
    override readonly header: MojoHeader,
    private readonly weights: Float64Array,
    private readonly means: Float64Array | null,
    private readonly intercept: number,
    private readonly threshold: number,
    private readonly clip: number,
    private readonly regression: boolean,
  ) {
    super();
    this.inputs = featureInputs(header);
    this.outputs = regression ? regressionOutputs() : classifierOutputs(header);
  }

  protected override scoreRow(raw: Float64Array, out: Float64Array, _offset: number): void {
    const w = this.weights;
    const means = this.means;
    let pred = this.intercept;
    const n = w.length;
    for (let i = 0; i < n; i++) {
      const v = raw[i];
      pred += (v !== v && means !== null ? means[i] : v) * w[i];
    }
    if (this.regression) {
      out[0] = pred;
      return;
    }
    const clip = this.clip;
    if (pred > this.threshold) {
      out[2] = pred < clip ? clip : pred;
      out[1] = out[2] - 1;
      out[0] = 1;
    } else {
      out[2] = pred >= clip ? clip - 1 : pred;
      out[1] = out[2] + 1;
      out[0] = 0;
    }
  }
}
