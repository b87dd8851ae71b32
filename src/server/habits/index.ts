/**
 * What every HTTP answer of the server goes through, whichever route made it (single- and
 * multi-model alike; run.ts wraps Bun.serve's handler with it): a request id echoed on the
 * answer, every 5xx logged with that id, and, when switched on, an access log line, CORS and
 * gzip. With the defaults a request costs two header reads and one header write here.
 */
import type { Logger } from '../log.ts';
import { pathOf } from '../allowed-methods.ts';
import { allowedOrigin, isPreflight, preflightResponse, setCorsHeaders } from './cors.ts';
import { acceptsGzip, compressible, gzipResponse } from './gzip.ts';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id.ts';
import type { HttpHabits } from './settings.ts';

export { type HttpHabits, httpHabitsFromEnv, NO_HABITS } from './settings.ts';
export { REQUEST_ID_HEADER } from './request-id.ts';
export { GZIP_MIN_BYTES } from './gzip.ts';

type Handler = (request: Request) => Response | Promise<Response>;

/** `handler` with the shared habits: request id, 5xx log, access log, CORS, gzip. */
export function withHttpHabits(handler: Handler, habits: HttpHabits, log: Logger): (request: Request) => Response | Promise<Response> {
  const { accessLog, corsOrigins, gzip } = habits;
  const cors = corsOrigins.length > 0;
  return (request) => {
    const t0 = accessLog ? performance.now() : 0;
    const id = requestIdOf(request.headers);
    const allow = cors ? allowedOrigin(corsOrigins, request.headers.get('origin')) : null;
    const finish = (response: Response): Response | Promise<Response> => {
      // The Accept-Encoding test first: reading a body's stream costs more than a header lookup.
      if (gzip && acceptsGzip(request.headers.get('accept-encoding')) && request.method !== 'HEAD' && compressible(response))
        return gzipResponse(response).then(done);
      return done(response);
    };
    const done = (answer: Response): Response => {
      const response = withHeader(answer, REQUEST_ID_HEADER, id);
      if (allow !== null) setCorsHeaders(response.headers, allow);
      const status = response.status;
      // A bug (500) is an error; a timeout (504) or a stop (503) is the service working as designed.
      if (status >= 500)
        log(status === 500 ? 'error' : 'warn', 'request failed', {
          requestId: id,
          method: request.method,
          path: pathOf(request.url),
          status,
        });
      if (accessLog)
        log('info', 'request', {
          requestId: id,
          method: request.method,
          path: pathOf(request.url),
          status,
          ms: Math.round((performance.now() - t0) * 10) / 10,
        });
      return response;
    };
    if (allow !== null && isPreflight(request)) return finish(preflightResponse(request, allow));
    // No await when the route answered synchronously: the wrapper adds no turn of the event loop.
    const answer = handler(request);
    return answer instanceof Promise ? answer.then(finish) : finish(answer);
  };
}

/** `response` with `name` set; a copy when its headers are immutable (a Response made elsewhere). */
function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set(name, value);
    return copy;
  }
}
