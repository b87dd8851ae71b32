/**
 * `score`'s progress on stderr: a line redrawn at most a few times a second (rows, rows/s, ETA
 * from the bytes read out of the file's size) while stderr is a terminal, and a one-line summary.
 */

/** Redraws at most this often. */
const REDRAW_MS = 250;

export interface ProgressOptions {
  /** Redraw a live line (stderr is a terminal). */
  live: boolean;
  /** Print the summary at the end. */
  summary: boolean;
  /** Input size in bytes, when known (a file, not stdin): gives the ETA. */
  totalBytes?: number;
  write: (text: string) => void;
}

/** Counts rows as they are scored and reports them. */
export class ScoreProgress {
  private readonly started = performance.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(private readonly opts: ProgressOptions) {}

  /** After each step: rows and failed rows so far, input bytes consumed so far. */
  update(rows: number, failed: number, bytes: number): void {
    if (!this.opts.live) return;
    const now = performance.now();
    if (now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const seconds = (now - this.started) / 1000;
    const rate = rows / Math.max(seconds, 1e-3);
    const total = this.opts.totalBytes;
    const eta = total && bytes > 0 ? ` ETA ${Math.max(0, (seconds * (total - bytes)) / bytes).toFixed(0)} s` : '';
    this.opts.write(`\r${rows} rows, ${failed} errors, ${Math.round(rate)} rows/s${eta}\x1b[K`);
    this.drawn = true;
  }

  /** The summary line (and the end of the live line). */
  finish(rows: number, failed: number): void {
    if (this.drawn) this.opts.write('\r\x1b[K');
    if (!this.opts.summary) return;
    const seconds = (performance.now() - this.started) / 1000;
    this.opts.write(`scored ${rows} rows, ${failed} errors, ${seconds.toFixed(2)} s\n`);
  }
}
