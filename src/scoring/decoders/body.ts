/**
 * Request body text → rows, by body kind (sniffed when the caller does not know it): one JSON
 * object, a JSON array of objects or of positional arrays, H2O's REST form
 * `{"fields": [...], "rows": [[...]]}`, JSON Lines, or CSV with an optional header line.
 * CSV and JSON Lines are read as scoring reaches them, through their one reader each (the CSV
 * cursor, JsonLinesSource), whether the kind was declared or sniffed; JSON is parsed whole.
 * Positional rows stay positional (their columns become slots once per batch, see rows.ts).
 */
import { BadRequestError, echoed } from '../../errors.ts';
import { parseNumber } from '../parse-number.ts';
import { OFFSET_SLOT, type RowEncoder } from '../row-encoder.ts';
import type { OutputFormat } from '../writers/index.ts';
import { CsvCursor } from './csv-cursor.ts';
import { CsvRuns } from './csv-runs.ts';
import { mlflowItems, PREDICTIONS_ENVELOPE } from './mlflow.ts';
import { CsvSource, ItemsSource, isBlank, JsonLinesSource, ObjectRow, ROWS_PER_PIECE, type RowSource } from './row-source.ts';
import { type CellCount, DecodedItems } from './rows.ts';

/**
 * A body's text: one string, or its parts in order (a long body decoded as it arrived). The
 * body owns the parts: a CSV body lets each go once its records are read (parts[i] becomes
 * ''), so a large batch holds less of its text the further scoring gets.
 */
export type BodyText = string | string[];

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

/** A body whose rows are decoded as scoring reaches them (CSV, JSON Lines) or all at once (JSON). */
export interface StreamedBody {
  /** The body's format: the answer's default. */
  readonly format: OutputFormat;
  /** One JSON object: answered with one record (a row the model cannot score is then a 422). */
  readonly single: boolean;
  /** False for header-less CSV: a CSV answer then has no header either (lines match 1:1). */
  readonly header: boolean;
  /** An MLflow body: a JSON answer is `{"<envelope>": [rows]}`. */
  readonly envelope?: string;
  /** The column names the rows send (models that bind to them, Word2Vec); reads the whole body. */
  columns(): string[];
  /** The rows for `encoder`, in pieces; columns the model does not read are added to `unknown`. */
  open(encoder: RowEncoder, unknown: Set<string>): RowSource;
}

const EMPTY_BODY = 'empty request body';

/** Several JSON objects, one per line. */
const JSON_LINES_SHAPE = /\}\s*\r?\n\s*\{/;

/**
 * The body's rows: CSV and JSON Lines rows are cut from the text only as they are scored, so a
 * large batch never holds one decoded item per row (a malformed line past the first piece is
 * then found when scoring reaches it); JSON is parsed whole.
 */
export function streamBody(body: BodyText, kind: BodyKind, options: DecodeOptions): StreamedBody {
  if (typeof body === 'string' ? isBlank(body) : body.every(isBlank)) throw new BadRequestError(EMPTY_BODY);
  if (kind === 'csv') return csvBody(body, options);
  const c = firstChar(body);
  if (kind === 'sniff' && c !== '[' && c !== '{') return csvBody(body, options);
  // Every other kind is parsed from one string.
  const text = typeof body === 'string' ? body : body.join('');
  if (kind === 'jsonl') return jsonLinesBody(text, options);
  if (kind === 'json' || c === '[') return jsonBody(parseJson(text), options);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // JSON.parse stops at the second object of JSON Lines: the failed attempt costs one line.
    if (JSON_LINES_SHAPE.test(text)) return jsonLinesBody(text, options);
    throw new BadRequestError(`malformed JSON: ${echoed((e as Error).message)}`);
  }
  return jsonBody(value, options);
}

function csvBody(body: BodyText, options: DecodeOptions): StreamedBody {
  const runs = new BodyRuns(body);
  // The first run holds the first record whole: a run ends at a record's end.
  const text = runs.next() ?? '';
  const cursor = new CsvCursor(text);
  const firstLine = cursor.line;
  const first = cursor.next(1);
  if (first.length === 0 || (cursor.done && runs.ended() && first[0].length === 1 && first[0][0] === ''))
    throw new BadRequestError(EMPTY_BODY);
  const header = options.csvHeaderAlways || isHeader(first[0], options.encoder);
  const names = header ? first[0] : options.positional;
  // Records carry their own line numbers (the cursor's), for messages.
  const cellCount = header ? headerCount(names.length) : positionalCount(options);
  const count = (): CellCount => cellCount;
  return {
    format: 'csv',
    single: false,
    header,
    columns: () => [...new Set(names)],
    // The header was read once, above: the rows go on from the line after it.
    open: (encoder, unknown) => {
      const rows = header ? cursor.clone() : new CsvCursor(text, firstLine);
      return new CsvSource(rows, names, encoder, unknown, count, 0, runs.open());
    },
  };
}

/**
 * A CSV body's text in runs of whole records: the string itself, or its parts cut at record
 * ends (CsvRuns, as the CLI reads a file), each part let go once cut. No record-length cap:
 * the payload limit bounds the body, and a record left open to the end is then judged by the
 * cursor as it would be in one string.
 */
class BodyRuns {
  private readonly cutter = new CsvRuns(Number.POSITIVE_INFINITY, () => 1);
  private at = 0;
  private last = false;
  /** A run read ahead by `ended`. */
  private ahead: string | null = null;
  private opened = false;

  constructor(private readonly body: BodyText) {}

  /** The next run, or null after the last. */
  next(): string | null {
    const ahead = this.ahead;
    if (ahead !== null) {
      this.ahead = null;
      return ahead;
    }
    const body = this.body;
    if (typeof body === 'string') {
      if (this.at++ > 0) return null;
      return body.length > 0 ? body : null;
    }
    while (this.at < body.length) {
      const part = body[this.at];
      body[this.at++] = '';
      const run = this.cutter.push(part);
      if (run !== null) return run;
    }
    if (this.last) return null;
    this.last = true;
    return this.cutter.end();
  }

  /** True when no run is left. */
  ended(): boolean {
    this.ahead ??= this.next();
    return this.ahead === null;
  }

  /** The runs after the first, for the one source that reads them (a body's rows are read once). */
  open(): () => string | null {
    if (this.opened) throw new Error('a CSV body is read once');
    this.opened = true;
    return () => this.next();
  }
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

/** A JSON body, parsed whole (a class: a one-row request makes one, and closures cost it more). */
class JsonBody implements StreamedBody {
  readonly format = 'json';
  readonly header = true;

  constructor(
    private readonly items: DecodedItems,
    readonly single: boolean,
    readonly envelope: string | undefined,
  ) {}

  columns(): string[] {
    return this.items.columns();
  }

  open(encoder: RowEncoder, unknown: Set<string>): RowSource {
    return new ItemsSource(this.items, encoder, unknown);
  }
}

/** One JSON object: one row, answered with one record (two objects a request: this and its row). */
class OneObjectBody implements StreamedBody {
  readonly format = 'json';
  readonly single = true;
  readonly header = true;
  readonly envelope = undefined;

  constructor(private readonly row: Record<string, unknown>) {}

  columns(): string[] {
    return Object.keys(this.row);
  }

  open(encoder: RowEncoder, unknown: Set<string>): RowSource {
    return new ObjectRow(this.row, encoder, unknown);
  }
}

function firstChar(body: BodyText): string {
  if (typeof body === 'string') return firstCharOf(body);
  for (const text of body) {
    const c = firstCharOf(text);
    if (c !== '') return c;
  }
  return '';
}

/** The first character of `text` past blanks and a byte-order mark, or ''. */
function firstCharOf(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x20 && c !== 0xfeff) return text[i];
  }
  return '';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new BadRequestError(`malformed JSON: ${echoed((e as Error).message)}`);
  }
}

const H2O_FORM = '{"fields": [column names], "rows": [[...]]}';

/** A parsed JSON body's rows (made straight into the body: a one-row request makes no other object for them). */
function jsonBody(value: unknown, options: DecodeOptions): StreamedBody {
  if (Array.isArray(value)) {
    // Arrays of arrays are positional rows in model input order; otherwise rows are objects.
    const positional = value.length > 0 && Array.isArray(value[0]);
    if (!positional) return new JsonBody(new DecodedItems(value, 'objects', options.positional), false, undefined);
    return new JsonBody(new DecodedItems(value, 'arrays', options.positional, 0, positionalCount(options)), false, undefined);
  }
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const mlflow = mlflowItems(o, options.encoder, options.positional, positionalCount(options));
    if (mlflow !== null) return new JsonBody(mlflow, false, PREDICTIONS_ENVELOPE);
    // `fields` or `rows` is H2O's form unless the model has a column of that name: then it must be well formed.
    const h2o =
      (Object.hasOwn(o, 'fields') && !options.encoder.reads('fields')) || (Object.hasOwn(o, 'rows') && !options.encoder.reads('rows'));
    if (!h2o) return new OneObjectBody(o);
    if (!Array.isArray(o.fields) || !Array.isArray(o.rows))
      throw new BadRequestError(`expected ${H2O_FORM}: fields and rows must both be arrays`);
    const names = fieldNames(o.fields);
    return new JsonBody(
      new DecodedItems(o.rows, 'arrays', names, 0, { expected: `fields has ${plural(names.length, 'name')}` }),
      false,
      undefined,
    );
  }
  throw new BadRequestError(`expected a JSON object (one row), an array of rows, or ${H2O_FORM}`);
}

/** Made once per set of options: a one-row body would otherwise build the message text every time. */
const positionalCounts = new WeakMap<DecodeOptions, CellCount>();

/** Positional rows: one cell per model input, then the offset column (which may be left off). */
export function positionalCount(options: DecodeOptions): CellCount {
  let count = positionalCounts.get(options);
  if (count === undefined) {
    count = newPositionalCount(options);
    positionalCounts.set(options, count);
  }
  return count;
}

function newPositionalCount(options: DecodeOptions): CellCount {
  const inputs = options.encoder.width;
  const all = options.positional.length;
  const offset = all > inputs ? ` (${all} with its offset column)` : '';
  return { minCells: inputs, expected: `the model has ${plural(inputs, 'input column')}${offset}` };
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** H2O's `fields`: distinct column names (a repeated name would silently lose one of its cells). */
function fieldNames(fields: unknown[]): string[] {
  const names = new Array<string>(fields.length);
  const seen = new Set<string>();
  for (let j = 0; j < fields.length; j++) {
    const f = fields[j];
    if (typeof f !== 'string') throw new BadRequestError(`fields[${j}] must be a column name (string)`);
    if (seen.has(f)) throw new BadRequestError(`fields[${j}] repeats the column name '${echoed(f)}'`);
    seen.add(f);
    names[j] = f;
  }
  return names;
}

/** CSV rows below a header line: exactly one cell per header column. */
export function headerCount(columns: number): CellCount {
  return { expected: `the header has ${plural(columns, 'column')}` };
}

/**
 * A first CSV line is a header when it names the model's columns where a row of values could
 * not hold them: some cell is the name of a model column (an input or its offset) and, read as a
 * header-less row, would not be a value of the column at its position (it lies past them, is not
 * a number in a numeric column, or not a level of a categorical one). So a header is a header by
 * its names, however few of the model's columns it has or however many others it adds, and a
 * row of values is never taken for one, even when a level spells a column name.
 */
export function isHeader(cells: readonly string[], encoder: RowEncoder): boolean {
  for (let j = 0; j < cells.length; j++) if (encoder.reads(cells[j]) && !isValueAt(cells[j], j, encoder)) return true;
  return false;
}

/** True when `cell` is a value of the positional column `j` (the model's inputs, then its offset). */
function isValueAt(cell: string, j: number, encoder: RowEncoder): boolean {
  const slot =
    j < encoder.width ? encoder.slotOf(encoder.names[j]) : j === encoder.width && encoder.offsetColumn !== null ? OFFSET_SLOT : -1;
  if (slot === -1) return false;
  if (encoder.isCategorical(slot)) return encoder.levelMap(slot).has(cell);
  return parseNumber(cell) !== undefined;
}
