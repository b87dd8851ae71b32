/**
 * Whether a file being scored is long enough to share with worker processes. Each worker
 * loads the model and compiles its own code (from ~0.2 s of a core for a small GBM to over a
 * second for a large ensemble), so workers join only when what is left would take longer than
 * `payAfterMs` here. The time left is estimated from the pace after the first moments (which
 * compile code and are slow) and the file's size; for stdin, whose size is unknown, from the
 * time spent so far.
 */

/** Scoring time before the pace is measured, and the window it is measured over. */
const SETTLE_MS = 200;
const MEASURE_MS = 200;

export class WorkerDecision {
  private readonly start: number;
  private mark: { at: number; bytes: number } | null = null;

  constructor(
    /** Input size in bytes, when known. */
    private readonly totalBytes: number | undefined,
    private readonly payAfterMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.start = clock();
  }

  /** True when workers pay off, given the input bytes read so far. */
  worthWorkers(bytesRead: number): boolean {
    if (this.payAfterMs <= 0) return true;
    const now = this.clock();
    const spent = now - this.start;
    if (this.totalBytes === undefined) return spent >= this.payAfterMs;
    if (spent < SETTLE_MS) return false;
    if (this.mark === null) {
      this.mark = { at: now, bytes: bytesRead };
      return false;
    }
    if (now - this.mark.at < MEASURE_MS) return false;
    const bytesPerMs = (bytesRead - this.mark.bytes) / (now - this.mark.at);
    if (bytesPerMs <= 0) return false;
    this.mark = { at: now, bytes: bytesRead };
    return (this.totalBytes - bytesRead) / bytesPerMs >= this.payAfterMs;
  }
}

/**
 * `score`'s processes by default on `cpus` CPUs: one worker per CPU but one (this process reads,
 * counts and writes for them), and 1 (this process alone) when that leaves fewer than two.
 */
export function defaultWorkers(cpus: number): number {
  const workers = cpus - 1;
  return workers >= 2 ? workers : 1;
}
