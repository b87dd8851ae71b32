/** Nested-model plumbing shared by the Stacked Ensemble, MOJO pipelines and k-LIME: row remapping and sub-model loading. */
export { RowMapper } from './row-mapper.ts';
export { SubModels } from './submodels.ts';
