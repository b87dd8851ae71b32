/** Sparkling Water SVM MOJO evaluator (the linear `svm`; h2o-genmodel has no PSVM MOJO reader). */
import { MojoFormatError } from '../../errors.ts';
import type { AlgorithmReader, Model, ReaderContext } from '../model.ts';
import { kvDoubles } from '../common/index.ts';
import { SvmModel } from './model.ts';

function read(ctx: ReaderContext): Model {
  const h = ctx.header;
  const info = h.info;
  const origin = ctx.source.origin;
  const n = h.nfeatures;
  const weights = kvDoubles(info, 'weights', origin);
  if (weights.length !== n) throw new MojoFormatError(`${origin}: weights has ${weights.length} values for ${n} features`);
  let means: Float64Array | null = null;
  if (info.bool('meanImputation', false)) {
    means = kvDoubles(info, 'means', origin);
    if (means.length < n) throw new MojoFormatError(`${origin}: means has ${means.length} values for ${n} features`);
  }
  const regression = h.nclasses === 1;
  if (!regression && h.nclasses !== 2) throw new MojoFormatError(`${origin}: SVM with ${h.nclasses} classes is not binomial`);
  return new SvmModel(h, weights, means, info.num('interceptor'), info.num('threshold'), info.num('defaultThreshold'), regression);
}

export const svmReader: AlgorithmReader = { algos: ['svm'], maxMojoVersion: 1.0, read };
