/**
 * CSV text → records, a few at a time, so that a large batch never holds one array per row.
 * A quote-free record is handed out in place (its start and end in the text: the row encoder
 * reads its cells there, see csv-rows.ts); a record holding a quote is cut at its end (the
 * first line end outside quotes) and split into cells, by csv-parse when it is not plainly
 * RFC 4180. Text with bare CR line ends (rare) is parsed whole by csv-parse.
 */
import { parseWithLibrary } from './csv-split.ts';

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

export class CsvCursor {
  private pos: number;
  /** Line number (1-based) where the next record starts. */
  private nextLine: number;
  private readonly quoted: boolean;
  /** Records of text with bare CR line ends, parsed whole, and how many were handed out. */
  private parsed: string[][] | null = null;
  private parsedLines: number[] = [];
  private taken = 0;

  /** `firstLine`: the line the text starts on (a file read in blocks counts on; only line 1 may start with a BOM). */
  constructor(
    private readonly text: string,
    firstLine = 1,
  ) {
    this.pos = firstLine === 1 && text.charCodeAt(0) === BOM ? 1 : 0;
    this.nextLine = firstLine;
    this.quoted = text.indexOf('"') >= 0;
    if (hasBareCr(text)) {
      this.parsed = parseWithLibrary(text, this.parsedLines);
      for (let i = 0; i < this.parsedLines.length; i++) this.parsedLines[i] += firstLine - 1;
    }
  }

  /** True once every record has been handed out. */
  get done(): boolean {
    return this.parsed !== null ? this.taken >= this.parsed.length : this.pos >= this.text.length;
  }

  /** The line the next record starts on (after the last record: the line after the text). */
  get line(): number {
    return this.nextLine;
  }

  /**
   * The text not yet handed out (it starts on `line`), or null for text with bare CR line ends,
   * which only this cursor can read (it holds the records csv-parse found in it).
   */
  rest(): string | null {
    return this.parsed !== null ? null : this.text.slice(this.pos);
  }

  /** The next records as cells, at most `max` (none once done); `lines` gets the line each record starts on. */
  next(max: number, lines?: number[]): string[][] {
    const r = this.records(max);
    const out: string[][] = [];
    for (let i = 0; i < r.count; i++) {
      out.push(r.cells[i] ?? r.text.slice(r.starts[i], r.ends[i]).split(','));
      lines?.push(r.lines[i]);
    }
    return out;
  }

  /** The next records, at most `max` (none once done). */
  records(max: number): CsvRecords {
    const text = this.text;
    const starts: number[] = [];
    const ends: number[] = [];
    const cells: (string[] | undefined)[] = [];
    const lines: number[] = [];
    if (this.parsed !== null) {
      const stop = Math.min(this.parsed.length, this.taken + max);
      for (; this.taken < stop; this.taken++) {
        starts.push(0);
        ends.push(0);
        cells.push(this.parsed[this.taken]);
        lines.push(this.parsedLines[this.taken]);
      }
      if (this.done) this.nextLine = lineAfter(text, this.nextLine);
      return { text, count: cells.length, starts, ends, cells, lines };
    }
    const n = text.length;
    let s = this.pos;
    // Quotes are rare in batch data: only the records holding one are split into cells here.
    let quote = this.quoted ? text.indexOf('"', s) : -1;
    while (s < n && cells.length < max) {
      let end = text.indexOf('\n', s);
      if (end < 0) end = n;
      if (quote >= 0 && quote < end) {
        end = recordEnd(text, s);
        const record = quotedRecord(text, s, end);
        const found = record !== null ? [record] : parseWithLibrary(text.slice(s, end));
        for (const r of found) {
          starts.push(s);
          ends.push(s);
          cells.push(r);
          lines.push(this.nextLine);
        }
        for (let i = text.indexOf('\n', s); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) this.nextLine++;
        s = end;
        quote = text.indexOf('"', s);
        continue;
      }
      let lineEnd = end;
      if (lineEnd > s && text.charCodeAt(lineEnd - 1) === CR) lineEnd--;
      starts.push(s);
      ends.push(lineEnd);
      cells.push(undefined);
      lines.push(this.nextLine++);
      s = end + 1;
    }
    this.pos = s;
    return { text, count: cells.length, starts, ends, cells, lines };
  }
}

/** The line after text that starts on `first` (text ending in a line end ends there). */
function lineAfter(text: string, first: number): number {
  let line = first;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) line++;
  let cr = 0;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== LF) cr++;
  return line + cr;
}

/** True when the text has a CR that does not start a CRLF (old Mac line ends). */
function hasBareCr(text: string): boolean {
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== LF) return true;
  return false;
}

/**
 * The cells of the well-formed record [start, end) (its line end included), or null when it
 * is not plainly RFC 4180 (a stray quote, text after a closing quote): csv-parse then judges
 * it. Ours because csv-parse costs a few µs a call, once per quoted record of a batch.
 */
function quotedRecord(text: string, start: number, end: number): string[] | null {
  let stop = end;
  if (stop > start && text.charCodeAt(stop - 1) === LF) stop--;
  if (stop > start && text.charCodeAt(stop - 1) === CR) stop--;
  const cells: string[] = [];
  let i = start;
  for (;;) {
    if (i < stop && text.charCodeAt(i) === QUOTE) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0 || q >= stop) return null;
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
      let comma = text.indexOf(',', i);
      if (comma < 0 || comma > stop) comma = stop;
      const cell = text.slice(i, comma);
      if (cell.indexOf('"') >= 0) return null;
      cells.push(cell);
      if (comma === stop) return cells;
      i = comma + 1;
    }
  }
}

/** Where the record starting at `start` ends: just past the first line end outside quotes. */
function recordEnd(text: string, start: number): number {
  const n = text.length;
  let inQuotes = false;
  for (let i = start; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (c === LF && !inQuotes) return i + 1;
  }
  return n;
}
