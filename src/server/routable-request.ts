/**
 * Elysia finds a request's path by searching for '/' from index 11 of its URL, which assumes a
 * host of at least 3 characters ("http://ml/metrics" then routes as a 404). Bun builds the URL
 * from the Host header, which a client sets freely ("Host: ml", or none over HTTP/1.0), so the
 * server hands Elysia such requests under a placeholder host. Costs nothing for usual hosts.
 */

/** Where Elysia starts looking for the path's '/'. */
const ELYSIA_PATH_SEARCH_FROM = 11;
const PLACEHOLDER_ORIGIN = 'http://localhost';

/** `request`, or the same request under a placeholder host when its host is too short to route. */
export function routableRequest(request: Request): Request {
  const url = request.url;
  const scheme = url.indexOf('://');
  const start = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
  if (start >= ELYSIA_PATH_SEARCH_FROM) return request;
  const path = start < 0 ? '/' : url.slice(start);
  return new Request(PLACEHOLDER_ORIGIN + path, request);
}
