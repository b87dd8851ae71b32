/**
 * Streaming CSV from bytes: chunks of a file → runs of complete records, never holding more
 * than one chunk plus an unfinished record. Records are framed on the bytes (a newline outside
 * quotes: every `"` flips the quoted state, so `""` escapes keep it); each run is then decoded
 * once and read by the same record reader as request bodies (CsvCursor). Why not csv-parse's
 * streaming reader: it walks every character through its state machine and emits one event
 * per record, ~1 µs a row, over a third of `score`'s time on a 1M-row GBM file.
 */

const NEWLINE = 10;
const QUOTE = 34;

/** Splits a byte stream into CSV records; feed chunks with `push`, then call `end`. */
export class CsvByteSplitter {
  private carry: Uint8Array = new Uint8Array(0);
  /** Quoted state at the end of `carry`. */
  private quoted = false;

  /** The bytes of the records this chunk completes, or null (the unfinished tail is kept for the next). */
  push(chunk: Uint8Array): Uint8Array | null {
    const bytes = this.carry.length === 0 ? chunk : concat(this.carry, chunk);
    const scanFrom = this.carry.length;
    const cut = this.lastRecordEnd(bytes, scanFrom);
    if (cut < 0) {
      this.carry = bytes === chunk ? chunk.slice() : bytes;
      return null;
    }
    this.carry = bytes.slice(cut + 1);
    return bytes.subarray(0, cut + 1);
  }

  /** The last record (one without a final newline), or null. */
  end(): Uint8Array | null {
    const tail = this.carry;
    this.carry = new Uint8Array(0);
    return tail.length === 0 ? null : tail;
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
