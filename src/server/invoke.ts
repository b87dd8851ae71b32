/**
 * The HTTP side of /invocations and /predict_parameters for one Session: per-request settings,
 * body text (readBodyText: limit, Content-Encoding, charset) → streamBody (or streamArriving, a
 * long body read as it is scored) → the session's
 * rows, content negotiation, the ignored-columns header, metrics and errors. Scoring itself is
 * the session's: a lone row through its shared output, a batch in slices (batch-response.ts).
 */
import {
  batchWriter,
  EnvelopeWriter,
  type BodyText,
  type EncodedRows,
  PairRow,
  type RowSource,
  type Session,
  type StreamedBody,
  streamArriving,
  streamBody,
  TextSink,
  singleText,
} from '../scoring/index.ts';
import { answerRows } from './batch-response.ts';
import { invocationsAccept, requestKind, type ResponseFormat, responseFormat, forEachQueryPair, splitQuery } from './codecs/index.ts';
import { CONTROL_PARAMS, isControlParam } from './control-params.ts';
import { errorResponse } from './errors.ts';
import type { Finish } from './habits/index.ts';
import { IGNORED_HEADER, IgnoredColumns, ignoredHeaderValue } from './ignored.ts';
import type { Logger } from './log.ts';
import type { RequestMetrics } from './metrics.ts';
import type { AppOptions } from './options.ts';
import { type ReadContinuation, readBodyText } from './read-body.ts';
import { type HeaderBag, headerBag } from './request-headers.ts';
import { echoCustomAttributes, outputKind, type RequestOptions, requestOptions } from './request-options.ts';

const INVOCATIONS = 'invocations';

export class Invoker {
  private readonly ignored: IgnoredColumns;
  /** Pre-built response inits per content type (no unknown columns: the common case). */
  private readonly plainInits = new Map<string, ResponseInit>();
  /** Reused by /predict_parameters (one row, never yields). */
  private readonly queryKeys: string[] = [];
  private readonly queryValues: string[] = [];
  private readonly queryUnknown = new Set<string>();
  /** Reused by a one-row body (answered before anything else runs). */
  private readonly rowUnknown = new Set<string>();

  constructor(
    readonly session: Session,
    readonly options: AppOptions,
    readonly log: Logger,
    readonly metrics: RequestMetrics | undefined,
  ) {
    this.ignored = new IgnoredColumns(log);
  }

  /** POST /invocations: its body read, then answered. */
  readonly invocations = (request: Request, finish?: Finish): Response | Promise<Response> =>
    this.measured(INVOCATIONS, request, this.invokeAnswer, this.invokeBody, finish);

  /** GET /predict_parameters?col=value&… */
  readonly predictParameters = (request: Request, finish?: Finish): Response | Promise<Response> =>
    this.measured('predict_parameters', request, this.queryAnswer, undefined, finish);

  // Made once: steps that take the request as an argument cost a request no closure.
  private readonly invokeBody = (headers: HeaderBag, t0: number, request: Request, then: ReadContinuation<BodyText, Response>) =>
    readBodyText(request, { maxBytes: this.options.maxPayloadBytes, deadline: t0 + this.options.timeoutMs, arrived: t0 }, headers, then);
  private readonly invokeAnswer = (headers: HeaderBag, t0: number, request: Request, text: BodyText | undefined) =>
    this.invoke(request, headers, text as BodyText, t0 + this.options.timeoutMs);
  private readonly queryAnswer = (headers: HeaderBag, _t0: number, request: Request) => this.fromQuery(request, headers);

  /**
   * Runs `answer` as route `route`, handing it the request's headers and its arrival time:
   * errors become responses, metrics and custom attributes follow. An answer made synchronously
   * stays synchronous (no promise for /predict_parameters). With `wait` (a body's read), the
   * answer is made as that settles (`wait` runs the continuation it is handed), handed its value:
   * the request then waits once. With `finish` (the habits' step), the answer is handed on to it
   * in the same continuation.
   */
  measured<T = undefined>(
    route: string,
    request: Request,
    answer: (headers: HeaderBag, t0: number, request: Request, waited: T | undefined) => Response | Promise<Response>,
    wait?: (headers: HeaderBag, t0: number, request: Request, then: ReadContinuation<T, Response>) => Promise<Response>,
    finish?: Finish,
  ): Response | Promise<Response> {
    const t0 = performance.now();
    const headers = headerBag(request);
    if (wait === undefined) return this.answered(route, request, headers, t0, answer, undefined, finish);
    const then = new AfterWait(this, route, request, headers, t0, answer, finish);
    try {
      return wait(headers, t0, request, then);
    } catch (e) {
      return then.error(e);
    }
  }

  /** measured's answer, made now (also by AfterWait): errors become responses, metrics and custom attributes follow. */
  answered<T>(
    route: string,
    request: Request,
    headers: HeaderBag,
    t0: number,
    answer: (headers: HeaderBag, t0: number, request: Request, waited: T | undefined) => Response | Promise<Response>,
    waited: T | undefined,
    finish: Finish | undefined,
  ): Response | Promise<Response> {
    let res: Response | Promise<Response>;
    try {
      res = answer(headers, t0, request, waited);
    } catch (e) {
      return this.done(route, request, headers, this.failed(e, request, route), t0, finish);
    }
    if (res instanceof Promise) return this.measuredLater(route, request, headers, res, t0, finish);
    return this.done(route, request, headers, res, t0, finish);
  }

  /** measured's end for an answer still on its way (one await: cheaper than a then with two closures). */
  private async measuredLater(
    route: string,
    request: Request,
    headers: HeaderBag,
    pending: Promise<Response>,
    t0: number,
    finish: Finish | undefined,
  ): Promise<Response> {
    let res: Response;
    try {
      res = await pending;
    } catch (e) {
      res = this.failed(e, request, route);
    }
    return this.done(route, request, headers, res, t0, finish);
  }

  /** The error response for `e` (also AfterWait's). */
  failed(e: unknown, request: Request, route: string): Response {
    return errorResponse(e, this.log, `${request.method} /${route}`);
  }

  /** measured's last step (also AfterWait's): metrics, custom attributes, then `finish`. */
  done(
    route: string,
    request: Request,
    headers: HeaderBag,
    res: Response,
    t0: number,
    finish: Finish | undefined,
  ): Response | Promise<Response> {
    if (this.metrics) this.metrics.request(route, res.status, (performance.now() - t0) / 1000);
    const answer = echoCustomAttributes(headers, res);
    return finish === undefined ? answer : finish(request, headers, answer, t0);
  }

  /** The answer to a POST /invocations whose body has been read (a one-row body is answered at once). */
  private invoke(request: Request, headers: HeaderBag, text: BodyText, deadline: number): Response | Promise<Response> {
    const contentType = headers['content-type'] ?? null;
    const url = request.url;
    const settings = requestOptions(headers, url.includes('?') ? controlParams(url) : null, this.options);
    const kind = requestKind(contentType);
    if (typeof text !== 'string') {
      return streamArriving(text, kind, this.session.decode).then((body) => this.answerBody(headers, body, settings, deadline));
    }
    return this.answerBody(headers, streamBody(text, kind, this.session.decode), settings, deadline);
  }

  /** The answer to a body opened for its rows. */
  private answerBody(headers: HeaderBag, body: StreamedBody, settings: RequestOptions, deadline: number): Response | Promise<Response> {
    // A model that reads whichever columns the request sends (Word2Vec) is bound to them.
    const session = this.session.bindable ? this.session.bind(body.columns()) : this.session;
    // A batch's own: a streamed batch keeps adding to it after other requests have started. One
    // row is answered before anything else runs, and shares one.
    const unknown = body.single ? this.rowUnknown : new Set<string>();
    unknown.clear();
    const source = body.open(session.encoder, unknown);
    const fmt = responseFormat(invocationsAccept(headers.accept ?? null, this.options.defaultAccept), body.format);
    if (body.single) return this.single(session, source.next() as EncodedRows, fmt, settings, unknown);
    return this.batch(session, body, source, fmt, settings, unknown, deadline);
  }

  /** A batch: scored in slices with its own buffers, answered whole when short, streamed when long. */
  private async batch(
    session: Session,
    body: StreamedBody,
    source: RowSource,
    fmt: ResponseFormat,
    settings: RequestOptions,
    unknown: Set<string>,
    deadline: number,
  ): Promise<Response> {
    const output = session.output(outputKind(settings), settings.style);
    const sink = new TextSink();
    const rowsWriter = batchWriter(fmt.format, output, sink);
    // An MLflow body asked for JSON is answered in MLflow's shape, {"predictions": [...]}.
    const writer = body.envelope !== undefined && fmt.format === 'json' ? new EnvelopeWriter(body.envelope, rowsWriter, sink) : rowsWriter;
    writer.begin(body.header);
    const answer = await answerRows(
      { session, source, output, writer, sink, lenient: settings.lenient, deadline, input: body.input },
      this,
    );
    return this.response(answer, fmt.contentType, unknown);
  }

  /** One row, scored with the session's shared buffers (nothing yields); a row the model cannot score is a 422. */
  private single(session: Session, rows: EncodedRows, fmt: ResponseFormat, settings: RequestOptions, unknown: Set<string>): Response {
    const output = session.sharedOutput(outputKind(settings), settings.style);
    const raw = session.raw;
    output.compute(raw, rows.encode(0, raw, settings.lenient));
    const text = singleText(fmt.format, output);
    this.metrics?.rows(1, 0);
    return this.response(text, fmt.contentType, unknown);
  }

  private fromQuery(request: Request, headers: HeaderBag): Response {
    // Query values are all text: the encoder parses and checks them, straight from the pairs.
    const keys = this.queryKeys;
    const values = this.queryValues;
    const n = splitQuery(request.url, keys, values);
    let control: Map<string, string> | null = null;
    for (let i = 0; i < n; i++) {
      const k = keys[i];
      if (isControlParam(k) && !this.session.encoder.reads(k)) {
        control ??= new Map();
        if (!control.has(k)) control.set(k, values[i]);
      }
    }
    const settings = requestOptions(headers, control, this.options);
    const session = this.session.bindable ? this.session.bind(keys.slice(0, n).filter((k) => !(control?.has(k) ?? false))) : this.session;
    const unknown = this.queryUnknown;
    unknown.clear();
    const rows = new PairRow(keys, values, n, session.encoder, unknown);
    return this.single(session, rows, responseFormat(headers.accept ?? null, 'json'), settings, unknown);
  }

  private response(
    body: string | Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>,
    contentType: string,
    unknown: Set<string>,
  ): Response {
    // The query's control parameters are settings, not ignored columns.
    if (unknown === this.queryUnknown) for (const c of CONTROL_PARAMS) unknown.delete(c);
    if (unknown.size > 0) {
      this.ignored.note(unknown);
      return new Response(body, { headers: { 'content-type': contentType, [IGNORED_HEADER]: ignoredHeaderValue(unknown) } });
    }
    // A shared Headers instance per content type: Response copies it, and building one from
    // an object literal costs about as much again as the Response itself.
    let init = this.plainInits.get(contentType);
    if (init === undefined) {
      init = { headers: new Headers({ 'content-type': contentType }) };
      if (this.plainInits.size < 16) this.plainInits.set(contentType, init);
    }
    return new Response(body, init);
  }
}

/** An answer that waits (measured's `wait`): made as the wait settles, or its failure answered; one object a request, no closures. */
class AfterWait<T> implements ReadContinuation<T, Response> {
  constructor(
    private readonly invoker: Invoker,
    private readonly route: string,
    private readonly request: Request,
    private readonly headers: HeaderBag,
    private readonly t0: number,
    private readonly answer: (headers: HeaderBag, t0: number, request: Request, waited: T | undefined) => Response | Promise<Response>,
    private readonly finish: Finish | undefined,
  ) {}

  value(waited: T): Response | Promise<Response> {
    return this.invoker.answered(this.route, this.request, this.headers, this.t0, this.answer, waited, this.finish);
  }

  error(e: unknown): Response | Promise<Response> {
    const invoker = this.invoker;
    return invoker.done(this.route, this.request, this.headers, invoker.failed(e, this.request, this.route), this.t0, this.finish);
  }
}

/** The control parameters (style, lenient) of a URL's query. */
function controlParams(url: string): Map<string, string> {
  const m = new Map<string, string>();
  forEachQueryPair(url, (k, v) => {
    if (isControlParam(k) && !m.has(k)) m.set(k, v);
  });
  return m;
}
