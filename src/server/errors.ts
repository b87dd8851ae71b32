/**
 * The one place that turns errors into HTTP responses. A ScorerError answers with its own
 * status and `{"error": {"code", "message", ...detail}}`; a route that does not exist is a 404;
 * anything else is a bug: logged with its stack, answered with a bare 500.
 */
import { echoed, ScorerError } from '../errors.ts';
import { type AllowedMethods, pathOf } from './allowed-methods.ts';
import type { Logger } from './log.ts';

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

export function jsonError(status: number, code: string, message: string, detail?: Record<string, unknown>): Response {
  const body: Record<string, unknown> = { code, message };
  if (detail) for (const k in detail) if (k !== 'code' && k !== 'message') body[k] = detail[k];
  return new Response(JSON.stringify({ error: body }), { status, headers: JSON_HEADERS });
}

/**
 * The response for `e`. `redact` rewrites the text a client sees (message and string details),
 * e.g. to take server paths out of it; the log keeps the original.
 */
export function errorResponse(e: unknown, log: Logger, where = 'request', redact?: (text: string) => string): Response {
  if (e instanceof ScorerError) {
    if (redact === undefined) return jsonError(e.status, e.code, e.message, e.detail);
    return jsonError(e.status, e.code, redact(e.message), e.detail && redactDetail(e.detail, redact));
  }
  log('error', `unhandled error in ${where}`, { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  return jsonError(500, 'INTERNAL_ERROR', 'internal server error');
}

function redactDetail(detail: Record<string, unknown>, redact: (text: string) => string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in detail) {
    const v = detail[k];
    out[k] = typeof v === 'string' ? redact(v) : v;
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
