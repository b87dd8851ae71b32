/**
 * Isotonic Regression MOJO reader (`algo = isotonicregression`, mojo_version 1.00): the
 * prediction is the calibration curve (shared/isotonic.ts) applied to the first feature.
 */
import { MojoFormatError } from '../../errors.ts';
import type { MojoHeader } from '../../mojo/index.ts';
import { type AlgorithmReader, type InputColumn, type Model, ModelBase, type OutputColumn, type ReaderContext } from '../model.ts';
import { featureInputs, regressionOutputs } from '../outputs.ts';
import { isotonicValue, readIsotonicCurve, type IsotonicCurve } from '../shared/index.ts';

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

function read(ctx: ReaderContext): Model {
  const inputs = featureInputs(ctx.header);
  if (inputs.length < 1) throw new MojoFormatError(`${ctx.source.origin}: isotonic regression has no input column`);
  return new IsotonicRegressionModel(ctx.header, inputs, readIsotonicCurve(ctx.source, ctx.header.info));
}

export const isotonicRegressionReader: AlgorithmReader = { algos: ['isotonicregression'], maxMojoVersion: 1.0, read };
