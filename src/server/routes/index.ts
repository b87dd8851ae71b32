/** The surface of server/routes/ for the modules outside it. */
export { docsRoutes, swaggerDocs } from './docs.ts';
export { metricsRoute } from './metrics.ts';
export { pageRoutes } from './page.ts';
export { predictParametersRoute } from './predict-parameters.ts';
export { sagemakerRoutes } from './sagemaker.ts';
export type { Json } from './types.ts';
export { probeRoutes } from './probes.ts';
