/**
 * Media types: which request format a Content-Type names, and which response format an Accept
 * header asks for. Parsed headers are cached (clients send the same few strings over and over).
 */
import { NotAcceptableError, UnsupportedMediaTypeError } from '../../errors.ts';
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
    if (kindCache.size < MAX_CACHE) kindCache.set(key, kind);
  }
  if (kind === undefined) {
    throw new UnsupportedMediaTypeError(
      `unsupported Content-Type '${bareType(key)}'; send application/json, text/csv or application/jsonlines`,
    );
  }
  return kind;
}

/** One media range of an Accept header: a format, `any` (*&#47;*), or a family wildcard. */
interface Range {
  want: Format | 'any' | 'application/*' | 'text/*';
  /** The exact type the client named, echoed as the response Content-Type. */
  type: string;
}

function parseAccept(accept: string): Range[] | null {
  const ranges: { r: Range; q: number; i: number }[] = [];
  const parts = accept.split(',');
  let anyKnown = false;
  for (let i = 0; i < parts.length; i++) {
    const [t, ...params] = parts[i].split(';');
    const type = t.trim().toLowerCase();
    if (type === '') continue;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(p);
      if (m) q = Number(m[1]);
    }
    if (!(q > 0)) continue;
    anyKnown = true;
    let want: Range['want'] | undefined;
    if (type === '*/*' || type === '*') want = 'any';
    else if (type === 'application/*' || type === 'text/*') want = type;
    else {
      const k = kindOf(type);
      want = k === 'sniff' ? undefined : k;
    }
    if (want !== undefined) ranges.push({ r: { want, type: want === 'jsonl' ? type : (CONTENT_TYPE[want as Format] ?? '') }, q, i });
  }
  if (!anyKnown) return [{ want: 'any', type: '' }];
  ranges.sort((a, b) => b.q - a.q || a.i - b.i);
  return ranges.length === 0 ? null : ranges.map((x) => x.r);
}

const acceptCache = new Map<string, Range[] | null>();

export interface ResponseFormat {
  format: Format;
  contentType: string;
}

/**
 * The response format for an Accept header; missing or `*&#47;*` means the request's format.
 * Throws 406 when the client accepts none of JSON, CSV, JSON Lines.
 */
export function responseFormat(accept: string | null, request: Format): ResponseFormat {
  const key = accept ?? '';
  let ranges = acceptCache.get(key);
  if (ranges === undefined && !acceptCache.has(key)) {
    ranges = parseAccept(key);
    if (acceptCache.size < MAX_CACHE) acceptCache.set(key, ranges);
  }
  if (ranges) {
    for (const r of ranges) {
      switch (r.want) {
        case 'any':
          return { format: request, contentType: CONTENT_TYPE[request] };
        case 'application/*': {
          const f = request === 'csv' ? 'json' : request;
          return { format: f, contentType: CONTENT_TYPE[f] };
        }
        case 'text/*':
          return { format: 'csv', contentType: CONTENT_TYPE.csv };
        default:
          return { format: r.want, contentType: r.want === 'jsonl' ? r.type : CONTENT_TYPE[r.want] };
      }
    }
  }
  throw new NotAcceptableError(`cannot answer in '${key}'; accepted: application/json, text/csv, application/jsonlines`);
}
