/**
 * The real-time calls of the SageMaker contract as one table, path → method → handler. Bun's own
 * router dispatches these paths and methods straight to their handler (run.ts): a one-row
 * request then skips the app's router, its context and its extra await. The app mounts the
 * same handlers (routes/sagemaker.ts, routes/predict-parameters.ts), so `app.handle`, the OpenAPI document
 * and every other method or spelling of these paths (a trailing slash, OPTIONS) behave alike.
 */
import type { FinishingHandler } from './habits/index.ts';
import type { Invoker } from './invoke.ts';
import { headerBag } from './request-headers.ts';

const PING = JSON.stringify({ status: 'healthy' });
/** Shared by every /ping answer (a Response copies its init's headers). */
const PING_INIT = { headers: new Headers({ 'content-type': 'application/json' }) };

/** The /ping answer (a process that answers at all has its model loaded). */
export function pingResponse(): Response {
  return new Response(PING, PING_INIT);
}

export type RequestHandler = (request: Request) => Response | Promise<Response>;

/** GET /ping, its answer handed on when the habits give their step (FinishingHandler). */
const ping: FinishingHandler = (request, finish) =>
  finish === undefined ? pingResponse() : finish(request, headerBag(request), pingResponse(), performance.now());

/** Each handler hands its answer on to the habits' step when given one (FinishingHandler). */
export interface RealTimeRoutes {
  readonly '/ping': { readonly GET: FinishingHandler };
  readonly '/invocations': { readonly POST: FinishingHandler };
  readonly '/predict_parameters': { readonly GET: FinishingHandler };
}

export function realTimeRoutes(invoker: Invoker): RealTimeRoutes {
  return {
    '/ping': { GET: ping },
    '/invocations': { POST: invoker.invocations },
    '/predict_parameters': { GET: invoker.predictParameters },
  };
}

/** The table for Bun.serve's `routes`, each handler passed through `wrap` (the habits and the drain). */
export function bunRoutes(
  table: RealTimeRoutes,
  wrap: (handler: FinishingHandler) => RequestHandler,
): Record<string, Record<string, RequestHandler>> {
  const routes: Record<string, Record<string, RequestHandler>> = {};
  for (const [path, methods] of Object.entries(table) as [string, Record<string, FinishingHandler>][]) {
    routes[path] = {};
    for (const [method, handler] of Object.entries(methods)) routes[path][method] = wrap(handler);
  }
  return routes;
}
