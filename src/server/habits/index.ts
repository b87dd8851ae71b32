/**
 * What every HTTP answer of the server goes through, whichever route made it (single- and
 * multi-model alike; run.ts wraps Bun.serve's handler with it): the client's request id echoed,
 * every 5xx logged and answered with an id (the client's or a new one), and, when switched on,
 * an access log line, CORS and gzip.
 */
import type { Logger } from '../log.ts';
import { type HeaderBag, headerBag } from '../request-headers.ts';
import { pathOf } from '../allowed-methods.ts';
import { allowedOrigin, isPreflight, preflightResponse, setCorsHeaders } from './cors.ts';
import { acceptsGzip, compressible, gzipResponse } from './gzip.ts';
import { clientRequestId, newRequestId, REQUEST_ID_HEADER } from './request-id.ts';
import type { HttpHabits } from './settings.ts';

export { type HttpHabits, httpHabitsFromEnv, NO_HABITS } from './settings.ts';
export { REQUEST_ID_HEADER } from './request-id.ts';
export { GZIP_MIN_BYTES } from './gzip.ts';

type Handler = (request: Request) => Response | Promise<Response>;

/** What the server does on top of the habits: with each request as it arrives, and each answer as it leaves (the drain). */
export interface RequestGate {
  arrived(): void;
  leave(response: Response): Response | Promise<Response>;
}

const OPEN_GATE: RequestGate = { arrived: () => {}, leave: (response) => response };

/**
 * `handler` with the shared habits: request id, 5xx log, access log, CORS, gzip. The common
 * case (a 2xx or 4xx, no access log, no CORS, no gzip asked for) costs two header reads and no
 * allocation: an id is made up only for an answer that is logged (a 5xx, or the access log), and
 * echoed on every answer to a client that sent one.
 */
export function withHttpHabits(
  handler: Handler,
  habits: HttpHabits,
  log: Logger,
  gate: RequestGate = OPEN_GATE,
): (request: Request) => Response | Promise<Response> {
  // The gate's step shares the habits' one continuation: a promise per layer costs a one-row request.
  const h = new Habits(handler, habits, log, gate);
  return (request) => h.handle(request);
}

class Habits {
  private readonly cors: boolean;

  constructor(
    private readonly handler: Handler,
    private readonly habits: HttpHabits,
    private readonly log: Logger,
    private readonly gate: RequestGate,
  ) {
    this.cors = habits.corsOrigins.length > 0;
  }

  handle(request: Request): Response | Promise<Response> {
    this.gate.arrived();
    const t0 = this.habits.accessLog ? performance.now() : 0;
    // Copied out once here; the route reads the same copy (headerBag keeps the last request's).
    const headers = headerBag(request);
    const allow = this.cors ? allowedOrigin(this.habits.corsOrigins, headers.origin ?? null) : null;
    if (allow !== null && isPreflight(request)) return this.finish(request, headers, preflightResponse(request, allow), allow, t0);
    // No await when the route answered synchronously: the wrapper adds no turn of the event loop.
    const answer = this.handler(request);
    return answer instanceof Promise
      ? answer.then((r) => this.finish(request, headers, r, allow, t0))
      : this.finish(request, headers, answer, allow, t0);
  }

  private finish(request: Request, headers: HeaderBag, response: Response, allow: string | null, t0: number): Response | Promise<Response> {
    // The Accept-Encoding test first: reading a body's stream costs more than a header lookup.
    if (this.habits.gzip && acceptsGzip(headers['accept-encoding'] ?? null) && request.method !== 'HEAD' && compressible(response))
      return gzipResponse(response).then((r) => this.gate.leave(this.done(request, headers, r, allow, t0)));
    return this.gate.leave(this.done(request, headers, response, allow, t0));
  }

  private done(request: Request, headers: HeaderBag, answer: Response, allow: string | null, t0: number): Response {
    const status = answer.status;
    const logged = status >= 500 || this.habits.accessLog;
    const sent = clientRequestId(headers);
    const id = sent ?? (logged ? newRequestId() : null);
    const response = id === null ? answer : withHeader(answer, REQUEST_ID_HEADER, id);
    if (allow !== null) setCorsHeaders(response.headers, allow);
    // A bug (500) is an error; a timeout (504) or a stop (503) is the service working as designed.
    if (status >= 500)
      this.log(status === 500 ? 'error' : 'warn', 'request failed', {
        requestId: id,
        method: request.method,
        path: pathOf(request.url),
        status,
      });
    if (this.habits.accessLog)
      this.log('info', 'request', {
        requestId: id,
        method: request.method,
        path: pathOf(request.url),
        status,
        ms: Math.round((performance.now() - t0) * 10) / 10,
      });
    return response;
  }
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
