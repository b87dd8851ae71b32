/**
 * THE CSV framer: CSV text → records, a few at a time, so that a large batch never holds one
 * array per row. Every reader of CSV frames here (request bodies, the CLI's blocks and their
 * counts, the CLI's runs of a file through RecordScan). A record ends at a line end outside
 * quotes: LF, CRLF or a bare CR (old Mac files; csv-parse would take the first kind it meets
 * and read the others as data, we take all three). An empty line is a row of missing values.
 * A quote-free record is handed out in place (its start and end in the text: the row encoder
 * reads its cells there, see csv-rows.ts); a record holding a quote is split into cells here
 * when it is plainly RFC 4180, otherwise by csv-parse, which judges malformed quoting. Every
 * scan is bounded by the record it reads or resumes where the last one stopped, so framing is
 * linear in the text whatever it holds.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { BadRequestError, echoed } from '../../errors.ts';

const BOM = 0xfeff;
const CR = 13;
const LF = 10;
const QUOTE = 34;
const COMMA = 44;

/**
 * Records cut from CSV text. Record i is either in place, `text` from `starts[i]` to `ends[i]`
 * (line end excluded), or, when `cells[i]` is set, those cells.
 */
export interface CsvRecords {
  readonly text: string;
  readonly count: number;
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  readonly cells: readonly (string[] | undefined)[];
  /** Line each record starts on (1-based). */
  readonly lines: readonly number[];
}

/**
 * Quote-aware framing that can stop and resume (the CLI feeds a file in chunks): finds where
 * records end, keeping the quoted state and the line ends it passed between calls.
 */
export class RecordScan {
  /** Inside quotes where the last scan stopped. */
  quoted = false;
  /** Line ends passed so far (inside quotes too: a quoted cell may span lines). */
  lines = 0;

  /**
   * Just past the first record end at or after `from` (a line end outside quotes), or -1 when
   * the text ends first. A CR at the very end of the text ends a record.
   */
  end(text: string, from: number): number {
    let quoted = this.quoted;
    const n = text.length;
    for (let i = from; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) quoted = !quoted;
      else if (c === LF || c === CR) {
        if (c === CR && i + 1 < n && text.charCodeAt(i + 1) === LF) i++;
        this.lines++;
        if (!quoted) {
          this.quoted = false;
          return i + 1;
        }
      }
    }
    this.quoted = quoted;
    return -1;
  }
}

export class CsvCursor {
  private pos: number;
  /** Line number (1-based) where the next record starts. */
  private nextLine: number;
  /** Next LF, CR and quote at or after `pos` (text.length when none; -1 before the first search). */
  private lf = -1;
  private cr = -1;
  private quote = -1;
  /** Set by `frame`: where the framed record's content ends, and whether it holds a quote. */
  private stop = 0;
  private quoted = false;
  private readonly scan = new RecordScan();

  /**
   * `firstLine`: the line the text starts on (a file read in blocks counts on; only line 1 may
   * start with a BOM). `start`: where reading starts (a clone of a cursor goes on where it is).
   */
  constructor(
    private readonly text: string,
    firstLine = 1,
    start?: number,
  ) {
    this.pos = start ?? (firstLine === 1 && text.charCodeAt(0) === BOM ? 1 : 0);
    this.nextLine = firstLine;
  }

  /** True once every record has been handed out. */
  get done(): boolean {
    return this.pos >= this.text.length;
  }

  /** The line the next record starts on (after the last record: the line after the text). */
  get line(): number {
    return this.nextLine;
  }

  /** A cursor over the same text that goes on from here (a header read once, the rows read by each opener). */
  clone(): CsvCursor {
    return new CsvCursor(this.text, this.nextLine, this.pos);
  }

  /** The text not yet handed out (it starts on `line`). */
  rest(): string {
    return this.text.slice(this.pos);
  }

  /** The next records as cells, at most `max` (none once done). */
  next(max: number): string[][] {
    const r = this.records(max);
    const out: string[][] = [];
    for (let i = 0; i < r.count; i++) out.push(r.cells[i] ?? r.text.slice(r.starts[i], r.ends[i]).split(','));
    return out;
  }

  /** Skips every record left and returns how many there were (`line` is then the line after them). */
  count(): number {
    let records = 0;
    for (const n = this.text.length; this.pos < n; records++) this.pos = this.frame(this.pos);
    return records;
  }

  /** The next records, at most `max` (none once done). */
  records(max: number): CsvRecords {
    const text = this.text;
    const starts: number[] = [];
    const ends: number[] = [];
    const cells: (string[] | undefined)[] = [];
    const lines: number[] = [];
    const n = text.length;
    let s = this.pos;
    while (s < n && cells.length < max) {
      const line = this.nextLine;
      const next = this.frame(s);
      if (!this.quoted) {
        starts.push(s);
        ends.push(this.stop);
        cells.push(undefined);
        lines.push(line);
      } else {
        const record = quotedRecord(text, s, this.stop);
        for (const r of record !== null ? [record] : parseWithLibrary(text.slice(s, next), line)) {
          starts.push(s);
          ends.push(s);
          cells.push(r);
          lines.push(line);
        }
      }
      s = next;
    }
    this.pos = s;
    return { text, count: cells.length, starts, ends, cells, lines };
  }

  /**
   * Frames the record starting at `s`: sets `stop` (end of its content) and `quoted`, counts its
   * lines, and returns where the next record starts. The next LF, CR and quote are found once
   * and reused until passed, so no search runs ahead of the text more than once.
   */
  private frame(s: number): number {
    const text = this.text;
    const n = text.length;
    if (this.lf < s) this.lf = indexOrEnd(text, '\n', s);
    if (this.cr < s) this.cr = indexOrEnd(text, '\r', s);
    if (this.quote < s) this.quote = indexOrEnd(text, '"', s);
    const stop = Math.min(this.lf, this.cr);
    this.quoted = this.quote < stop;
    if (!this.quoted) {
      this.stop = stop;
      this.nextLine++;
      if (stop === n) return n;
      return stop === this.cr && this.lf === stop + 1 ? stop + 2 : stop + 1;
    }
    const scan = this.scan;
    scan.quoted = false;
    scan.lines = 0;
    const end = scan.end(text, s);
    // A last record without a line end still takes its line.
    this.nextLine += end < 0 ? scan.lines + 1 : scan.lines;
    const next = end < 0 ? n : end;
    let e = next;
    if (end >= 0 && text.charCodeAt(e - 1) === LF) e--;
    if (end >= 0 && e > s && text.charCodeAt(e - 1) === CR) e--;
    this.stop = e;
    return next;
  }
}

/** Index of `c` at or after `from`, or the text's length. */
function indexOrEnd(text: string, c: string, from: number): number {
  const i = text.indexOf(c, from);
  return i < 0 ? text.length : i;
}

/** Index of the char code `c` in text[from, end), or `end`: a search that never runs past its record. */
export function indexBefore(text: string, c: number, from: number, end: number): number {
  for (let i = from; i < end; i++) if (text.charCodeAt(i) === c) return i;
  return end;
}

/**
 * The cells of the well-formed record [start, stop) (line end excluded), or null when it is
 * not plainly RFC 4180 (a stray quote, text after a closing quote): csv-parse then judges it.
 * Ours because csv-parse costs a few µs a call, once per quoted record of a batch.
 */
function quotedRecord(text: string, start: number, stop: number): string[] | null {
  const cells: string[] = [];
  let i = start;
  for (;;) {
    if (i < stop && text.charCodeAt(i) === QUOTE) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = indexBefore(text, QUOTE, j, stop);
        if (q >= stop) return null;
        value += text.slice(j, q);
        if (q + 1 < stop && text.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      cells.push(value);
      if (i === stop) return cells;
      if (text.charCodeAt(i) !== COMMA) return null;
      i++;
    } else {
      const comma = indexBefore(text, COMMA, i, stop);
      if (indexBefore(text, QUOTE, i, comma) < comma) return null;
      cells.push(text.slice(i, comma));
      if (comma === stop) return cells;
      i = comma + 1;
    }
  }
}

/**
 * Parses malformed-looking CSV (one record, starting on `firstLine`) with csv-parse, the
 * authority on quoting: what it refuses is a 400 naming the line of the file or body.
 */
function parseWithLibrary(text: string, firstLine: number): string[][] {
  try {
    return parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (e) {
    const err = e as { code?: string; lines?: number; message: string };
    // csv-parse counts lines from the slice it was given, and reports an unclosed quote where the text ends.
    const line = err.code === 'CSV_QUOTE_NOT_CLOSED' || err.lines === undefined ? firstLine : firstLine + err.lines - 1;
    const reason = err.message.replace(/ at line \d+/, '');
    throw new BadRequestError(`line ${line}: malformed CSV: ${echoed(reason)}`, { line });
  }
}
