/**
 * Cross-origin access for browser clients on other origins (CORS_ORIGINS): the allowed origin
 * on every answer, and the answer to a preflight (OPTIONS with Access-Control-Request-Method)
 * without reaching the routes.
 */

import { addVary } from './vary.ts';

const ALLOWED_METHODS = 'GET, POST, PUT, DELETE, OPTIONS';
/** Headers a script on the other origin may read (the id, SageMaker's attributes, ignored columns). */
const EXPOSED_HEADERS = 'x-request-id, x-amzn-sagemaker-custom-attributes, x-ignored-columns';
/** How long a browser may reuse a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE_S = '600';

/** The Access-Control-Allow-Origin value for `origin`, or null when it is not allowed. */
export function allowedOrigin(origins: readonly string[], origin: string | null): string | null {
  if (origin === null || origins.length === 0) return null;
  if (origins[0] === '*') return '*';
  return origins.includes(origin) ? origin : null;
}

/** Whether `request` is a CORS preflight. */
export function isPreflight(request: Request): boolean {
  return request.method === 'OPTIONS' && request.headers.has('access-control-request-method');
}

/** The 204 answer to an allowed preflight. */
export function preflightResponse(request: Request, allow: string): Response {
  const headers = new Headers({
    'access-control-allow-origin': allow,
    'access-control-allow-methods': ALLOWED_METHODS,
    'access-control-max-age': PREFLIGHT_MAX_AGE_S,
  });
  const asked = request.headers.get('access-control-request-headers');
  if (asked !== null) headers.set('access-control-allow-headers', asked);
  return new Response(null, { status: 204, headers });
}

/** Marks an answer as readable by `allow`. */
export function setCorsHeaders(headers: Headers, allow: string): void {
  headers.set('access-control-allow-origin', allow);
  headers.set('access-control-expose-headers', EXPOSED_HEADERS);
  if (allow !== '*') addVary(headers, 'origin');
}
