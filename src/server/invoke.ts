/**
 * What /invocations and /predict_parameters share: per-request settings (style, lenient),
 * decoding, scoring, content negotiation, the ignored-columns header, metrics and errors.
 * The row path itself is scoring's: body → decodeBody → encoded rows → scoreRows → BatchWriter
 * → TextSink. Everything model-dependent is built once here, at app creation.
 */
import { BadRequestError, PayloadTooLargeError } from '../errors.ts';
import {
  batchWriter,
  decodeBody,
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
  type RowText,
  Scorer,
  scoreRows,
  TextSink,
  writeSingle,
} from '../scoring/index.ts';
import { forEachQueryPair, splitQuery } from './codecs/query.ts';
import { CONTROL_PARAMS, isControlParam } from './control-params.ts';
import { requestKind, responseFormat } from './codecs/media.ts';
import { errorResponse } from './errors.ts';
import { IGNORED_HEADER, IgnoredColumns, ignoredHeaderValue } from './ignored.ts';
import type { Logger } from './log.ts';
import type { ServerMetrics } from './metrics.ts';
import type { AppOptions } from './options.ts';
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
  /** Reused per request: scoring is synchronous, so one set per process is safe. */
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
      inv = new Invoker(new Scorer(model), this.options, this.log, this.metrics);
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
    const limit = this.options.maxPayloadBytes;
    const declared = request.headers.get('content-length');
    if (declared !== null && Number(declared) > limit) throw new PayloadTooLargeError(limit);
    const kind = requestKind(request.headers.get('content-type'));
    const text = await request.text();
    if (text.length > limit || (text.length * 3 > limit && Buffer.byteLength(text) > limit)) throw new PayloadTooLargeError(limit);
    const url = request.url;
    const settings = this.settings(request, url.includes('?') ? controlParams(url) : null);
    const body = decodeBody(text, kind, this.decode);
    // A model that reads whichever columns the request sends (Word2Vec) is bound to them; the body is not decoded again.
    const target = this.bindable ? this.boundTo(body.items.columns()) : this;
    target.unknown.clear();
    const rows = body.items.rows(target.scorer.encoder, target.unknown);
    return target.respond({ rows, format: body.format, single: body.single, header: body.header, fromQuery: false }, request, settings);
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
      res = target.respond({ rows, format: 'json', single: true, header: true, fromQuery: true }, request, settings);
    } catch (e) {
      res = errorResponse(e, this.log, 'GET /predict_parameters');
    }
    if (this.metrics) this.metrics.request('predict_parameters', res.status, (performance.now() - t0) / 1000);
    return echoCustomAttributes(request, res);
  }

  private respond(answer: Answer, request: Request, settings: RequestSettings): Response {
    const fmt = responseFormat(request.headers.get('accept'), answer.format);
    const sink = new TextSink();
    const counts = this.writeAnswer(answer, fmt.format, settings, sink);
    if (this.metrics) this.metrics.rows(counts.ok, counts.failed);
    if (answer.fromQuery) for (const c of CONTROL_PARAMS) this.unknown.delete(c);
    const body = sink.text();
    if (this.unknown.size > 0) {
      this.ignored.note(this.unknown);
      return new Response(body, {
        headers: { 'content-type': fmt.contentType, [IGNORED_HEADER]: ignoredHeaderValue(this.unknown) },
      });
    }
    // A shared Headers instance per content type: Response copies it, and building one from
    // an object literal costs about as much again as the Response itself.
    let init = this.plainInits.get(fmt.contentType);
    if (init === undefined) {
      init = { headers: new Headers({ 'content-type': fmt.contentType }) };
      if (this.plainInits.size < 16) this.plainInits.set(fmt.contentType, init);
    }
    return new Response(body, init);
  }

  /** Predictions, or the explanation the request asked for (the CLI's `score --contributions/--leaf` rows). */
  private writeAnswer(answer: Answer, format: OutputFormat, settings: RequestSettings, sink: TextSink): RowCounts {
    if (!settings.contributions && !settings.leaf) {
      return this.write(answer, format, this.texts[settings.style], this.scorer.evaluate, sink, settings.lenient);
    }
    if (settings.contributions && settings.leaf) throw new BadRequestError('ask for contributions or leaf assignments, not both');
    const extra = extraOutput(this.scorer.model, settings.contributions ? 'contributions' : 'leaf');
    const evaluate: Evaluate<ExtraValues> = (raw, offset) => extra.compute(raw, offset);
    return this.write(answer, format, new ExtraRowText(extra.names), evaluate, sink, settings.lenient);
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
