/**
 * What every GLM evaluator shares (h2o-genmodel GlmMojoModelBase): the feature row, the
 * coefficients and the offset (each model applies it as the reference does). The mean
 * imputation of missing values lives in each model's LinearLayout (`fills`).
 */
import type { MojoHeader } from '../../mojo/index.ts';
import { featureInputs } from '../common/index.ts';
import { type InputColumn, ModelBase } from '../model.ts';
import type { GlmParams } from './params.ts';

export abstract class GlmBase extends ModelBase {
  override readonly acceptsOffset = true;
  override readonly inputs: readonly InputColumn[];
  protected readonly beta: Float64Array;

  constructor(
    override readonly header: MojoHeader,
    p: GlmParams,
  ) {
    super();
    this.beta = p.beta;
    this.inputs = featureInputs(header);
  }
}
