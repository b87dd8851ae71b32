/**
 * A CSV file read in chunks → runs of complete records, never holding more than one chunk plus
 * an unfinished record. Records are framed by the cursor's RecordScan (a line end outside
 * quotes) on text decoded once per chunk; each run is then read by a CsvCursor like any body.
 * Why not csv-parse's streaming reader: it walks every character through its state machine and
 * emits one event per record, ~1 µs a row, over a third of `score`'s time on a 1M-row GBM file.
 * One record may not grow past MAX_RECORD_CHARS: a file without line ends is refused while it
 * is still small instead of held whole. The runs' line ends are not counted here (a count of
 * every line end cost the CLI ~5% of its time): the consumer frames the runs and knows the
 * line the held record starts on.
 */
import { BadRequestError } from '../../errors.ts';
import { RecordScan } from './csv-cursor.ts';

const CR = 13;

/** Longest record a file may hold (16 Mi characters: a 100,000-column row of 160-character cells). */
export const MAX_RECORD_CHARS = 16 * 1024 * 1024;

/** Splits a CSV text stream into runs of records; feed decoded chunks with `push`, then call `end`. */
export class CsvRuns {
  /** The unfinished record, in the pieces it arrived in (joined once it ends: no copy per chunk). */
  private parts: string[] = [];
  private chars = 0;
  /** A CR that ended a chunk: it may be the first half of a CRLF, so it waits for the next chunk. */
  private heldCr = false;
  private readonly scan = new RecordScan();

  constructor(
    private readonly maxRecordChars: number,
    /**
     * The line the text after the runs handed out so far starts on (their consumer counts it as
     * it frames them), asked only to name a record that passes the cap.
     */
    private readonly lineOfHeld: () => number,
  ) {}

  /** The records this chunk completes, or null (the unfinished tail is kept for the next). */
  push(chunk: string): string | null {
    let text = this.heldCr ? `\r${chunk}` : chunk;
    this.heldCr = text.length > 0 && text.charCodeAt(text.length - 1) === CR;
    if (this.heldCr) text = text.slice(0, -1);
    const cut = this.lastRecordEnd(text);
    if (cut === 0) {
      this.hold(text);
      return null;
    }
    const run = this.parts.length === 0 ? text.slice(0, cut) : this.parts.join('') + text.slice(0, cut);
    this.parts = [];
    this.chars = 0;
    this.hold(text.slice(cut), run);
    return run;
  }

  /** The last record (one without a final line end), or null. */
  end(): string | null {
    if (this.heldCr) this.parts.push('\r');
    const tail = this.parts.join('');
    this.parts = [];
    return tail.length === 0 ? null : tail;
  }

  /** Keeps `text`, the start of the next record; `unread`: a run not handed out yet, before it. */
  private hold(text: string, unread = ''): void {
    if (text.length === 0) return;
    this.parts.push(text);
    this.chars += text.length;
    if (this.chars > this.maxRecordChars) {
      const line = this.lineOfHeld() + lineEnds(unread);
      throw new BadRequestError(`line ${line}: a CSV record longer than ${this.maxRecordChars} characters (no line end)`, { line });
    }
  }

  /** Just past the last record end in `text` (0 when none), the quoted state carried from the text before. */
  private lastRecordEnd(text: string): number {
    // The last line end: the last LF, or a bare CR after it (a CR at the very end was held back).
    let end = text.lastIndexOf('\n');
    for (let cr = text.indexOf('\r', end + 1); cr >= 0; cr = text.indexOf('\r', cr + 1)) end = cr;
    // It ends a record when the quotes before it are even in number (with the state carried in);
    // all of them give the state the next text starts in. Quotes are few: found by indexOf.
    let before = this.scan.quoted;
    let after = before;
    for (let q = text.indexOf('"'); q >= 0; q = text.indexOf('"', q + 1)) {
      if (q < end) before = !before;
      after = !after;
    }
    if (!before) {
      this.scan.quoted = after;
      return end + 1;
    }
    // A quoted cell spans that line end: find the last record end scanning every character.
    let cut = 0;
    for (let e = this.scan.end(text, 0); e >= 0; e = this.scan.end(text, e)) cut = e;
    return cut;
  }
}

/** Line ends (LF, CRLF, bare CR) in `text`, as the cursor counts lines. */
export function lineEnds(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) n++;
  return n;
}
