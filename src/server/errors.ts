/**
 * The one place that turns errors into HTTP responses. A ScorerError answers with its own
 * status and `{"error": {"code", "message", ...detail}}`; a route that does not exist is a 404;
 * anything else is a bug: logged with its stack, answered with a bare 500.
 */
import { echoed, ScorerError } from '../errors.ts';
import { type AllowedMethods, pathOf } from './allowed-methods.ts';
import type { Logger } from './log.ts';
import { withoutServerPaths } from './server-paths.ts';

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

export function jsonError(status: number, code: string, message: string, detail?: Record<string, unknown>): Response {
  const body: Record<string, unknown> = { code, message };
  if (detail) for (const k in detail) if (k !== 'code' && k !== 'message') body[k] = detail[k];
  return new Response(JSON.stringify({ error: body }), { status, headers: JSON_HEADERS });
}

/** The response for `e`. Its text names no folder of the server (server-paths.ts); the log keeps it whole. */
export function errorResponse(e: unknown, log: Logger, where = 'request'): Response {
  if (e instanceof ScorerError) return jsonError(e.status, e.code, withoutServerPaths(e.message), e.detail && publicDetail(e.detail));
  log('error', `unhandled error in ${where}`, { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  return jsonError(500, 'INTERNAL_ERROR', 'internal server error');
}

/** `detail` with its strings rewritten as the message is (server-paths.ts). */
function publicDetail(detail: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in detail) {
    const v = detail[k];
    out[k] = typeof v === 'string' ? withoutServerPaths(v) : v;
  }
  return out;
}

/**
 * Elysia's own errors before any handler ran. No route for the method and path: a 405 with
 * `Allow` when the path is served with other methods, else a 404.
 */
export function frameworkErrorResponse(
  code: string | number,
  e: unknown,
  log: Logger,
  request?: Request,
  allowed?: AllowedMethods,
): Response {
  if (code !== 'NOT_FOUND') return errorResponse(e, log, 'framework');
  if (request !== undefined && allowed !== undefined) {
    const path = pathOf(request.url);
    const methods = allowed.of(path);
    // A table that names the request's own method disagrees with the router: the path is not
    // one it serves, so a 404 (a 405 "allowed: POST" to a POST would contradict itself).
    if (methods.length > 0 && !methods.includes(request.method.toUpperCase())) {
      const allow = methods.join(', ');
      const res = jsonError(405, 'METHOD_NOT_ALLOWED', `${echoed(request.method)} is not allowed on ${echoed(path)}; allowed: ${allow}`);
      res.headers.set('allow', allow);
      return res;
    }
  }
  return jsonError(404, 'NOT_FOUND', 'no such route');
}
