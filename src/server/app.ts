/**
 * createApp(model, options): the Elysia app with every route, over one Session of the model.
 * Tests drive it with `app.handle(new Request(…))`; run.ts serves the same `app.handle` with
 * Bun.serve, so every route is mounted once and tested as production runs it.
 */
import { Elysia } from 'elysia';
import type { Model } from '../algos/index.ts';
import { Session } from '../scoring/index.ts';
import { AllowedMethods, type RouteEntry } from './allowed-methods.ts';
import { frameworkErrorResponse } from './errors.ts';
import { h2oModelId, h2oRoutes } from './h2o/index.ts';
import { Invoker } from './invoke.ts';
import { jsonLogger, type Logger } from './log.ts';
import { ServerMetrics } from './metrics.ts';
import { invocationsDetail, predictParametersDetail } from './openapi-detail.ts';
import { type AppOptions, defaultOptions } from './options.ts';
import {
  docsRoutes,
  metricsRoute,
  pageRoutes,
  probeRoutes,
  predictParametersRoute,
  realTimeRoutes,
  sagemakerRoutes,
} from './routes/index.ts';
import { protocolRoutes, singleModel } from './protocols/index.ts';
import { exampleRecord } from './schema.ts';

export interface CreateAppOptions extends Partial<AppOptions> {
  log?: Logger;
  /** Where the model was loaded from: the page describes it, and offers it as /model.mojo when SERVE_MODEL_FILE is on. */
  modelPath?: string;
  /** Aborting it stops every in-flight batch at its next slice (SHUTTING_DOWN); e.g. when a drain runs out of time. */
  signal?: AbortSignal;
}

export function createApp(model: Model, options: CreateAppOptions = {}) {
  return buildApp(model, options).app;
}

/** The app plus the invoker behind its scoring routes, the metrics it keeps, and its real-time routes (which Bun's router dispatches itself). */
export function buildApp(model: Model, options: CreateAppOptions = {}) {
  const { log = jsonLogger, modelPath, signal, ...rest } = options;
  const opts = defaultOptions(rest);
  const metrics = opts.metrics ? new ServerMetrics() : undefined;
  const session = new Session(model, { fastRecords: opts.fastRecords, signal });
  const invoker = new Invoker(session, opts, log, metrics);
  const example = exampleRecord(session);
  const realTime = realTimeRoutes(invoker);
  const allowed = new AllowedMethods((): readonly RouteEntry[] => app.routes);
  const app = new Elysia()
    .onError({ as: 'global' }, ({ code, error, request }) => frameworkErrorResponse(code, error, log, request, allowed))
    // Swagger first when served: its plugin documents the routes mounted after it.
    .use(opts.swagger ? docsRoutes(model) : new Elysia({ name: 'docs' }))
    .use(pageRoutes(model, modelPath, { page: opts.modelPage, modelFile: opts.serveModelFile, swagger: opts.swagger }))
    .use(probeRoutes())
    .use(sagemakerRoutes(invoker, realTime, invocationsDetail(model, example)))
    .use(predictParametersRoute(realTime, predictParametersDetail(model, example)))
    .use(h2oRoutes({ prefix: '', resolve: async () => invoker, modelId: h2oModelId(process.env), log }))
    .use(protocolRoutes({ resolve: singleModel(invoker, h2oModelId(process.env)), log }));
  return { app: metrics ? app.use(metricsRoute(metrics)) : app, invoker, metrics, realTime };
}

export type App = ReturnType<typeof createApp>;
