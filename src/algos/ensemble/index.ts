/** Stacked Ensemble evaluator, plus the nested-model plumbing pipelines and k-LIME share. */
export { stackedEnsembleReader } from './reader.ts';
export { logitOfProbability, StackedEnsembleModel } from './model.ts';
export { RowMapper } from './remap.ts';
export { SubModels } from './submodels.ts';
