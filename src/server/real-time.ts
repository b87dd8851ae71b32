/**
 * The real-time calls of the SageMaker contract as one table, path → method → handler. Bun's own
 * router dispatches these paths and methods straight to their handler (run.ts): a one-row
 * request then skips the app's router, its context and its extra await. The app mounts the
 * same handlers (routes/sagemaker.ts, routes/predict-parameters.ts), so `app.handle`, the OpenAPI document
 * and every other method or spelling of these paths (a trailing slash, OPTIONS) behave alike.
 */
import type { Invoker } from './invoke.ts';

const PING = JSON.stringify({ status: 'healthy' });
/** Shared by every /ping answer (a Response copies its init's headers). */
const PING_INIT = { headers: new Headers({ 'content-type': 'application/json' }) };

/** The /ping answer (a process that answers at all has its model loaded). */
export function pingResponse(): Response {
  return new Response(PING, PING_INIT);
}

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
