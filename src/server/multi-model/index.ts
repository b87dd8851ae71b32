/** Public surface of the SageMaker multi-model endpoint. */
export { buildMultiModelApp, type MultiModelAppOptions } from './app.ts';
export { DEFAULT_MULTI_MODEL_ROOT, multiModelEnabled, multiModelOptionsFromEnv, type MultiModelOptions } from './options.ts';
export { ModelRegistry, type LoadedModel } from './registry.ts';
export { runMultiModelPrimary, serveMultiModel } from './run.ts';
export type { CatalogApi, CatalogModel } from './catalog.ts';
