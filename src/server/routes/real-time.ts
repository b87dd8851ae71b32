/**
 * The real-time calls of the SageMaker contract as one table, path → method → handler. Bun's own
 * router dispatches these paths and methods straight to their handler (run.ts): a one-row
 * request then skips the app's router, its context and its extra await. The app mounts the
 * same handlers (sagemaker.ts, predict-parameters.ts), so `app.handle`, the OpenAPI document
 * and every other method or spelling of these paths (a trailing slash, OPTIONS) behave alike.
 */
import type { Invoker } from '../invoke.ts';
import { pingResponse } from './sagemaker.ts';

export type RequestHandler = (request: Request) => Response | Promise<Response>;

export interface RealTimeRoutes {
  readonly '/ping': { readonly GET: RequestHandler };
  readonly '/invocations': { readonly POST: RequestHandler };
  readonly '/predict_parameters': { readonly GET: RequestHandler };
}

export function realTimeRoutes(invoker: Invoker): RealTimeRoutes {
  return {
    '/ping': { GET: pingResponse },
    '/invocations': { POST: invoker.invocations },
    '/predict_parameters': { GET: invoker.predictParameters },
  };
}

/** The table for Bun.serve's `routes`, each handler passed through `wrap` (the habits and the drain). */
export function bunRoutes(
  table: RealTimeRoutes,
  wrap: (handler: RequestHandler) => RequestHandler,
): Record<string, Record<string, RequestHandler>> {
  const routes: Record<string, Record<string, RequestHandler>> = {};
  for (const [path, methods] of Object.entries(table) as [string, Record<string, RequestHandler>][]) {
    routes[path] = {};
    for (const [method, handler] of Object.entries(methods)) routes[path][method] = wrap(handler);
  }
  return routes;
}
