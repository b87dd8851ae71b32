/**
 * Isotonic Regression MOJO reader (`algo = isotonicregression`, mojo_version 1.00): the
 * prediction is the calibration curve (common/isotonic-curve.ts) applied to the first feature.
 */
import type { MojoHeader } from '../../mojo/index.ts';
import { type InputColumn, ModelBase, type OutputColumn } from '../model.ts';
import { type IsotonicCurve, isotonicValue, regressionOutputs } from '../common/index.ts';

export class IsotonicRegressionModel extends ModelBase {
  override readonly outputs: readonly OutputColumn[] = regressionOutputs();
  constructor(
    override readonly header: MojoHeader,
    override readonly inputs: readonly InputColumn[],
    private readonly curve: IsotonicCurve,
  ) {
    super();
  }

  protected override scoreRow(raw: Float64Array, out: Float64Array): void {
    out[0] = isotonicValue(this.curve, raw[0]);
  }
}
