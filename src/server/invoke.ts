/**
 * What /invocations and /predict_parameters share: per-request settings (style, lenient),
 * decoding, scoring, content negotiation, the ignored-columns header, metrics and errors.
 * Everything model-dependent is built once here, at app creation.
 */
import { Scorer } from '../scoring/index.ts';
import { BadRequestError } from '../errors.ts';
import { decodeRows, type DecodeContext } from './codecs/decode.ts';
import { forEachQueryPair, splitQuery } from './codecs/query.ts';
import { requestKind, responseFormat } from './codecs/media.ts';
import { recordWriter, type RecordWriter } from './codecs/record-writer.ts';
import { EncodedRow, type Rows } from './codecs/rows.ts';
import { errorResponse } from './errors.ts';
import { IGNORED_HEADER, IgnoredColumns, ignoredHeaderValue } from './ignored.ts';
import type { Logger } from './log.ts';
import type { ServerMetrics } from './metrics.ts';
import type { AppOptions, OutputStyle } from './options.ts';
import { truthy } from './options.ts';
import { RowValidator } from './schema.ts';
import { scoreRows } from './score.ts';

/** Distinct column sets kept bound per process (Word2Vec); beyond it bindings are built per request. */
const MAX_BINDINGS = 64;

/** Query parameters that steer a request rather than name a column. */
export const CONTROL_PARAMS = ['style', 'lenient'];

export interface RequestSettings {
  style: OutputStyle;
  lenient: boolean;
}

export class Invoker {
  readonly decode: DecodeContext;
  private readonly writers: Record<OutputStyle, RecordWriter>;
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
    this.decode = {
      encoder: scorer.encoder,
      validator: new RowValidator(model),
      positional,
      csvHeaderAlways: model.bindInputs !== undefined,
    };
    this.writers = {
      record: recordWriter(scorer.layout, 'record', options.fastRecords),
      compat: recordWriter(scorer.layout, 'compat', options.fastRecords),
    };
    this.ignored = new IgnoredColumns(log);
    this.bindable = model.bindInputs !== undefined;
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

  /** Style and lenient mode: query parameter, else header, else the server default. */
  settings(request: Request, query: ReadonlyMap<string, string> | null): RequestSettings {
    const h = request.headers;
    const style = (query?.get('style') ?? h.get('x-output-style'))?.trim().toLowerCase();
    if (style !== undefined && style !== 'record' && style !== 'compat') {
      throw new BadRequestError(`unknown output style '${style}'; use 'record' or 'compat'`, undefined, 'BAD_REQUEST');
    }
    const lenient = query?.get('lenient') ?? h.get('x-lenient-numbers');
    return {
      style: style ?? this.options.style,
      lenient: lenient === null || lenient === undefined ? this.options.lenient : truthy(lenient),
    };
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
    return res;
  }

  private async invocationsUnsafe(request: Request): Promise<Response> {
    const limit = this.options.maxPayloadBytes;
    const declared = request.headers.get('content-length');
    if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
    const kind = requestKind(request.headers.get('content-type'));
    const text = await request.text();
    if (text.length > limit || (text.length * 3 > limit && Buffer.byteLength(text) > limit)) throw tooLarge(limit);
    const url = request.url;
    const settings = this.settings(request, url.includes('?') ? controlParams(url) : null);
    this.unknown.clear();
    const rows = decodeRows(text, kind, this.decode, this.unknown);
    if (this.bindable) {
      // The model reads whichever columns the request sends: decode again against a model bound to them.
      const bound = this.boundTo(rows.columns());
      bound.unknown.clear();
      return bound.respond(decodeRows(text, kind, bound.decode, bound.unknown), request, settings);
    }
    return this.respond(rows, request, settings);
  }

  /** GET /predict_parameters?col=value&… */
  predictParameters(request: Request): Response {
    const t0 = this.metrics ? performance.now() : 0;
    let res: Response;
    try {
      // Query values are all text: the encoder parses and checks them (same 400s as the
      // schema), straight from the pairs — no intermediate row object.
      const keys = this.queryKeys;
      const values = this.queryValues;
      const n = splitQuery(request.url, keys, values);
      const encoder = this.scorer.encoder;
      let control: Map<string, string> | null = null;
      for (let i = 0; i < n; i++) {
        const k = keys[i];
        if ((k === 'style' || k === 'lenient') && encoder.slotOf(k) === -1) {
          control ??= new Map();
          if (!control.has(k)) control.set(k, values[i]);
        }
      }
      const settings = this.settings(request, control);
      // A model that reads whichever columns it is sent (Word2Vec) is bound to the query's keys.
      const target = this.bindable ? this.boundTo(keys.slice(0, n).filter((k) => !(control?.has(k) ?? false))) : this;
      target.unknown.clear();
      const offset = target.scorer.encoder.encodePairs(keys, values, n, target.scorer.raw, settings.lenient, target.unknown);
      for (const c of CONTROL_PARAMS) target.unknown.delete(c);
      res = target.respond(new EncodedRow(offset), request, settings);
    } catch (e) {
      res = errorResponse(e, this.log, 'GET /predict_parameters');
    }
    if (this.metrics) this.metrics.request('predict_parameters', res.status, (performance.now() - t0) / 1000);
    return res;
  }

  private respond(rows: Rows, request: Request, settings: RequestSettings): Response {
    const fmt = responseFormat(request.headers.get('accept'), rows.format);
    const scored = scoreRows(rows, fmt.format, this.writers[settings.style], this.scorer, settings.lenient, this.unknown);
    if (this.metrics) this.metrics.rows(scored.ok, scored.failed);
    if (this.unknown.size > 0) {
      this.ignored.note(this.unknown);
      return new Response(scored.body, {
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
    return new Response(scored.body, init);
  }
}

/** The control parameters (style, lenient) of a URL's query. */
function controlParams(url: string): Map<string, string> {
  const m = new Map<string, string>();
  forEachQueryPair(url, (k, v) => {
    if (CONTROL_PARAMS.includes(k) && !m.has(k)) m.set(k, v);
  });
  return m;
}

function tooLarge(limit: number): BadRequestError {
  return new BadRequestError(
    `request body is larger than ${Math.round((limit / 1048576) * 100) / 100} MB (MAX_PAYLOAD_MB)`,
    { limitBytes: limit },
    'PAYLOAD_TOO_LARGE',
  );
}
