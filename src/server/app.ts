/**
 * createApp(model, options): the Elysia app with every route, over one Session of the model
 * (serving.ts). Tests drive it with `app.handle(new Request(…))`; run.ts serves the same
 * `app.handle` with Bun.serve (Bun's router takes the real-time calls to the same handlers).
 */
import { Elysia } from 'elysia';
import type { Model } from '../algos/index.ts';
import { AllowedMethods, type RouteEntry } from './allowed-methods.ts';
import { frameworkErrorResponse } from './errors.ts';
import { h2oModelId, h2oRoutes } from './h2o/index.ts';
import { invocationsDetail, predictParametersDetail } from './openapi-detail.ts';
import { docsRoutes, metricsRoute, pageRoutes, probeRoutes, predictParametersRoute, sagemakerRoutes } from './routes/index.ts';
import { protocolRoutes, singleModel } from './protocols/index.ts';
import { exampleRecord } from './schema.ts';
import { buildServing, type CreateAppOptions, type Serving } from './serving.ts';

export type { CreateAppOptions } from './serving.ts';

export function createApp(model: Model, options: CreateAppOptions = {}) {
  return buildApp(model, options).app;
}

/** The app plus the serving side it mounts (the invoker behind its scoring routes, the metrics, the real-time routes). */
export function buildApp(model: Model, options: CreateAppOptions = {}) {
  const serving = buildServing(model, options);
  return { ...serving, app: appOf(serving) };
}

/** The app with every route over `serving`. */
export function appOf(serving: Serving) {
  const { model, options: opts, log, modelPath, invoker, metrics, realTime } = serving;
  const example = exampleRecord(invoker.session);
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
  return metrics ? app.use(metricsRoute(metrics)) : app;
}

export type App = ReturnType<typeof createApp>;
