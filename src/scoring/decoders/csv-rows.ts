/**
 * CSV records → raw rows, read in place: a quote-free record's cells are encoded straight from
 * the text (plain decimals parsed from its characters, levels found by their characters), so a
 * batch builds no cell strings and no array per row. Ours because this is the batch hot path:
 * splitting each record into strings and parsing them cost over half of `score`'s time on a
 * 1M-row GBM file (bench/ measures it). Whatever the quick reading does not plainly handle (a
 * number with an exponent, padding or more than 15 digits, text in a numeric column) goes to
 * the RowEncoder with the cell's text, the one place values are judged; quoted records arrive
 * as cells and take RowEncoder.encodeCells. Cells are found by scans that stop at the record's
 * end (an indexOf for the next comma would run to the end of a comma-free body on every record).
 */
import { type CsvRecords, indexBefore } from './csv-cursor.ts';
import { plainDecimalAt } from '../parse-number.ts';
import { clearRow, IGNORED_SLOT, OFFSET_SLOT, type RowEncoder } from '../row-encoder.ts';
import { LevelTable } from './level-table.ts';
import { type CellCount, type EncodedRows, raggedRowError } from './rows.ts';

/** How a column is read: skipped, parsed as a number into its slot, looked up as a level, or the offset. */
const SKIP = 0;
const NUMBER = 1;
const LEVEL = 2;
const OFFSET = 3;
const COMMA = 44;

export class CsvTextRows implements EncodedRows {
  readonly count: number;
  private readonly text: string;
  private readonly slots: Int32Array;
  private readonly kinds: Uint8Array;
  /** Per position: the level table of a categorical column. */
  private readonly tables: (LevelTable | null)[];
  /** Fewest cells a record may have (only a trailing offset column may be left off). */
  private readonly minCells: number;

  constructor(
    private readonly records: CsvRecords,
    /** Column of each position (the CSV header, or the model's inputs then its offset). */
    private readonly names: readonly string[],
    /** Number of the first record in error messages. */
    private readonly firstRow: number,
    private readonly encoder: RowEncoder,
    unknown: Set<string>,
    private readonly cellCount: CellCount,
  ) {
    this.count = records.count;
    this.text = records.text;
    this.slots = encoder.slotsFor(names, unknown);
    this.kinds = new Uint8Array(names.length);
    this.tables = new Array<LevelTable | null>(names.length).fill(null);
    this.minCells = Math.min(cellCount.minCells ?? names.length, names.length);
    for (let j = 0; j < names.length; j++) {
      const slot = this.slots[j];
      this.kinds[j] = slot === IGNORED_SLOT ? SKIP : slot === OFFSET_SLOT ? OFFSET : encoder.isCategorical(slot) ? LEVEL : NUMBER;
      if (this.kinds[j] === LEVEL) this.tables[j] = LevelTable.of(encoder.levelMap(slot));
    }
  }

  encode(i: number, raw: Float64Array, lenient: boolean): number {
    const cells = this.records.cells[i];
    if (cells !== undefined) return this.encodeQuoted(i, cells, raw, lenient);
    clearRow(raw);
    const text = this.text;
    const start = this.records.starts[i];
    const end = this.records.ends[i];
    const kinds = this.kinds;
    const slots = this.slots;
    const columns = kinds.length;
    let offset = 0;
    let p = start;
    let j = 0;
    for (; j < columns; j++) {
      const kind = kinds[j];
      const stop = indexBefore(text, COMMA, p, end);
      // An empty cell is missing: it also overwrites an earlier cell of a repeated column, and
      // leaves the offset as it is.
      if (kind === LEVEL) {
        let v = NaN;
        if (stop > p) {
          const table = this.tables[j]!;
          const e = table.find(text, p, stop);
          v = e >= 0 ? table.values[e] : this.unseenLevel(j, text.slice(p, stop), i);
        }
        raw[slots[j]] = v;
      } else if (kind !== SKIP) {
        let x = NaN;
        if (stop > p) {
          x = plainDecimalAt(text, p, stop);
          if (x !== x) x = this.judged(j, text.slice(p, stop), raw, lenient, i);
          if (kind === OFFSET) offset = x;
        }
        if (kind === NUMBER) raw[slots[j]] = x;
      }
      if (stop >= end) break;
      p = stop + 1;
    }
    // The cell count, from the same scan: j + 1 cells when it reached the record's end, more
    // than there are columns when it did not. An empty line is a row of missing values.
    if (j === columns || (j + 1 < this.minCells && start < end)) this.checkCellCounts(i);
    return offset === offset ? offset : 0;
  }

  /** A record with quotes, split into cells by the cursor. */
  private encodeQuoted(i: number, cells: string[], raw: Float64Array, lenient: boolean): number {
    if (cells.length < this.minCells || cells.length > this.names.length) this.checkCellCounts(i);
    try {
      return this.encoder.encodeCells(cells, this.slots, this.names, raw, lenient, this.firstRow + i);
    } catch (e) {
      this.checkCellCounts(i);
      throw e;
    }
  }

  /** A level missing from the table: the encoder's rules for unseen levels. */
  private unseenLevel(j: number, cell: string, i: number): number {
    try {
      return this.encoder.level(this.slots[j], cell);
    } catch (e) {
      this.checkCellCounts(i);
      throw e;
    }
  }

  /** A numeric cell that is not a plain decimal, read by the encoder's rules (NaN when missing). */
  private judged(j: number, cell: string, raw: Float64Array, lenient: boolean, i: number): number {
    const slot = this.slots[j];
    let value: number | undefined;
    try {
      value = this.encoder.encodeText(slot, this.names[j], cell, raw, lenient, this.firstRow + i);
    } catch (e) {
      this.checkCellCounts(i);
      throw e;
    }
    return slot === OFFSET_SLOT ? (value ?? NaN) : raw[slot];
  }

  /**
   * Throws the error of the first ragged record from record `from` to the end of the piece.
   * Called with the record being encoded when its count is wrong, and before any error of a
   * record's values leaves encode: a ragged record then wins over a bad value before it in its
   * piece, as when every record of a piece was counted before any was encoded (which a
   * separate scan did, at a tenth of the batch's reading time).
   */
  private checkCellCounts(from: number): void {
    const max = this.names.length;
    const min = this.minCells;
    const { text, starts, ends, cells } = this.records;
    for (let i = from; i < this.count; i++) {
      const c = cells[i];
      let n: number;
      if (c !== undefined) {
        // An empty line is a row of missing values, whatever the number of columns.
        if (c.length === 1 && c[0] === '') continue;
        n = c.length;
      } else {
        const start = starts[i];
        const end = ends[i];
        if (start === end) continue;
        n = 1;
        for (let k = start; k < end; k++) if (text.charCodeAt(k) === COMMA) n++;
      }
      if (n < min || n > max) throw raggedRowError(this.cellCount, this.firstRow, i, n, min, max, this.records.lines[i]);
    }
  }
}
