/**
 * Stacked Ensemble MOJO reader (`algo = stackedensemble`, StackedEnsembleMojoReader, mojo_version
 * up to 1.01). model.ini: the nested-model table (see submodels.ts), `base_models_num`,
 * `base_model<i>` (alias of the i-th base model; absent when the metalearner dropped it),
 * `metalearner` (alias) and `metalearner_transform` (`NONE` or `Logit`).
 */
import { MojoFormatError } from '../../errors.ts';
import type { AlgorithmReader, Model, ReaderContext } from '../model.ts';
import { featureInputs, RowMapper, SubModels } from '../common/index.ts';
import { EnsembleKind, StackedEnsembleModel, type BaseModel } from './model.ts';

const MAX_BASE_MODELS = 1 << 16;

function read(ctx: ReaderContext): Model {
  const h = ctx.header;
  const info = h.info;
  const origin = `${ctx.source.origin}: model.ini`;
  const subs = new SubModels(ctx);
  const baseModelNum = info.int('base_models_num', 0);
  if (baseModelNum < 0 || baseModelNum > MAX_BASE_MODELS)
    throw new MojoFormatError(`${origin}: base_models_num = ${baseModelNum} is out of range`);
  const metaKey = info.str('metalearner');
  if (metaKey === undefined) throw new MojoFormatError(`${origin}: no 'metalearner'`);
  const transform = info.str('metalearner_transform', 'NONE');
  if (transform !== 'NONE' && transform !== 'Logit')
    throw new MojoFormatError(`${origin}: metalearner_transform '${transform}' is not supported`);
  const kind = h.nclasses > 2 ? EnsembleKind.Multinomial : h.nclasses === 2 ? EnsembleKind.Binomial : EnsembleKind.Regression;
  if (kind !== EnsembleKind.Regression && h.category !== 'Binomial' && h.category !== 'Multinomial') {
    throw new MojoFormatError(`${origin}: ${h.nclasses}-class ensemble of category ${h.category}`);
  }
  const inputs = featureInputs(h);
  const meta = subs.get(metaKey, 'metalearner');
  const bases: BaseModel[] = [];
  for (let i = 0; i < baseModelNum; i++) {
    const key = info.str(`base_model${i}`);
    if (key === undefined) continue; // dropped by the metalearner: its slot stays 0
    const model = subs.get(key, `base model ${i}`);
    bases.push({ slot: i, model, mapper: RowMapper.build(inputs, model.inputs, `${origin}: base model '${key}'`) });
  }
  return new StackedEnsembleModel(h, inputs, kind, h.nclasses, baseModelNum, bases, meta, transform === 'Logit');
}

export const stackedEnsembleReader: AlgorithmReader = { algos: ['stackedensemble'], maxMojoVersion: 1.01, read };

export { logitOfProbability, StackedEnsembleModel } from './model.ts';
