/**
 * CSV text → records, a few at a time, so that a large batch never holds one array per row.
 * Quote-free lines are split on commas as splitCsv does; a record holding a quote is cut at
 * its end (the first line end outside quotes) and parsed by csv-parse, the authority.
 * Text with bare CR line ends is rare: the caller parses it whole (splitCsv).
 */
import { parseWithLibrary } from './csv-split.ts';

const BOM = 0xfeff;
const CR = 13;
const LF = 10;
const QUOTE = 34;
const COMMA = 44;

export class CsvCursor {
  private pos: number;
  /** Line number (1-based) where the next record starts. */
  private line = 1;
  private readonly quoted: boolean;

  constructor(private readonly text: string) {
    this.pos = text.charCodeAt(0) === BOM ? 1 : 0;
    this.quoted = text.indexOf('"') >= 0;
  }

  /** True once every record has been handed out. */
  get done(): boolean {
    return this.pos >= this.text.length;
  }

  /** The next records, at most `max` (none once done); `lines` gets the line each record starts on. */
  next(max: number, lines?: number[]): string[][] {
    const text = this.text;
    const n = text.length;
    const out: string[][] = [];
    let s = this.pos;
    // Quotes are rare in batch data: only the records holding one go through csv-parse.
    let quote = this.quoted ? text.indexOf('"', s) : -1;
    while (s < n && out.length < max) {
      let end = text.indexOf('\n', s);
      if (end < 0) end = n;
      if (quote >= 0 && quote < end) {
        end = recordEnd(text, s);
        const record = quotedRecord(text, s, end);
        const first = out.length;
        if (record !== null) out.push(record);
        else for (const r of parseWithLibrary(text.slice(s, end))) out.push(r);
        if (lines !== undefined) for (let k = first; k < out.length; k++) lines.push(this.line);
        for (let i = text.indexOf('\n', s); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) this.line++;
        s = end;
        quote = text.indexOf('"', s);
        continue;
      }
      let lineEnd = end;
      if (lineEnd > s && text.charCodeAt(lineEnd - 1) === CR) lineEnd--;
      out.push(text.slice(s, lineEnd).split(','));
      lines?.push(this.line);
      this.line++;
      s = end + 1;
    }
    this.pos = s;
    return out;
  }
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
