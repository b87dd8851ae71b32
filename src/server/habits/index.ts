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

/**
 * The habits' step for one answer (request id, 5xx log, access log, CORS, gzip, the gate's
 * leave); `t0` is when the request arrived (the access log's time).
 */
export type Finish = (request: Request, headers: HeaderBag, response: Response, t0: number) => Response | Promise<Response>;

/**
 * A handler that hands its answer to `finish` itself and returns what that returns, so an answer
 * made after a wait takes the handler's one continuation and none of the habits' own (a promise
 * per layer costs a one-row request). Called without `finish` (by the app), it returns its answer.
 */
export type FinishingHandler = (request: Request, finish?: Finish) => Response | Promise<Response>;

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
  return withFinishingHabits(finishing(handler), habits, log, gate);
}

/** A handler that hands its answer on (FinishingHandler) with the shared habits, as withHttpHabits. */
export function withFinishingHabits(
  handler: FinishingHandler,
  habits: HttpHabits,
  log: Logger,
  gate: RequestGate = OPEN_GATE,
): (request: Request) => Response | Promise<Response> {
  // The gate's step shares the habits' one continuation: a promise per layer costs a one-row request.
  const h = new Habits(handler, habits, log, gate);
  return (request) => h.handle(request);
}

/** A plain handler as one that hands its answer on: its answer, once made, handed to `finish`. */
function finishing(handler: Handler): FinishingHandler {
  return (request, finish) => {
    const t0 = performance.now();
    // Copied before the handler runs: the copy kept for the last request is another's after a wait.
    const headers = headerBag(request);
    const answer = handler(request);
    if (finish === undefined) return answer;
    // No await when the route answered synchronously: the wrapper adds no turn of the event loop.
    return answer instanceof Promise ? answer.then((r) => finish(request, headers, r, t0)) : finish(request, headers, answer, t0);
  };
}

class Habits {
  private readonly cors: boolean;

  constructor(
    private readonly handler: FinishingHandler,
    private readonly habits: HttpHabits,
    private readonly log: Logger,
    private readonly gate: RequestGate,
  ) {
    this.cors = habits.corsOrigins.length > 0;
  }

  handle(request: Request): Response | Promise<Response> {
    this.gate.arrived();
    // Copied out once here; the route reads the same copy (headerBag keeps the last request's).
    const headers = headerBag(request);
    const allow = this.allowed(headers);
    if (allow !== null && isPreflight(request))
      return this.finish(request, headers, preflightResponse(request, allow), allow, this.habits.accessLog ? performance.now() : 0);
    return this.handler(request, this.answered);
  }

  /** The handler's answer, finished (made once: handing it on costs a request no closure). */
  private readonly answered: Finish = (request, headers, response, t0) =>
    this.finish(request, headers, response, this.allowed(headers), t0);

  /** The origin CORS allows for these headers, or null (CORS off, or an origin not allowed). */
  private allowed(headers: HeaderBag): string | null {
    return this.cors ? allowedOrigin(this.habits.corsOrigins, headers.origin ?? null) : null;
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
