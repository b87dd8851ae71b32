/**
 * What every GLM evaluator shares (h2o-genmodel GlmMojoModelBase): the feature row, the
 * coefficients, the offset (each model applies it as the reference does) and the mean
 * imputation of missing values.
 */
import type { MojoHeader } from '../../mojo/index.ts';
import { featureInputs, type Imputation, imputeInto } from '../common/index.ts';
import { type InputColumn, ModelBase } from '../model.ts';
import type { GlmParams } from './params.ts';

export abstract class GlmBase extends ModelBase {
  override readonly acceptsOffset = true;
  override readonly inputs: readonly InputColumn[];
  protected readonly beta: Float64Array;
  private readonly imputation: Imputation | null;
  private readonly scratch: Float64Array;

  constructor(
    override readonly header: MojoHeader,
    p: GlmParams,
  ) {
    super();
    this.beta = p.beta;
    this.imputation = p.imputation;
    this.inputs = featureInputs(header);
    this.scratch = new Float64Array(this.inputs.length);
  }

  /** The row with missing values imputed, when the model imputes them. */
  protected imputed(raw: Float64Array): Float64Array {
    return this.imputation === null ? raw : imputeInto(this.imputation, raw, this.scratch);
  }
}
