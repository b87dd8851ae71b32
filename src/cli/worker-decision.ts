/**
 * Whether a file being scored is long enough to share with score threads. Each thread decodes
 * the model and compiles its own code, on the JIT's compiler threads that every thread of the
 * process shares: while a thread warms up, this one's code compiles late too (a 1M-row GBM file
 * took 0.93 s on two threads against 0.80 s on one, 5M rows 2.7 s against 3.5 s). So threads
 * join only when what is left would take longer than `payAfterMs` here, and only when a CPU
 * stood idle meanwhile: on a machine already busy a thread only competes for the cores (and the
 * compiler), and made a 200k-row stacked ensemble take up to 12 s against 3.7–5.9 s on one
 * thread. The time left is estimated from the pace after the first moments (which compile code
 * and are slow) and the file's size; for stdin, whose size is unknown, from the time spent so far.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

/** A reading of the CPUs' time: how much of it was idle, and in all (any unit). */
export interface CpuTimes {
  idle: number;
  total: number;
  cpus: number;
}

/**
 * The machine's CPU times from /proc/stat (Linux), or undefined elsewhere. Between two readings
 * they say how many CPUs stood idle meanwhile, now rather than the last minute's average.
 */
export function cpuTimes(): CpuTimes | undefined {
  try {
    const stat = readFileSync('/proc/stat', 'latin1');
    const first = stat.slice(0, stat.indexOf('\n')).split(/\s+/);
    if (first[0] !== 'cpu') return undefined;
    const ticks = first.slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: idle and iowait are idle time.
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    const total = ticks.slice(0, 8).reduce((a, b) => a + (b || 0), 0);
    const cpus = (stat.match(/^cpu\d+ /gm) ?? []).length;
    return total > 0 && cpus > 0 ? { idle, total, cpus } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPUs that stood idle between two readings; without readings, the CPUs this process may use less
 * the last minute's runnable threads (os.loadavg) and this thread.
 */
export function idleCpus(from: CpuTimes | undefined, to: CpuTimes | undefined): number {
  if (from !== undefined && to !== undefined && to.total > from.total) return ((to.idle - from.idle) / (to.total - from.total)) * to.cpus;
  return availableParallelism() - loadavg()[0] - 1;
}

/** Idle CPUs, on average, from which threads may join. */
const MIN_IDLE_CPUS = 0.5;

/** Scoring time before the pace is measured, and the window it is measured over. */
const SETTLE_MS = 200;
const MEASURE_MS = 200;

export class WorkerDecision {
  private readonly start: number;
  private readonly startTimes: CpuTimes | undefined;
  private mark: { at: number; bytes: number; times: CpuTimes | undefined } | null = null;

  constructor(
    /** Input size in bytes, when known. */
    private readonly totalBytes: number | undefined,
    private readonly payAfterMs: number,
    private readonly clock: () => number = () => performance.now(),
    private readonly readTimes: () => CpuTimes | undefined = cpuTimes,
  ) {
    this.start = clock();
    this.startTimes = this.payAfterMs > 0 ? readTimes() : undefined;
  }

  /** True when workers pay off, given the input bytes read so far (a limit of 0: at once, whatever the load). */
  worthWorkers(bytesRead: number): boolean {
    if (this.payAfterMs <= 0) return true;
    const now = this.clock();
    const spent = now - this.start;
    if (this.totalBytes === undefined) return spent >= this.payAfterMs && idleCpus(this.startTimes, this.readTimes()) >= MIN_IDLE_CPUS;
    if (spent < SETTLE_MS) return false;
    if (this.mark === null) {
      this.mark = { at: now, bytes: bytesRead, times: this.readTimes() };
      return false;
    }
    if (now - this.mark.at < MEASURE_MS) return false;
    const bytesPerMs = (bytesRead - this.mark.bytes) / (now - this.mark.at);
    if (bytesPerMs <= 0) return false;
    const times = this.readTimes();
    const idle = idleCpus(this.mark.times, times);
    this.mark = { at: now, bytes: bytesRead, times };
    return (this.totalBytes - bytesRead) / bytesPerMs >= this.payAfterMs && idle >= MIN_IDLE_CPUS;
  }
}

/** `score`'s scoring threads by default on `cpus` CPUs: one per CPU (this thread scores too). */
export function defaultWorkers(cpus: number): number {
  return Math.max(1, cpus);
}
