/**
 * A body's rows handed out in pieces (`next` until null), each piece encoded rows for one
 * encoder. In-memory bodies (JSON) are one piece; CSV and JSON Lines are cut from the text
 * as scoring reaches them, so no body holds one decoded item per row.
 */
import { BadRequestError, echoed } from '../../errors.ts';
import type { RowEncoder } from '../row-encoder.ts';
import { CsvCursor } from './csv-cursor.ts';
import { CsvTextRows } from './csv-rows.ts';
import { JsonLinesReader } from './json-lines-rows.ts';
import { type CellCount, DecodedItems, type EncodedRows } from './rows.ts';

export interface RowSource {
  /** The next piece of rows, or null when there are none left. */
  next(): EncodedRows | null;
}

/** Rows cut from the text per piece: enough to amortise the per-piece set-up, few enough to stay small. */
export const ROWS_PER_PIECE = 1024;

/** Decoded items handed out whole. */
export class ItemsSource implements RowSource {
  private rows: EncodedRows | null;

  constructor(items: DecodedItems, encoder: RowEncoder, unknown: Set<string>) {
    this.rows = items.rows(encoder, unknown);
  }

  next(): EncodedRows | null {
    const rows = this.rows;
    this.rows = null;
    return rows;
  }
}

/** One row given as a JSON object (a body that is one object): its own source, handed out once. */
export class ObjectRow implements RowSource, EncodedRows {
  readonly count = 1;
  private given = false;

  constructor(
    private readonly row: Record<string, unknown>,
    private readonly encoder: RowEncoder,
    private readonly unknown: Set<string>,
  ) {}

  next(): EncodedRows | null {
    if (this.given) return null;
    this.given = true;
    return this;
  }

  encode(_i: number, raw: Float64Array, lenient: boolean): number {
    return this.encoder.encodeObject(this.row, raw, lenient, 0, this.unknown);
  }
}

/** CSV records cut from the text as they are needed: one text, or runs of them handed out by `more`. */
export class CsvSource implements RowSource {
  constructor(
    private cursor: CsvCursor,
    private readonly names: readonly string[],
    private readonly encoder: RowEncoder,
    private readonly unknown: Set<string>,
    /** How many cells the records starting at row `firstRow` must have. */
    private readonly cellCount: (firstRow: number) => CellCount,
    /** Number of the cursor's first record in error messages (a file scored in blocks counts on). */
    private row = 0,
    /** The text of the records after the cursor's (whole records, going on at its line), or null at the end. */
    private readonly more: () => string | null = noMore,
  ) {}

  next(): EncodedRows | null {
    let records = this.cursor.records(ROWS_PER_PIECE);
    while (records.count === 0) {
      const text = this.more();
      if (text === null) return null;
      // The spent cursor, and with it its text, is let go.
      this.cursor = new CsvCursor(text, this.cursor.line);
      records = this.cursor.records(ROWS_PER_PIECE);
    }
    const rows = new CsvTextRows(records, this.names, this.row, this.encoder, this.unknown, this.cellCount(this.row));
    this.row += records.count;
    return rows;
  }
}

/**
 * The one JSON Lines reader, for declared and sniffed bodies alike: lines cut from the text as
 * they are needed (blank lines skipped), flat objects read straight into rows by hand
 * (json-lines-rows.ts), every other line through JSON.parse and the encoder's object path.
 *
 * The hand tokenizer keeps its place because it wins through the server, not only on the row
 * source: app.handle with a JSON Lines body of jmh_gbm_prostate rows, medians of 21 A/B rounds
 * interleaved in one process (CPU time, 2 shared cores), hand-read 388,515 vs JSON.parse per line
 * 313,706 rows/s at 10k rows (+24 %), 791,741 vs 701,577 at 100k (+13 %). On the row source
 * alone (100k rows) it was 3.44M vs 3.16M rows/s.
 */
export class JsonLinesSource implements RowSource {
  private pos = 0;
  private row = 0;
  /** Lines read so far, blank ones too (messages name the line of the body). */
  private line = 0;
  private readonly reader: JsonLinesReader | null;

  constructor(
    private readonly text: string,
    private readonly names: readonly string[],
    private readonly encoder: RowEncoder,
    private readonly unknown: Set<string>,
    private readonly cellCount: CellCount = {},
    /** False forces JSON.parse for every line (the reference the hand-read lines are tested against). */
    handRead = true,
  ) {
    this.reader = handRead ? new JsonLinesReader(text, names, encoder, unknown, cellCount, parseLine, isBlank) : null;
  }

  /** The next parsed lines, at most `max`. */
  items(max: number): unknown[] {
    const text = this.text;
    const n = text.length;
    const out: unknown[] = [];
    while (this.pos < n && out.length < max) {
      let end = text.indexOf('\n', this.pos);
      if (end < 0) end = n;
      const line = text.slice(this.pos, end);
      this.pos = end + 1;
      this.line++;
      if (!isBlank(line)) out.push(parseLine(line, this.row + out.length, this.line));
    }
    this.row += out.length;
    return out;
  }

  next(): EncodedRows | null {
    if (this.reader !== null) return this.reader.next(ROWS_PER_PIECE);
    const first = this.row;
    const items = this.items(ROWS_PER_PIECE);
    if (items.length === 0) return null;
    return new DecodedItems(items, 'either', this.names, first, this.cellCount).rows(this.encoder, this.unknown);
  }
}

function noMore(): null {
  return null;
}

/** True when the text holds nothing but white space (chars <= U+0020) and BOMs. */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x20 && c !== 0xfeff) return false;
  }
  return true;
}

function parseLine(text: string, row: number, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new BadRequestError(`line ${line}: malformed JSON Lines: ${echoed((e as Error).message)}`, { row, line });
  }
}
