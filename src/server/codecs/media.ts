/**
 * Media types: which request format a Content-Type names, and which response format an Accept
 * header asks for. Parsed headers are cached (clients send the same few strings over and over).
 */
import { echoed, NotAcceptableError, UnsupportedMediaTypeError } from '../../errors.ts';
import type { BodyKind, OutputFormat } from '../../scoring/index.ts';

/** A request or response body format (the writers' output formats). */
export type Format = OutputFormat;
/** The decoder's body kind; `sniff` for no usable type (missing, octet-stream, curl's default form type, text/plain). */
export type RequestKind = BodyKind;

export const JSONL_TYPES = [
  'application/jsonlines',
  'application/x-jsonlines',
  'application/jsonl',
  'application/x-ndjson',
  'application/ndjson',
  'application/json-lines',
];
const CSV_TYPES = ['text/csv', 'application/csv', 'text/x-csv', 'application/x-csv'];
const SNIFF_TYPES = ['', 'application/octet-stream', 'application/x-www-form-urlencoded', 'text/plain', 'binary/octet-stream'];

export const CONTENT_TYPE: Record<Format, string> = {
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/jsonlines',
};

const MAX_CACHE = 64;
/** Longer header values are parsed every time, never kept (a client may send 15 KB ones). */
const MAX_CACHED_KEY = 256;

function bareType(v: string): string {
  const semi = v.indexOf(';');
  return (semi < 0 ? v : v.slice(0, semi)).trim().toLowerCase();
}

function kindOf(type: string): RequestKind | undefined {
  if (type === 'application/json' || type === 'text/json' || (type.startsWith('application/') && type.endsWith('+json'))) return 'json';
  if (CSV_TYPES.includes(type)) return 'csv';
  if (JSONL_TYPES.includes(type)) return 'jsonl';
  if (SNIFF_TYPES.includes(type)) return 'sniff';
  return undefined;
}

const kindCache = new Map<string, RequestKind | undefined>();

/** Request format named by a Content-Type header; throws 415 for types we do not read. */
export function requestKind(contentType: string | null): RequestKind {
  const key = contentType ?? '';
  let kind = kindCache.get(key);
  if (kind === undefined && !kindCache.has(key)) {
    kind = kindOf(bareType(key));
    if (kindCache.size < MAX_CACHE && key.length <= MAX_CACHED_KEY) kindCache.set(key, kind);
  }
  if (kind === undefined) {
    throw new UnsupportedMediaTypeError(
      `unsupported Content-Type '${echoed(bareType(key))}'; send application/json, text/csv or application/jsonlines`,
    );
  }
  return kind;
}

/** One media range of an Accept header, lowercased, with its quality (0 = "not acceptable"). */
interface Range {
  type: string;
  q: number;
}

/** The media ranges of an Accept header, in header order; empty when it names none. */
function parseAccept(accept: string): Range[] {
  const ranges: Range[] = [];
  for (const part of accept.split(',')) {
    const [t, ...params] = part.split(';');
    const type = t.trim().toLowerCase();
    if (type === '') continue;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(p);
      if (m) q = Math.min(1, Number(m[1]) || 0);
    }
    ranges.push({ type: type === '*' ? '*/*' : type, q });
  }
  return ranges;
}

/** Answer formats in the order a tie between them is settled (after the request's own format). */
const FORMATS: readonly Format[] = ['json', 'csv', 'jsonl'];

/** How one format fares against an Accept header: the quality of the most specific range that matches it. */
interface Match {
  q: number;
  /** 3 exact type, 2 family wildcard (application/*, text/*), 1 any. */
  specificity: number;
  /** Position of that range in the header. */
  index: number;
  /** The exact type the client named (echoed as the response Content-Type for JSON Lines). */
  type: string;
}

function matchFormat(format: Format, ranges: readonly Range[]): Match | undefined {
  const family = `${CONTENT_TYPE[format].slice(0, CONTENT_TYPE[format].indexOf('/'))}/*`;
  let best: Match | undefined;
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i];
    const specificity = kindOf(r.type) === format ? 3 : r.type === family ? 2 : r.type === '*/*' ? 1 : 0;
    if (specificity > (best?.specificity ?? 0)) best = { q: r.q, specificity, index: i, type: r.type };
  }
  return best;
}

export interface ResponseFormat {
  readonly format: Format;
  readonly contentType: string;
}

/** Per Accept header: the answer for each request format, null when it accepts none (406). */
const formatCache = new Map<string, Partial<Record<Format, ResponseFormat | null>>>();

/**
 * The response format for an Accept header (RFC 9110 q-values: a range with q=0 excludes what
 * it names); missing, empty or `*&#47;*` means the request's format. Among acceptable formats
 * the highest quality wins, then the most specific range, then the earliest in the header, then
 * the request's format. Throws 406 when the client accepts none of JSON, CSV, JSON Lines.
 */
export function responseFormat(accept: string | null, request: Format): ResponseFormat {
  const key = accept ?? '';
  let byRequest = formatCache.get(key);
  let chosen = byRequest?.[request];
  if (chosen === undefined) {
    chosen = chooseFormat(parseAccept(key), request);
    if (byRequest === undefined && formatCache.size < MAX_CACHE && key.length <= MAX_CACHED_KEY) {
      byRequest = {};
      formatCache.set(key, byRequest);
    }
    if (byRequest !== undefined) byRequest[request] = chosen;
  }
  if (chosen === null)
    throw new NotAcceptableError(`cannot answer in '${echoed(key)}'; accepted: application/json, text/csv, application/jsonlines`);
  return chosen;
}

/** The response format for an Accept header's ranges, or null when none of ours is acceptable. */
function chooseFormat(ranges: readonly Range[], request: Format): ResponseFormat | null {
  if (ranges.length === 0) return { format: request, contentType: CONTENT_TYPE[request] };
  let chosen: Format | undefined;
  let best: Match | undefined;
  for (const f of [request, ...FORMATS]) {
    const m = matchFormat(f, ranges);
    if (m === undefined || !(m.q > 0)) continue;
    if (
      best === undefined ||
      m.q > best.q ||
      (m.q === best.q && (m.specificity > best.specificity || (m.specificity === best.specificity && m.index < best.index)))
    ) {
      best = m;
      chosen = f;
    }
  }
  if (chosen === undefined || best === undefined) return null;
  return { format: chosen, contentType: chosen === 'jsonl' && best.specificity === 3 ? best.type : CONTENT_TYPE[chosen] };
}

/** Whether an Accept header leaves the type open: missing, blank or `*` + `/*` alone. */
export function isAnyAccept(accept: string | null): boolean {
  if (accept === null) return true;
  const a = accept.trim();
  return a === '' || a === '*/*';
}

/** The Accept header /invocations answers by: the request's, or `fallback` (SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT) when it leaves the type open. */
export function invocationsAccept(accept: string | null, fallback: string | null): string | null {
  return fallback !== null && isAnyAccept(accept) ? fallback : accept;
}
