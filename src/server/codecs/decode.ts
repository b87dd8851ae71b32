/**
 * Request body → Rows, by request format (sniffed when the Content-Type does not say):
 * one JSON object, a JSON array of objects (or of positional arrays), H2O's REST form
 * `{"fields": [...], "rows": [[...]]}`, JSON Lines, or CSV with an optional header line.
 */
import { BadRequestError } from '../../errors.ts';
import type { RowEncoder } from '../../scoring/index.ts';
import type { RowValidator } from '../schema.ts';
import { splitCsv } from './csv.ts';
import type { Format, RequestKind } from './media.ts';
import { CsvRows, ObjectRows, positionalRow, type Rows } from './rows.ts';

export interface DecodeContext {
  encoder: RowEncoder;
  validator: RowValidator;
  /** Columns of a positional row (header-less CSV, arrays): the model's inputs, then its offset. */
  positional: readonly string[];
  /** The first CSV line is always the header (models that read whichever columns they are sent). */
  csvHeaderAlways?: boolean;
}

export function decodeRows(text: string, kind: RequestKind, ctx: DecodeContext, unknown: Set<string>): Rows {
  if (isBlank(text)) throw new BadRequestError('empty request body', undefined, 'BAD_REQUEST');
  switch (kind) {
    case 'json':
      return fromJson(parseJson(text, 'JSON'), ctx);
    case 'jsonl':
      return fromJsonLines(text, ctx);
    case 'csv':
      return fromCsv(text, ctx, unknown);
    case 'sniff':
      return sniff(text, ctx, unknown);
  }
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x20 && c !== 0xfeff) return false;
  }
  return true;
}

function firstChar(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x20 && c !== 0xfeff) return text[i];
  }
  return '';
}

function parseJson(text: string, what: string, row?: number): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const where = row === undefined ? '' : `line ${row + 1}: `;
    throw new BadRequestError(`${where}malformed ${what}: ${(e as Error).message}`, row === undefined ? undefined : { row }, 'BAD_REQUEST');
  }
}

function fromJson(value: unknown, ctx: DecodeContext, format: Format = 'json'): Rows {
  if (Array.isArray(value)) return arrayRows(value, ctx, format);
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (Array.isArray(o.fields) && Array.isArray(o.rows)) return h2oRows(o.fields, o.rows, ctx);
    return new ObjectRows(format, true, [value], ctx.encoder, ctx.validator);
  }
  throw new BadRequestError(
    'expected a JSON object (one row), an array of rows, or {"fields": [...], "rows": [[...]]}',
    undefined,
    'BAD_REQUEST',
  );
}

/** Arrays of objects as they are; arrays of arrays are positional rows in model input order. */
function arrayRows(items: unknown[], ctx: DecodeContext, format: Format): Rows {
  if (items.length > 0 && Array.isArray(items[0])) {
    const objs = new Array<Record<string, unknown>>(items.length);
    for (let i = 0; i < items.length; i++) objs[i] = positionalRow(ctx.positional, items[i], i);
    return new ObjectRows(format, false, objs, ctx.encoder, ctx.validator);
  }
  return new ObjectRows(format, false, items, ctx.encoder, ctx.validator);
}

function h2oRows(fields: unknown[], rows: unknown[], ctx: DecodeContext): Rows {
  const names = new Array<string>(fields.length);
  for (let j = 0; j < fields.length; j++) {
    const f = fields[j];
    if (typeof f !== 'string') throw new BadRequestError(`fields[${j}] must be a column name (string)`, undefined, 'BAD_REQUEST');
    names[j] = f;
  }
  const objs = new Array<Record<string, unknown>>(rows.length);
  for (let i = 0; i < rows.length; i++) objs[i] = positionalRow(names, rows[i], i);
  return new ObjectRows('json', false, objs, ctx.encoder, ctx.validator);
}

function fromJsonLines(text: string, ctx: DecodeContext): Rows {
  const lines = text.split('\n');
  const rows: unknown[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (isBlank(lines[i])) continue;
    const v = parseJson(lines[i], 'JSON Lines', rows.length);
    rows.push(Array.isArray(v) ? positionalRow(ctx.positional, v, rows.length) : v);
  }
  return new ObjectRows('jsonl', false, rows, ctx.encoder, ctx.validator);
}

function fromCsv(text: string, ctx: DecodeContext, unknown: Set<string>): Rows {
  const records = splitCsv(text);
  if (records.length === 0 || (records.length === 1 && records[0].length === 1 && records[0][0] === '')) {
    throw new BadRequestError('empty request body', undefined, 'BAD_REQUEST');
  }
  if (ctx.csvHeaderAlways === true || isHeader(records[0], ctx.encoder))
    return new CsvRows(records.slice(1), records[0], true, ctx.encoder, unknown);
  return new CsvRows(records, ctx.positional, false, ctx.encoder, unknown);
}

/** A first line is a header when at least half of its cells are model column names. */
export function isHeader(cells: readonly string[], encoder: RowEncoder): boolean {
  let known = 0;
  for (const c of cells) if (encoder.slotOf(c) !== -1) known++;
  return known > 0 && known * 2 >= cells.length;
}

function sniff(text: string, ctx: DecodeContext, unknown: Set<string>): Rows {
  const c = firstChar(text);
  if (c === '[') return fromJson(parseJson(text, 'JSON'), ctx);
  if (c === '{') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      // Several objects, one per line: JSON Lines.
      if (/\}\s*\r?\n\s*\{/.test(text)) return fromJsonLines(text, ctx);
      throw new BadRequestError(`malformed JSON: ${(e as Error).message}`, undefined, 'BAD_REQUEST');
    }
    return fromJson(value, ctx);
  }
  return fromCsv(text, ctx, unknown);
}
