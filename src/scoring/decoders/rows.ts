/**
 * Decoded rows, encoded one at a time into the scorer's raw buffer. Column names are resolved
 * to slots once per batch (positional rows: CSV records, JSON arrays); name-keyed objects go
 * through the encoder's name map. The encoder is the one place values are checked.
 */
import { BadRequestError } from '../../errors.ts';
import type { RowEncoder } from '../row-encoder.ts';

/** Rows ready to score: `encode` writes row `i` into `raw` and returns its offset. */
export interface EncodedRows {
  readonly count: number;
  /** Throws INVALID_VALUE (a bad cell) or BAD_REQUEST (a row of the wrong shape), naming the row. */
  encode(i: number, raw: Float64Array, lenient: boolean): number;
}

/**
 * What each decoded item is: `arrays` (JSON positional rows), `objects` (JSON objects of
 * column → value), or `either` (JSON Lines, line by line). CSV records never become items:
 * they are read from the text (csv-rows.ts).
 */
export type ItemShape = 'arrays' | 'objects' | 'either';

/** Slots of name-keyed rows: none (the encoder looks names up). */
const NO_SLOTS = new Int32Array(0);

/**
 * How many cells a positional row must have, and how a wrong count is reported. A row never
 * has more cells than there are names, nor fewer than `minCells` (only a trailing offset column
 * may be left off): a ragged row would otherwise be scored with shifted or dropped cells.
 */
export interface CellCount {
  /** Fewest cells a row may have (default: one per name). */
  minCells?: number;
  /** What the names are, for messages: "the header has 7 columns". */
  expected?: string;
}

/** No cell count beyond one cell per name (shared: a one-row body makes none). */
const ONE_PER_NAME: CellCount = {};

/** A body's items, before they meet an encoder (decoded once; encoded for whichever model binds them). */
export class DecodedItems {
  constructor(
    private readonly items: readonly unknown[],
    private readonly shape: ItemShape,
    /** Column of each position of an array row (CSV header, `fields`, or the model's inputs). */
    private readonly names: readonly string[],
    /** Number of the first item in error messages (a stream decoded in steps counts on). */
    private readonly firstRow = 0,
    private readonly cellCount: CellCount = ONE_PER_NAME,
  ) {}

  get count(): number {
    return this.items.length;
  }

  /** The column names the items send, in first-seen order (models that bind to them, Word2Vec). */
  columns(): string[] {
    const seen = new Set<string>();
    for (const item of this.items) {
      if (Array.isArray(item)) {
        if (this.shape === 'objects') continue;
        const n = Math.min(item.length, this.names.length);
        for (let j = 0; j < n; j++) seen.add(this.names[j]);
      } else if (this.shape !== 'arrays' && isObject(item)) for (const k in item) seen.add(k);
    }
    return [...seen];
  }

  /** The items as rows for `encoder`; columns the model does not read are added to `unknown`. */
  rows(encoder: RowEncoder, unknown: Set<string>): EncodedRows {
    this.checkCellCounts();
    return new ItemRows(this.items, this.shape, this.names, this.firstRow, encoder, unknown);
  }

  /** Refuses the whole batch at its first ragged row, before anything is scored (one length check a row). */
  private checkCellCounts(): void {
    if (this.shape === 'objects') return;
    const max = this.names.length;
    const min = Math.min(this.cellCount.minCells ?? max, max);
    const items = this.items;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (!Array.isArray(item)) continue;
      const n = item.length;
      if (n >= min && n <= max) continue;
      throw raggedRowError(this.cellCount, this.firstRow, i, n, min, max);
    }
  }
}

/**
 * The error for a positional row with `n` cells where `min`..`max` are allowed: item `i` of a
 * piece whose first item is row `firstRow`, named by its line when the line is known (CSV).
 */
export function raggedRowError(
  count: CellCount,
  firstRow: number,
  i: number,
  n: number,
  min: number,
  max: number,
  line?: number,
): BadRequestError {
  const row = firstRow + i;
  const where = line === undefined ? `row ${row}` : `line ${line}`;
  const expected = count.expected ?? `${min === max ? max : `${min} to ${max}`} names`;
  const detail: Record<string, unknown> = { row, cells: n, columns: max };
  if (line !== undefined) detail.line = line;
  return new BadRequestError(`${where}: ${n} ${n === 1 ? 'cell' : 'cells'}, but ${expected}`, detail);
}

class ItemRows implements EncodedRows {
  readonly count: number;
  private readonly slots: Int32Array;

  constructor(
    private readonly items: readonly unknown[],
    private readonly shape: ItemShape,
    private readonly names: readonly string[],
    private readonly firstRow: number,
    private readonly encoder: RowEncoder,
    private readonly unknown: Set<string>,
  ) {
    this.count = items.length;
    if (shape === 'arrays') encoder.checkColumns(names);
    this.slots = shape === 'objects' ? NO_SLOTS : encoder.slotsFor(names, unknown);
  }

  encode(i: number, raw: Float64Array, lenient: boolean): number {
    const item = this.items[i];
    const shape = this.shape;
    const row = this.firstRow + i;
    if (Array.isArray(item)) {
      if (shape !== 'objects') return this.encoder.encodeCells(item, this.slots, this.names, raw, lenient, row);
    } else if (shape !== 'arrays' && isObject(item)) return this.encoder.encodeObject(item, raw, lenient, row, this.unknown);
    throw new BadRequestError(
      shape === 'arrays' ? `row ${row}: expected an array of cells` : `row ${row}: expected a JSON object of column → value`,
      { row },
    );
  }
}

/** One row given as name/value pairs (a query string): the first occurrence of a column wins. */
export class PairRow implements EncodedRows {
  readonly count = 1;

  constructor(
    private readonly keys: readonly string[],
    private readonly values: readonly string[],
    private readonly pairs: number,
    private readonly encoder: RowEncoder,
    private readonly unknown: Set<string>,
  ) {}

  encode(_i: number, raw: Float64Array, lenient: boolean): number {
    return this.encoder.encodePairs(this.keys, this.values, this.pairs, raw, lenient, this.unknown);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
