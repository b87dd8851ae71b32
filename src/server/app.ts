/**
 * createApp(scorer, options): the Elysia app with every route, built once per model. Tests
 * drive it with `app.handle(new Request(…))`; run.ts serves it with Bun.serve.
 */
import { Elysia } from 'elysia';
import type { Scorer } from '../scoring/index.ts';
import { AllowedMethods, type RouteEntry } from './allowed-methods.ts';
import { frameworkErrorResponse } from './errors.ts';
import { h2oModelId, h2oRoutes } from './h2o/index.ts';
import { Invoker } from './invoke.ts';
import { jsonLogger, type Logger } from './log.ts';
import { ServerMetrics } from './metrics.ts';
import { invocationsDetail, predictParametersDetail } from './openapi-detail.ts';
import { defaultOptions, type AppOptions } from './options.ts';
import { docsRoutes } from './routes/docs.ts';
import { ModelEndpoint } from './model-endpoint.ts';
import { metricsRoute } from './routes/metrics.ts';
import { pageRoutes } from './routes/page.ts';
import { predictParametersRoute } from './routes/predict-parameters.ts';
import { sagemakerRoutes } from './routes/sagemaker.ts';
import { exampleRow } from './schema.ts';

export interface CreateAppOptions extends Partial<AppOptions> {
  log?: Logger;
  /** Where the model was loaded from: the page at `/` offers it to the browser as /model.mojo. */
  modelPath?: string;
  /** Aborting it stops every in-flight batch at its next slice (SHUTTING_DOWN); e.g. when a drain runs out of time. */
  signal?: AbortSignal;
}

export function createApp(scorer: Scorer, options: CreateAppOptions = {}) {
  return buildApp(scorer, options).app;
}

/**
 * The app plus the invoker behind its scoring routes: run.ts also mounts
 * `invoker.invocations` as a Bun.serve static route (the same handler, minus Elysia's
 * routing, ~5% more throughput on the hot path).
 */
export function buildApp(scorer: Scorer, options: CreateAppOptions = {}) {
  const { log = jsonLogger, modelPath, signal, ...rest } = options;
  const opts = defaultOptions(rest);
  const metrics = opts.metrics ? new ServerMetrics() : undefined;
  const invoker = new Invoker(scorer, opts, log, metrics, signal);
  const example = exampleOutput(scorer);
  const allowed = new AllowedMethods((): readonly RouteEntry[] => app.routes);
  const app = new Elysia()
    .onError({ as: 'global' }, ({ code, error, request }) => frameworkErrorResponse(code, error, log, request, allowed))
    .use(docsRoutes(scorer.model))
    .use(pageRoutes(scorer.model, modelPath))
    .use(sagemakerRoutes(invoker, invocationsDetail(scorer.model, example)))
    .use(predictParametersRoute(invoker, predictParametersDetail(scorer.model, example)))
    .use(h2oSingleModel(new ModelEndpoint(scorer.model, opts, log, metrics), log));
  return { app: metrics ? app.use(metricsRoute(metrics)) : app, invoker, metrics };
}

export type App = ReturnType<typeof createApp>;

/** H2O's REST scorer API over the one model. */
function h2oSingleModel(endpoint: ModelEndpoint, log: Logger) {
  return h2oRoutes({ prefix: '', resolve: async () => endpoint, modelId: h2oModelId(process.env), log });
}

/** The record of the example row, shown as the documented response (none if it fails). */
function exampleOutput(scorer: Scorer): Record<string, unknown> | undefined {
  // Scoring an example would move a stateful model (GLRM) one row on for every real request.
  if (scorer.model.stateful) return undefined;
  try {
    const rec = scorer.recordOfObject(exampleRow(scorer.model), true);
    return 'error' in rec ? undefined : rec;
  } catch {
    return undefined;
  }
}
