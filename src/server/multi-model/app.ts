/**
 * The multi-model server's app: SageMaker's multi-model routes, H2O's REST API per model,
 * /ping, /readyz, /metrics and the docs. Every model gets its own Session and Invoker, built
 * with the server-wide options, the server's stop signal and the model's own metrics view.
 * The list of loaded models is this process's own, or (a worker) the primary's over IPC.
 */
import { Elysia } from 'elysia';
import { AllowedMethods, type RouteEntry } from '../allowed-methods.ts';
import { frameworkErrorResponse } from '../errors.ts';
import { h2oModelId, h2oRoutes } from '../h2o/index.ts';
import { jsonLogger, type Logger } from '../log.ts';
import { ServerMetrics } from '../metrics.ts';
import { pingResponse } from '../real-time.ts';
import { metricsRoute, probeRoutes } from '../routes/index.ts';
import { Session } from '../../scoring/index.ts';
import { Invoker } from '../invoke.ts';
import { hideServerPath } from '../server-paths.ts';
import { defaultOptions, type AppOptions } from '../options.ts';
import { protocolRoutes } from '../protocols/index.ts';
import { multiModelDocs } from './docs.ts';
import { MultiModelMetrics } from './metrics.ts';
import type { CatalogApi } from './catalog.ts';
import type { MultiModelOptions } from './options.ts';
import { ModelRegistry } from './registry.ts';
import { multiModelRoutes } from './routes.ts';

export interface MultiModelAppOptions extends Partial<AppOptions> {
  log?: Logger;
  /** Aborting it stops every in-flight batch of every model at its next slice (a forced drain). */
  signal?: AbortSignal;
  /** The list of loaded models when another process keeps it (a worker: the primary's, catalog-ipc.ts). */
  catalog?: CatalogApi;
}

export function buildMultiModelApp(mm: MultiModelOptions, options: MultiModelAppOptions = {}) {
  const { log = jsonLogger, signal, catalog, ...rest } = options;
  const opts = defaultOptions(rest);
  hideServerPath(mm.root, '(model root)');
  const metrics = opts.metrics ? new ServerMetrics({ perModel: true }) : undefined;
  const registry = new ModelRegistry(
    mm,
    (model, name) => new Invoker(new Session(model, { fastRecords: opts.fastRecords, signal }), opts, log, metrics?.forModel(name)),
    log,
    catalog,
  );
  if (metrics) {
    registry.metrics = new MultiModelMetrics(metrics);
    const own = registry.localCatalog;
    if (own) metrics.catalog = () => own.stats();
  }
  const allowed = new AllowedMethods((): readonly RouteEntry[] => app.routes);
  const app = new Elysia()
    .onError({ as: 'global' }, ({ code, error, request }) => frameworkErrorResponse(code, error, log, request, allowed))
    .use(opts.swagger ? multiModelDocs() : new Elysia({ name: 'docs' }))
    .use(probeRoutes())
    .get('/ping', pingResponse, { detail: { summary: 'Health check', tags: ['sagemaker'] } })
    .get('/readyz', () => new Response('Ready', { headers: { 'content-type': 'text/plain' } }), {
      detail: { summary: 'Readiness (H2O REST scorer)', tags: ['h2o'] },
    })
    .use(multiModelRoutes(registry, log))
    .use(
      h2oRoutes({
        prefix: '/models/:name',
        resolve: async (name) => (await registry.get(name ?? '')).invoker,
        modelId: h2oModelId({}),
        log,
      }),
    )
    .use(protocolRoutes({ resolve: async (name) => (await registry.get(name)).invoker, log }));
  return { app: metrics ? app.use(metricsRoute(metrics)) : app, registry, metrics };
}
