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
import { CsvSource, ItemsSource, JsonLinesSource, ObjectRow, ROWS_PER_PIECE, type RowSource } from './row-source.ts';
import { type CellCount, DecodedItems } from './rows.ts';

/**
 * A long body's text as it arrives: the parts decoded so far and not yet taken, and a way to
 * read on. A CSV body's reader takes the parts from the front as scoring reaches them and reads
 * on only when they run out, so the body is never held whole (the rest waits on the socket); a
 * body parsed whole (JSON) is read to its end first.
 */
export interface ArrivingText {
  /** Decoded parts not yet taken, in order. */
  readonly parts: string[];
  /** True once the body has been read to its end (what is left of it is in `parts`). */
  readonly ended: boolean;
  /** True when the body can no longer turn out too large: a plain body within its declared length, or one read to its end. */
  readonly sized: boolean;
  /** Reads on: adds the body's next piece to `parts`, or ends it; rejects with the body's own failure. */
  more(): Promise<void>;
}

/** A body's text: one string (a short body, read whole), or a long one as it arrives. */
export type BodyText = string | ArrivingText;

/**
 * What rows read from an arriving body wait on. While `waiting`, a source's null means "not
 * yet": `more` reads on. Before a batch commits to a streamed 200, `rest` reads the body to its
 * end unless it is `sized`, so that a body too large is still the 413 it earns.
 */
export interface RowsInput {
  /** True while rows wait for text still to arrive. */
  readonly waiting: boolean;
  /** See ArrivingText.sized. */
  readonly sized: boolean;
  /** Reads the body on (its next piece). */
  more(): Promise<void>;
  /** Reads the rest of the body (held as text until its rows are read), or on until `stop()` is true. */
  rest(stop?: () => boolean): Promise<void>;
}

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
  /** What the rows wait on: a CSV body still arriving, else null (the rows are all there). */
  readonly input: RowsInput | null;
}

const EMPTY_BODY = 'empty request body';

/** Several JSON objects, one per line. */
const JSON_LINES_SHAPE = /\}\s*\r?\n\s*\{/;

/**
 * The rows of a body read whole: CSV and JSON Lines rows are cut from the text only as they are
 * scored, so a large batch never holds one decoded item per row (a malformed line past the first
 * piece is then found when scoring reaches it); JSON is parsed whole.
 */
export function streamBody(text: string, kind: BodyKind, options: DecodeOptions): StreamedBody {
  const c = firstCharOf(text);
  if (c === '') throw new BadRequestError(EMPTY_BODY);
  if (kind === 'csv') return csvBody(new BodyRuns(text), options);
  if (kind === 'sniff' && c !== '[' && c !== '{') return csvBody(new BodyRuns(text), options);
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

/**
 * The rows of a body still arriving, as streamBody reads them: CSV (declared, or sniffed from
 * its first character past blanks) is opened once its first record and the run after it have
 * arrived and read on as scoring reaches it; any other kind is read to its end and parsed whole.
 */
export async function streamArriving(body: ArrivingText, kind: BodyKind, options: DecodeOptions): Promise<StreamedBody> {
  const c = await firstCharArriving(body);
  if (c === '') throw new BadRequestError(EMPTY_BODY);
  if (kind === 'csv' || (kind === 'sniff' && c !== '[' && c !== '{')) {
    const runs = new BodyRuns(body);
    while (runs.readAhead() && runs.waiting) await body.more();
    return csvBody(runs, options);
  }
  return streamBody(await wholeText(body), kind, options);
}

/** An arriving body's whole text (bodies parsed whole). */
export async function wholeText(body: ArrivingText): Promise<string> {
  while (!body.ended) await body.more();
  const text = body.parts.join('');
  body.parts.length = 0;
  return text;
}

/** The first character of an arriving body past blanks and byte-order marks ('' when it ends first), reading on until it comes. */
async function firstCharArriving(body: ArrivingText): Promise<string> {
  // Parts already looked at are blank: each look goes on from the part where the last one stopped.
  let part = 0;
  for (;;) {
    const parts = body.parts;
    for (; part < parts.length; part++) {
      const c = firstCharOf(parts[part]);
      if (c !== '') return c;
    }
    if (body.ended) return '';
    await body.more();
  }
}

function csvBody(runs: BodyRuns, options: DecodeOptions): StreamedBody {
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
    input: runs.arriving ? runs : null,
    columns: () => [...new Set(names)],
    // The header was read once, above: the rows go on from the line after it.
    open: (encoder, unknown) => {
      const rows = header ? cursor.clone() : new CsvCursor(text, firstLine);
      return new CsvSource(rows, names, encoder, unknown, count, 0, runs.open());
    },
  };
}

/**
 * A CSV body's text in runs of whole records: the string itself, or the parts of an arriving
 * body cut at record ends (CsvRuns, as the CLI reads a file), each part let go once cut. No
 * record-length cap: the payload limit bounds the body, and a record left open to the end is
 * then judged by the cursor as it would be in one string. While the body is still arriving and
 * the parts are spent, `next` is null and `waiting` true.
 */
class BodyRuns implements RowsInput {
  private readonly cutter = new CsvRuns(Number.POSITIVE_INFINITY, () => 1);
  /** The string was handed out, or the arriving body's last run cut. */
  private last = false;
  /** Runs cut ahead (by `readAhead` and `ended`), handed out first. */
  private readonly ahead: string[] = [];
  private opened = false;

  constructor(private readonly body: BodyText) {}

  get arriving(): boolean {
    return typeof this.body !== 'string';
  }

  /** The next run, or null: none left, or (while `waiting`) none arrived yet. */
  next(): string | null {
    return this.ahead.length > 0 ? (this.ahead.shift() as string) : this.cut();
  }

  /** True until the arriving body's last run is cut (a null from `next` then means "not yet"). */
  get waiting(): boolean {
    return !this.last;
  }

  get sized(): boolean {
    return typeof this.body === 'string' || this.body.sized;
  }

  more(): Promise<void> {
    return (this.body as ArrivingText).more();
  }

  async rest(stop?: () => boolean): Promise<void> {
    const body = this.body as ArrivingText;
    while (!body.ended && stop?.() !== true) await body.more();
  }

  /** True when no run is left (the next one is cut ahead to know). */
  ended(): boolean {
    if (this.ahead.length === 0) {
      const run = this.cut();
      if (run !== null) this.ahead.push(run);
    }
    return this.ahead.length === 0 && this.last;
  }

  /** Cuts runs ahead until two wait (csvBody reads the first and asks whether another follows); true while fewer do. */
  readAhead(): boolean {
    while (this.ahead.length < 2) {
      const run = this.cut();
      if (run === null) return true;
      this.ahead.push(run);
    }
    return false;
  }

  /** The runs after the first, for the one source that reads them (a body's rows are read once). */
  open(): () => string | null {
    if (this.opened) throw new Error('a CSV body is read once');
    this.opened = true;
    return () => this.next();
  }

  private cut(): string | null {
    if (this.last) return null;
    const body = this.body;
    if (typeof body === 'string') {
      this.last = true;
      return body.length > 0 ? body : null;
    }
    const parts = body.parts;
    while (parts.length > 0) {
      const run = this.cutter.push(parts.shift() as string);
      if (run !== null) return run;
    }
    if (!body.ended) return null;
    this.last = true;
    return this.cutter.end();
  }
}

function jsonLinesBody(text: string, options: DecodeOptions): StreamedBody {
  return {
    format: 'jsonl',
    single: false,
    header: true,
    input: null,
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
  readonly input = null;

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
  readonly input = null;

  constructor(private readonly row: Record<string, unknown>) {}

  columns(): string[] {
    return Object.keys(this.row);
  }

  open(encoder: RowEncoder, unknown: Set<string>): RowSource {
    return new ObjectRow(this.row, encoder, unknown);
  }
}

/** The first character of `text` past blanks and byte-order marks, or ''. */
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
