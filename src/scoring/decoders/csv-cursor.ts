/**
 * CSV text → records, a few at a time, so that a large batch never holds one array per row.
 * Quote-free text is split on line ends as splitCsv does; text with quotes is cut at record
 * boundaries (a line end outside quotes) and each piece parsed by csv-parse, the authority.
 * Text with bare CR line ends is rare: the caller parses it whole (splitCsv).
 */
import { parseWithLibrary } from './csv-split.ts';

const BOM = 0xfeff;
const CR = 13;
const LF = 10;
const QUOTE = 34;

export class CsvCursor {
  private pos: number;
  private readonly quoted: boolean;

  constructor(private readonly text: string) {
    this.pos = text.charCodeAt(0) === BOM ? 1 : 0;
    this.quoted = text.indexOf('"') >= 0;
  }

  /** True once every record has been handed out. */
  get done(): boolean {
    return this.pos >= this.text.length;
  }

  /** The next records, at most `max` (none once done). */
  next(max: number): string[][] {
    return this.quoted ? this.nextQuoted(max) : this.nextPlain(max);
  }

  private nextPlain(max: number): string[][] {
    const text = this.text;
    const n = text.length;
    const out: string[][] = [];
    let s = this.pos;
    while (s < n && out.length < max) {
      let end = text.indexOf('\n', s);
      if (end < 0) end = n;
      let lineEnd = end;
      if (lineEnd > s && text.charCodeAt(lineEnd - 1) === CR) lineEnd--;
      out.push(text.slice(s, lineEnd).split(','));
      s = end + 1;
    }
    this.pos = s;
    return out;
  }

  private nextQuoted(max: number): string[][] {
    const text = this.text;
    const n = text.length;
    const start = this.pos;
    let inQuotes = false;
    let records = 0;
    let i = start;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) inQuotes = !inQuotes;
      else if (c === LF && !inQuotes && ++records === max) {
        i++;
        break;
      }
    }
    this.pos = i;
    return i > start ? parseWithLibrary(text.slice(start, i)) : [];
  }
}
