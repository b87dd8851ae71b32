/**
 * Scores a file's blocks of CSV records in order of arrival and writes their outputs in input
 * order. Blocks are scored here until `startWorkers` is called (a file that takes a while);
 * from then on every block goes to a worker process (score-worker.ts) with room, and this
 * process only reads, counts and writes (it has plenty to do: scoring here too made the
 * workers wait for their next block). Every block's rows and lines are counted
 * here before it is handed out, so errors name the same row and line as a single-threaded run.
 * At most two blocks a worker are in flight, so memory stays a few blocks whatever the file size.
 */
import { type ErrorCode, ScorerError } from '../errors.ts';
import { CsvCursor } from '../scoring/index.ts';
import type { BlockCounts, CsvBlockScorer } from './csv-block-scorer.ts';
import type { Subprocess } from 'bun';
import { SELF_COMMAND } from '../self-command.ts';
import { SCORE_WORKER_ENV, type WorkerAnswer, type WorkerBlock, type WorkerHeader } from './score-worker.ts';

/** Blocks in flight per worker: one being scored, one waiting, so no worker idles between blocks. */
const IN_FLIGHT_PER_WORKER = 2;
/** A block's result: its output and counts, or the error that stops the run there. */
interface Done {
  output?: (string | Uint8Array)[];
  counts?: BlockCounts;
  error?: unknown;
}

interface PoolWorker {
  process: Subprocess;
  inFlight: number;
}

/** A worker's error, with its code (the CLI reports it as the same error raised on this thread). */
class WorkerReportedError extends ScorerError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    detail?: Record<string, unknown>,
  ) {
    super(message, { detail });
  }
}

export class BlockPool {
  private readonly workers: PoolWorker[] = [];
  private readonly done = new Map<number, Done>();
  /** Resolves when the block awaited by `writeNext` is done. */
  private wake: (() => void) | null = null;
  private sent = 0;
  private written = 0;
  private firstRow: number;
  /** Set once a block cannot be read here: nothing after it is handed out. */
  private halted = false;
  private crash: Error | null = null;
  private closing = false;
  /** Rows written so far, and how many of them failed. */
  rows: number;
  failed: number;

  constructor(
    private readonly local: CsvBlockScorer,
    /** Where the first block starts: its line, and the rows (and failed rows) already written before it. */
    private line: number,
    before: BlockCounts,
    private readonly write: (chunk: string | Uint8Array) => void | Promise<void>,
    private readonly progress: (rows: number, failed: number) => void,
  ) {
    this.firstRow = before.rows;
    this.rows = before.rows;
    this.failed = before.failed;
  }

  /**
   * Starts `count` worker processes: copies of this `score` (`args`: its model and output
   * options) that each load the model, then read `header`'s columns.
   */
  startWorkers(count: number, args: readonly string[], header: readonly string[]): void {
    for (let i = 0; i < count; i++) {
      const slot: PoolWorker = {
        process: Bun.spawn([...SELF_COMMAND, 'score', ...args], {
          env: { ...process.env, [SCORE_WORKER_ENV]: '1' },
          stdio: ['ignore', 'ignore', 'inherit'],
          serialization: 'advanced',
          ipc: (answer: WorkerAnswer) => {
            slot.inFlight--;
            this.finish(answer.seq, answerToDone(answer));
          },
          onExit: (_proc, code) => {
            if (this.closing) return;
            // A worker gone early takes its blocks with it: the run fails at the first of them.
            this.halted = true;
            this.crash = new Error(`score worker exited early (${code === null ? 'killed' : `status ${code}`})`);
            this.wake?.();
          },
        }),
        inFlight: 0,
      };
      slot.process.send({ kind: 'header', header: [...header] } satisfies WorkerHeader);
      this.workers.push(slot);
    }
  }

  /** True once a block failed: nothing more is scored, and `end` throws its error. */
  get stopped(): boolean {
    return this.halted;
  }

  /** The line the next block starts on. */
  get nextLine(): number {
    return this.line;
  }

  /** True once workers were started. */
  get parallel(): boolean {
    return this.workers.length > 0;
  }

  /** Scores the next block here, or hands it to a worker once one has room; writes what is done. */
  async push(text: string): Promise<void> {
    if (this.halted) return;
    // Every worker busy: write the oldest blocks (that frees their workers) until one has room.
    while (this.workers.length > 0 && !this.workers.some((w) => w.inFlight < IN_FLIGHT_PER_WORKER)) await this.writeNext();
    const seq = this.sent++;
    const firstRow = this.firstRow;
    const firstLine = this.line;
    const free = this.workers.find((w) => w.inFlight < IN_FLIGHT_PER_WORKER);
    if (free !== undefined) {
      // Counted here before it leaves, framed by the same cursor that scores it (malformed
      // quoting fails the block where it is scored), so the next block knows where it starts.
      const counter = new CsvCursor(text, firstLine);
      this.firstRow += counter.count();
      this.line = counter.line;
      free.inFlight++;
      free.process.send({ kind: 'block', seq, text, firstRow, firstLine } satisfies WorkerBlock);
    } else this.finish(seq, this.scoreHere(text, firstRow, firstLine));
    while (this.written < this.sent && this.done.has(this.written)) await this.writeNext();
  }

  /** Writes every block still in flight; throws the first failed block's error. */
  async end(): Promise<void> {
    while (this.written < this.sent) await this.writeNext();
  }

  /** Stops the workers (call once done, or after a failure). */
  close(): void {
    this.closing = true;
    for (const w of this.workers) w.process.kill();
  }

  /** Scores a block on this thread; its scoring counts its rows and lines (no framing pass of its own). */
  private scoreHere(text: string, firstRow: number, firstLine: number): Done {
    try {
      const cursor = new CsvCursor(text, firstLine);
      const counts = this.local.score(cursor, firstRow);
      this.firstRow += counts.rows;
      this.line = cursor.line;
      return { output: this.local.take(true), counts };
    } catch (error) {
      // What the block wrote before failing is dropped with it.
      this.local.take(true);
      this.halted = true;
      return { error };
    }
  }

  private finish(seq: number, done: Done): void {
    this.done.set(seq, done);
    if (seq === this.written) this.wake?.();
  }

  private async writeNext(): Promise<void> {
    let done = this.done.get(this.written);
    while (done === undefined) {
      if (this.crash !== null) throw this.crash;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = null;
      done = this.done.get(this.written);
    }
    this.done.delete(this.written++);
    if (done.error !== undefined) throw done.error;
    for (const chunk of done.output!) await this.write(chunk);
    this.rows += done.counts!.rows;
    this.failed += done.counts!.failed;
    this.progress(this.rows, this.failed);
  }
}

function answerToDone(a: WorkerAnswer): Done {
  if (a.error === undefined) return { output: [a.output!], counts: { rows: a.rows!, failed: a.failed! } };
  const e = a.error;
  return { error: e.code === undefined ? new Error(e.message) : new WorkerReportedError(e.code as ErrorCode, e.message, e.detail) };
}
