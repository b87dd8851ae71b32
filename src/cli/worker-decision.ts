/**
 * Whether a file being scored is long enough to share with score threads. Each thread decodes
 * the model and compiles its own code, on the JIT's compiler threads that every thread of the
 * process shares: while a thread warms up, this one's code compiles late too (a 1M-row GBM file
 * took 0.93 s on two threads against 0.80 s on one, 5M rows 2.7 s against 3.5 s). So threads
 * join only when what is left would take longer than `payAfterMs` here, and only while a CPU
 * is idle: on a machine already busy a thread only competes for the cores (and the compiler),
 * and made a 200k-row stacked ensemble take up to 12 s against 3.7–5.9 s on one thread. The time
 * left is estimated from the pace after the first moments (which compile code and are slow) and
 * the file's size; for stdin, whose size is unknown, from the time spent so far.
 */
import { availableParallelism, loadavg } from 'node:os';

/**
 * CPUs idle besides this process's: the CPUs it may use, less the runnable threads of the last
 * minute (os.loadavg, which counts this process only a little: it is seconds old), less its own.
 */
export function idleCpus(): number {
  return availableParallelism() - loadavg()[0] - 1;
}

/** Idle CPUs, on average, from which threads may join. */
const MIN_IDLE_CPUS = 0.5;

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
    private readonly idle: () => number = idleCpus,
  ) {
    this.start = clock();
  }

  /** True when workers pay off, given the input bytes read so far (a limit of 0: at once, whatever the load). */
  worthWorkers(bytesRead: number): boolean {
    if (this.payAfterMs <= 0) return true;
    const now = this.clock();
    const spent = now - this.start;
    if (this.totalBytes === undefined) return spent >= this.payAfterMs && this.idle() >= MIN_IDLE_CPUS;
    if (spent < SETTLE_MS) return false;
    if (this.mark === null) {
      this.mark = { at: now, bytes: bytesRead };
      return false;
    }
    if (now - this.mark.at < MEASURE_MS) return false;
    const bytesPerMs = (bytesRead - this.mark.bytes) / (now - this.mark.at);
    if (bytesPerMs <= 0) return false;
    this.mark = { at: now, bytes: bytesRead };
    return (this.totalBytes - bytesRead) / bytesPerMs >= this.payAfterMs && this.idle() >= MIN_IDLE_CPUS;
  }
}

/** `score`'s scoring threads by default on `cpus` CPUs: one per CPU (this thread scores too). */
export function defaultWorkers(cpus: number): number {
  return Math.max(1, cpus);
}
