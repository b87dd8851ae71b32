/** Isotonic Regression MOJO reader: decodes the model once into its model.ts evaluator (format and scoring rules described there). */
import { MojoFormatError } from '../../errors.ts';
import type { AlgorithmReader, Model, ReaderContext } from '../model.ts';
import { featureInputs, readIsotonicCurve } from '../common/index.ts';
import { IsotonicRegressionModel } from './model.ts';

function read(ctx: ReaderContext): Model {
  const inputs = featureInputs(ctx.header);
  if (inputs.length < 1) throw new MojoFormatError(`${ctx.source.origin}: isotonic regression has no input column`);
  return new IsotonicRegressionModel(ctx.header, inputs, readIsotonicCurve(ctx.source, ctx.header.info));
}

export const isotonicRegressionReader: AlgorithmReader = { algos: ['isotonicregression'], maxMojoVersion: 1.0, read };
