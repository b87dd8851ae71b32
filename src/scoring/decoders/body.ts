/**
 * Request body text → decoded items, by body kind (sniffed when the caller does not know it):
 * one JSON object, a JSON array of objects or of positional arrays, H2O's REST form
 * `{"fields": [...], "rows": [[...]]}`, JSON Lines, or CSV with an optional header line.
 * The text is parsed once; positional rows stay positional (their columns become slots once
 * per batch, see rows.ts).
 */
import { BadRequestError, echoed } from '../../errors.ts';
import type { RowEncoder } from '../row-encoder.ts';
import type { OutputFormat } from '../writers/formats.ts';
import { CsvCursor } from './csv-cursor.ts';
import { splitCsv } from './csv-split.ts';
import { mlflowItems, PREDICTIONS_ENVELOPE } from './mlflow.ts';
import { CsvSource, ItemsSource, isBlank, JsonLinesSource, ROWS_PER_PIECE, type RowSource } from './row-source.ts';
import { type CellCount, DecodedItems } from './rows.ts';

/** A body's format, or `sniff` when the caller does not know it (the text decides). */
export type BodyKind = OutputFormat | 'sniff';

export interface DecodeOptions {
  /** The model's columns: decides whether a first CSV line is a header. */
  encoder: RowEncoder;
  /** Columns of a positional row (header-less CSV, arrays): the model's inputs, then its offset. */
  positional: readonly string[];
  /** The first CSV line is always the header (models that read whichever columns they are sent). */
  csvHeaderAlways: boolean;
}

export interface DecodedBody {
  /** The body's format: the answer's default. */
  readonly format: OutputFormat;
  /** One JSON object: answered with one record (a row the model cannot score is then a 422). */
  readonly single: boolean;
  /** False for header-less CSV: a CSV answer then has no header either (lines match 1:1). */
  readonly header: boolean;
  readonly items: DecodedItems;
  /** An MLflow body: a JSON answer is `{"<envelope>": [rows]}`. */
  readonly envelope?: string;
}

/** A body whose rows are decoded as scoring reaches them (CSV, JSON Lines) or all at once (JSON). */
export interface StreamedBody {
  readonly format: OutputFormat;
  readonly single: boolean;
  readonly header: boolean;
  readonly envelope?: string;
  /** The column names the rows send (models that bind to them, Word2Vec); reads the whole body. */
  columns(): string[];
  /** The rows for `encoder`, in pieces; columns the model does not read are added to `unknown`. */
  open(encoder: RowEncoder, unknown: Set<string>): RowSource;
}

const EMPTY_BODY = 'empty request body';

/**
 * Like decodeBody, but CSV and JSON Lines rows are cut from the text only as they are scored:
 * a large batch never holds one decoded item per row. A malformed line past the first piece
 * is then found when scoring reaches it.
 */
export function streamBody(text: string, kind: BodyKind, options: DecodeOptions): StreamedBody {
  if (isBlank(text)) throw new BadRequestError(EMPTY_BODY);
  const c = kind === 'sniff' ? firstChar(text) : '';
  const csv = kind === 'csv' || (kind === 'sniff' && c !== '[' && c !== '{');
  // Bare CR line ends need csv-parse's detection over the whole text.
  if (csv && !(text.indexOf('\r') >= 0 && text.indexOf('\r\n') < 0)) return csvBody(text, options);
  if (kind === 'jsonl') return jsonLinesBody(text, options);
  const whole = decodeBody(text, kind, options);
  return {
    format: whole.format,
    single: whole.single,
    header: whole.header,
    envelope: whole.envelope,
    columns: () => whole.items.columns(),
    open: (encoder, unknown) => new ItemsSource(whole.items, encoder, unknown),
  };
}

function csvBody(text: string, options: DecodeOptions): StreamedBody {
  const probe = new CsvCursor(text);
  const first = probe.next(1);
  if (first.length === 0 || (probe.done && first[0].length === 1 && first[0][0] === '')) throw new BadRequestError(EMPTY_BODY);
  const header = options.csvHeaderAlways || isHeader(first[0], options.encoder);
  const names = header ? first[0] : options.positional;
  const count = (firstRow: number): CellCount =>
    header ? headerCount(names.length, 2 + firstRow) : positionalCount(options, 1 + firstRow);
  return {
    format: 'csv',
    single: false,
    header,
    columns: () => [...new Set(names)],
    open: (encoder, unknown) => {
      const cursor = new CsvCursor(text);
      if (header) cursor.next(1);
      return new CsvSource(cursor, names, encoder, unknown, count);
    },
  };
}

function jsonLinesBody(text: string, options: DecodeOptions): StreamedBody {
  return {
    format: 'jsonl',
    single: false,
    header: true,
    columns: () => {
      const lines = new JsonLinesSource(text, options.positional, options.encoder, new Set());
      const seen = new Set<string>();
      for (let items = lines.items(ROWS_PER_PIECE); items.length > 0; items = lines.items(ROWS_PER_PIECE))
        for (const name of new DecodedItems(items, 'either', options.positional).columns()) seen.add(name);
      return [...seen];
    },
    open: (encoder, unknown) => new JsonLinesSource(text, options.positional, encoder, unknown, positionalCount(options)),
  };
}

export function decodeBody(text: string, kind: BodyKind, options: DecodeOptions): DecodedBody {
  if (isBlank(text)) throw new BadRequestError(EMPTY_BODY);
  switch (kind) {
    case 'json':
      return fromJson(parseJson(text, 'JSON'), options);
    case 'jsonl':
      return fromJsonLines(text, options);
    case 'csv':
      return fromCsv(text, options);
    case 'sniff':
      return sniff(text, options);
  }
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
    throw new BadRequestError(`${where}malformed ${what}: ${echoed((e as Error).message)}`, row === undefined ? undefined : { row });
  }
}

function body(format: OutputFormat, items: DecodedItems, single = false, header = true): DecodedBody {
  return { format, single, header, items };
}

function fromJson(value: unknown, options: DecodeOptions): DecodedBody {
  if (Array.isArray(value)) {
    // Arrays of arrays are positional rows in model input order; otherwise rows are objects.
    const positional = value.length > 0 && Array.isArray(value[0]);
    if (!positional) return body('json', new DecodedItems(value, 'objects', options.positional));
    return body('json', new DecodedItems(value, 'arrays', options.positional, 0, positionalCount(options)));
  }
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const mlflow = mlflowItems(o, (c) => options.encoder.reads(c), options.positional, positionalCount(options));
    if (mlflow !== null) return { format: 'json', single: false, header: true, items: mlflow, envelope: PREDICTIONS_ENVELOPE };
    if (Array.isArray(o.fields) && Array.isArray(o.rows)) {
      const names = fieldNames(o.fields);
      return body('json', new DecodedItems(o.rows, 'arrays', names, 0, { expected: `fields has ${plural(names.length, 'name')}` }));
    }
    return body('json', new DecodedItems([value], 'objects', options.positional), true);
  }
  throw new BadRequestError('expected a JSON object (one row), an array of rows, or {"fields": [...], "rows": [[...]]}');
}

/** Positional rows: one cell per model input, then the offset column (which may be left off). */
function positionalCount(options: DecodeOptions, firstLine?: number): CellCount {
  const inputs = options.encoder.width;
  const all = options.positional.length;
  const offset = all > inputs ? ` (${all} with its offset column)` : '';
  return { minCells: inputs, firstLine, expected: `the model has ${plural(inputs, 'input column')}${offset}` };
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

function fieldNames(fields: unknown[]): string[] {
  const names = new Array<string>(fields.length);
  for (let j = 0; j < fields.length; j++) {
    const f = fields[j];
    if (typeof f !== 'string') throw new BadRequestError(`fields[${j}] must be a column name (string)`);
    names[j] = f;
  }
  return names;
}

function fromJsonLines(text: string, options: DecodeOptions): DecodedBody {
  const lines = text.split('\n');
  const rows: unknown[] = [];
  for (let i = 0; i < lines.length; i++) if (!isBlank(lines[i])) rows.push(parseJson(lines[i], 'JSON Lines', rows.length));
  return body('jsonl', new DecodedItems(rows, 'either', options.positional, 0, positionalCount(options)));
}

function fromCsv(text: string, options: DecodeOptions): DecodedBody {
  const lines: number[] = [];
  const records = splitCsv(text, lines);
  if (records.length === 0 || (records.length === 1 && records[0].length === 1 && records[0][0] === '')) {
    throw new BadRequestError(EMPTY_BODY);
  }
  if (options.csvHeaderAlways || isHeader(records[0], options.encoder)) {
    const header = records[0];
    const count = headerCount(header.length);
    if (lines.length > 0) count.lines = lines.slice(1);
    return body('csv', new DecodedItems(records.slice(1), 'cells', header, 0, count));
  }
  const count = positionalCount(options, 1);
  if (lines.length > 0) count.lines = lines;
  return body('csv', new DecodedItems(records, 'cells', options.positional, 0, count), false, false);
}

/**
 * CSV rows below a header line (line 1): exactly one cell per header column. `firstLine` is the
 * line of the first row (the CLI decodes a file in steps).
 */
export function headerCount(columns: number, firstLine = 2): CellCount {
  return { firstLine, expected: `the header has ${plural(columns, 'column')}` };
}

/** A first line is a header when at least half of its cells are model column names. */
export function isHeader(cells: readonly string[], encoder: RowEncoder): boolean {
  let known = 0;
  for (const c of cells) if (encoder.reads(c)) known++;
  return known > 0 && known * 2 >= cells.length;
}

/** Several JSON objects, one per line. */
const JSON_LINES_SHAPE = /\}\s*\r?\n\s*\{/;

function sniff(text: string, options: DecodeOptions): DecodedBody {
  const c = firstChar(text);
  if (c === '[') return fromJson(parseJson(text, 'JSON'), options);
  if (c === '{') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      if (JSON_LINES_SHAPE.test(text)) return fromJsonLines(text, options);
      throw new BadRequestError(`malformed JSON: ${echoed((e as Error).message)}`);
    }
    return fromJson(value, options);
  }
  return fromCsv(text, options);
}
