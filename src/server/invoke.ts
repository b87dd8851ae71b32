/**
 * What /invocations and /predict_parameters share: per-request settings (style, lenient),
 * decoding, scoring, content negotiation, the ignored-columns header, metrics and errors.
 * The row path itself is scoring's: body bytes (readBody: limit, Content-Encoding) → text
 * (charset) → streamBody → row pieces → SlicedScoring → BatchWriter → TextSink, answered
 * whole or streamed (batch-response.ts). Everything model-dependent is built once here.
 */
import { BadRequestError } from '../errors.ts';
import {
  batchWriter,
  type DecodeOptions,
  type EncodedRows,
  type Evaluate,
  extraOutput,
  ExtraRowText,
  type ExtraValues,
  type OutputFormat,
  type OutputStyle,
  PairRow,
  rowText,
  type RowCounts,
  type RowSource,
  type RowText,
  Scorer,
  scoreRows,
  SlicedScoring,
  streamBody,
  TextSink,
  writeSingle,
} from '../scoring/index.ts';
import { answerBatch, type BatchRun } from './batch-response.ts';
import { decodeText } from './codecs/charset.ts';
import { forEachQueryPair, splitQuery } from './codecs/query.ts';
import { CONTROL_PARAMS, isControlParam } from './control-params.ts';
import { requestKind, responseFormat } from './codecs/media.ts';
import { errorResponse } from './errors.ts';
import { IGNORED_HEADER, IgnoredColumns, ignoredHeaderValue } from './ignored.ts';
import type { Logger } from './log.ts';
import type { ServerMetrics } from './metrics.ts';
import type { AppOptions } from './options.ts';
import { readBody } from './read-body.ts';
import { echoCustomAttributes, type RequestOptions, requestOptions } from './request-options.ts';

/** Distinct column sets kept bound per process (Word2Vec); beyond it bindings are built per request. */
const MAX_BINDINGS = 64;

export type RequestSettings = RequestOptions;

/** How a request's rows are answered: as a batch, or as one lone record (a failure is then a 422). */
interface Answer {
  rows: EncodedRows;
  format: OutputFormat;
  single: boolean;
  header: boolean;
  /** The row came from the query string, whose control parameters are settings, not ignored columns. */
  fromQuery: boolean;
}

export class Invoker {
  readonly decode: DecodeOptions;
  private readonly texts: Record<OutputStyle, RowText<Float64Array>>;
  /** Reused by /predict_parameters (one row, never yields); batches keep their own. */
  private readonly unknown = new Set<string>();
  private readonly ignored: IgnoredColumns;
  /** Pre-built response inits per content type (no unknown columns: the common case). */
  private readonly plainInits = new Map<string, ResponseInit>();
  /** Reused query pair buffers (/predict_parameters). */
  private readonly queryKeys: string[] = [];
  private readonly queryValues: string[] = [];

  /** The model binds its inputs to each request's columns (Word2Vec); bindings are cached. */
  private readonly bindable: boolean;
  private readonly bound = new Map<string, Invoker>();

  constructor(
    readonly scorer: Scorer,
    readonly options: AppOptions,
    private readonly log: Logger,
    private readonly metrics: ServerMetrics | undefined,
    /** Aborted when in-flight batches must stop (shutdown): checked between slices. */
    private readonly signal?: AbortSignal,
  ) {
    const model = scorer.model;
    const positional = [...scorer.encoder.names];
    if (model.header.offsetColumn !== null && !positional.includes(model.header.offsetColumn)) positional.push(model.header.offsetColumn);
    this.bindable = model.bindInputs !== undefined;
    this.decode = { encoder: scorer.encoder, positional, csvHeaderAlways: this.bindable };
    this.texts = {
      record: rowText(scorer.layout, 'record', options.fastRecords),
      compat: rowText(scorer.layout, 'compat', options.fastRecords),
    };
    this.ignored = new IgnoredColumns(log);
  }

  /** An invoker for the model bound to `columns` (cached: requests usually repeat their shape). */
  private boundTo(columns: readonly string[]): Invoker {
    const key = columns.join('\u0000');
    let inv = this.bound.get(key);
    if (inv === undefined) {
      const model = this.scorer.model.bindInputs!(columns);
      inv = new Invoker(new Scorer(model), this.options, this.log, this.metrics, this.signal);
      if (this.bound.size < MAX_BINDINGS) this.bound.set(key, inv);
    }
    return inv;
  }

  /** This request's options (style, lenient, explanations): see request-options.ts for the priority. */
  settings(request: Request, query: ReadonlyMap<string, string> | null): RequestSettings {
    return requestOptions(request.headers, query, this.options);
  }

  /** POST /invocations. */
  async invocations(request: Request): Promise<Response> {
    const t0 = this.metrics ? performance.now() : 0;
    let res: Response;
    try {
      res = await this.invocationsUnsafe(request);
    } catch (e) {
      res = errorResponse(e, this.log, 'POST /invocations');
    }
    if (this.metrics) this.metrics.request('invocations', res.status, (performance.now() - t0) / 1000);
    return echoCustomAttributes(request, res);
  }

  private async invocationsUnsafe(request: Request): Promise<Response> {
    const deadline = performance.now() + this.options.timeoutMs;
    const contentType = request.headers.get('content-type');
    const kind = requestKind(contentType);
    // No local keeps the bytes: they can go once decoded (the text lives as long as the batch).
    const text = decodeText(await readBody(request, { maxBytes: this.options.maxPayloadBytes, deadline }), contentType);
    const url = request.url;
    const settings = this.settings(request, url.includes('?') ? controlParams(url) : null);
    const body = streamBody(text, kind, this.decode);
    // A model that reads whichever columns the request sends (Word2Vec) is bound to them; the body is not decoded again.
    const target = this.bindable ? this.boundTo(body.columns()) : this;
    // Per request: a streamed batch keeps adding to it after other requests have started.
    const unknown = new Set<string>();
    const source = body.open(target.scorer.encoder, unknown);
    if (body.single) {
      const rows = source.next() as EncodedRows;
      return target.respond({ rows, format: body.format, single: true, header: true, fromQuery: false }, request, settings, unknown);
    }
    return target.respondBatch(source, body.format, body.header, request, settings, unknown, deadline);
  }

  /** A batch: scored in slices with its own buffers, answered whole when short, streamed when long. */
  private async respondBatch(
    source: RowSource,
    format: OutputFormat,
    header: boolean,
    request: Request,
    settings: RequestSettings,
    unknown: Set<string>,
    deadline: number,
  ): Promise<Response> {
    const fmt = responseFormat(request.headers.get('accept'), format);
    const sink = new TextSink();
    const { raw, out } = this.scorer.buffers();
    const explain = this.explanation(settings);
    let scoring: SlicedScoring<unknown>;
    if (explain === null) {
      const writer = batchWriter(fmt.format, this.texts[settings.style], sink);
      scoring = new SlicedScoring(source, raw, this.scorer.evaluatorInto(out), writer, sink, settings.lenient) as SlicedScoring<unknown>;
      writer.begin(header);
    } else {
      const writer = batchWriter(fmt.format, explain.text, sink);
      scoring = new SlicedScoring(source, raw, explain.evaluate, writer, sink, settings.lenient) as SlicedScoring<unknown>;
      writer.begin(header);
    }
    const run: BatchRun = {
      scoring,
      sink,
      deadline,
      timeoutMs: this.options.timeoutMs,
      signal: this.signal,
      log: this.log,
      finished: (counts) => this.metrics?.rows(counts.ok, counts.failed),
    };
    return this.response(await answerBatch(run), fmt.contentType, unknown);
  }

  /** GET /predict_parameters?col=value&… */
  predictParameters(request: Request): Response {
    const t0 = this.metrics ? performance.now() : 0;
    let res: Response;
    try {
      // Query values are all text: the encoder parses and checks them, straight from the pairs.
      const keys = this.queryKeys;
      const values = this.queryValues;
      const n = splitQuery(request.url, keys, values);
      const encoder = this.scorer.encoder;
      let control: Map<string, string> | null = null;
      for (let i = 0; i < n; i++) {
        const k = keys[i];
        if (isControlParam(k) && !encoder.reads(k)) {
          control ??= new Map();
          if (!control.has(k)) control.set(k, values[i]);
        }
      }
      const settings = this.settings(request, control);
      // A model that reads whichever columns it is sent (Word2Vec) is bound to the query's keys.
      const target = this.bindable ? this.boundTo(keys.slice(0, n).filter((k) => !(control?.has(k) ?? false))) : this;
      target.unknown.clear();
      const rows = new PairRow(keys, values, n, target.scorer.encoder, target.unknown);
      res = target.respond({ rows, format: 'json', single: true, header: true, fromQuery: true }, request, settings, target.unknown);
    } catch (e) {
      res = errorResponse(e, this.log, 'GET /predict_parameters');
    }
    if (this.metrics) this.metrics.request('predict_parameters', res.status, (performance.now() - t0) / 1000);
    return echoCustomAttributes(request, res);
  }

  /** One row, scored with the shared buffers (nothing yields). */
  private respond(answer: Answer, request: Request, settings: RequestSettings, unknown: Set<string>): Response {
    const fmt = responseFormat(request.headers.get('accept'), answer.format);
    const sink = new TextSink();
    const counts = this.writeAnswer(answer, fmt.format, settings, sink);
    if (this.metrics) this.metrics.rows(counts.ok, counts.failed);
    if (answer.fromQuery) for (const c of CONTROL_PARAMS) unknown.delete(c);
    return this.response(sink.text(), fmt.contentType, unknown);
  }

  private response(
    body: string | Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>,
    contentType: string,
    unknown: Set<string>,
  ): Response {
    if (unknown.size > 0) {
      this.ignored.note(unknown);
      return new Response(body, {
        headers: { 'content-type': contentType, [IGNORED_HEADER]: ignoredHeaderValue(unknown) },
      });
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

  /** Predictions, or the explanation the request asked for (the CLI's `score --contributions/--leaf` rows). */
  private writeAnswer(answer: Answer, format: OutputFormat, settings: RequestSettings, sink: TextSink): RowCounts {
    const explain = this.explanation(settings);
    if (explain === null) return this.write(answer, format, this.texts[settings.style], this.scorer.evaluate, sink, settings.lenient);
    return this.write(answer, format, explain.text, explain.evaluate, sink, settings.lenient);
  }

  /** The explanation output the request asks for (computed from the raw row it is given), or null for predictions. */
  private explanation(settings: RequestSettings): { text: RowText<ExtraValues>; evaluate: Evaluate<ExtraValues> } | null {
    if (!settings.contributions && !settings.leaf) return null;
    if (settings.contributions && settings.leaf) throw new BadRequestError('ask for contributions or leaf assignments, not both');
    const extra = extraOutput(this.scorer.model, settings.contributions ? 'contributions' : 'leaf');
    return { text: new ExtraRowText(extra.names), evaluate: (raw, offset) => extra.compute(raw, offset) };
  }

  /** Scores the answer's rows into `sink`; a lone row the model cannot score throws its RowError (422). */
  private write<T>(
    answer: Answer,
    format: OutputFormat,
    text: RowText<T>,
    evaluate: Evaluate<T>,
    sink: TextSink,
    lenient: boolean,
  ): RowCounts {
    const raw = this.scorer.raw;
    if (answer.single) {
      const offset = answer.rows.encode(0, raw, lenient);
      writeSingle(format, text, sink, evaluate(raw, offset));
      return { ok: 1, failed: 0 };
    }
    // Only ever one row here (the query string); batches are scored in slices (respondBatch).
    const writer = batchWriter(format, text, sink);
    writer.begin(answer.header);
    const counts = scoreRows(answer.rows, raw, evaluate, writer, lenient);
    writer.end();
    return counts;
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
