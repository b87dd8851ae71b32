/**
 * Streaming CSV from bytes: chunks of a file → records of cells, never holding more than one
 * chunk plus an unfinished record. Records are framed on the bytes (a newline outside quotes:
 * every `"` flips the quoted state, so `""` escapes keep it), then each run of complete records
 * is decoded once and read by the same record reader as request bodies (CsvCursor). Why not
 * csv-parse's streaming reader: it walks every character through its state machine and emits
 * one event per record, ~1 µs a row, over a third of `score`'s time on a 1M-row GBM file.
 */
import { CsvCursor } from './csv-cursor.ts';
import { parseWithLibrary } from './csv-split.ts';

const NEWLINE = 10;
const QUOTE = 34;

/** Splits a byte stream into CSV records; feed chunks with `push`, then call `end`. */
export class CsvByteSplitter {
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: false });
  private carry: Uint8Array = new Uint8Array(0);
  /** Quoted state at the end of `carry`. */
  private quoted = false;

  /** Records completed by this chunk (the unfinished tail is kept for the next). */
  push(chunk: Uint8Array): string[][] {
    const bytes = this.carry.length === 0 ? chunk : concat(this.carry, chunk);
    const scanFrom = this.carry.length;
    const cut = this.lastRecordEnd(bytes, scanFrom);
    if (cut < 0) {
      this.carry = bytes === chunk ? chunk.slice() : bytes;
      return [];
    }
    this.carry = bytes.slice(cut + 1);
    return splitText(this.decoder.decode(bytes.subarray(0, cut + 1), { stream: true }));
  }

  /** The last record (one without a final newline), if any. */
  end(): string[][] {
    const tail = this.decoder.decode(this.carry);
    this.carry = new Uint8Array(0);
    return tail.length === 0 ? [] : splitText(tail);
  }

  /**
   * Index of the last newline outside quotes in `bytes`, or -1. The carry (before `from`) holds
   * no such newline, and `quoted` is the state at its end, so only the new bytes are scanned.
   */
  private lastRecordEnd(bytes: Uint8Array, from: number): number {
    if (!this.quoted && bytes.indexOf(QUOTE, from) < 0) {
      const cut = bytes.lastIndexOf(NEWLINE);
      return cut < from ? -1 : cut;
    }
    let quoted = this.quoted;
    let cut = -1;
    for (let i = from, n = bytes.length; i < n; i++) {
      const b = bytes[i];
      if (b === QUOTE) quoted = !quoted;
      else if (b === NEWLINE && !quoted) cut = i;
    }
    // A cut restarts the carry outside quotes; its state is what the bytes after the cut leave.
    this.quoted = cut < 0 ? quoted : quotedAfter(bytes, cut + 1);
    return cut;
  }
}

function quotedAfter(bytes: Uint8Array, from: number): boolean {
  let quoted = false;
  for (let i = from, n = bytes.length; i < n; i++) if (bytes[i] === QUOTE) quoted = !quoted;
  return quoted;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * Complete records' text → cells: the same record reader as request bodies (CsvCursor: our own
 * split, csv-parse for anything it does not plainly read); text with bare CR line ends goes to
 * csv-parse whole. An empty line is a row of missing values.
 */
function splitText(text: string): string[][] {
  if (hasBareCr(text)) return parseWithLibrary(text);
  return new CsvCursor(text).next(Number.MAX_SAFE_INTEGER);
}

function hasBareCr(text: string): boolean {
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== NEWLINE) return true;
  return false;
}
