/**
 * The threads `score` shares a long file with (score-thread.ts is their body): started as soon
 * as the file is known to be long, so that each decodes the model while this thread decodes its
 * own; told the header once it is read; handed blocks by the BlockPool. Threads rather than
 * processes: no second runtime to start, blocks cross as strings and answers as transferred
 * bytes, one process's memory.
 */
import { inCompiledBinary } from '../self-command.ts';
import type { BlockOptions, CsvBlockScorer } from './csv-block-scorer.ts';

/**
 * The line a thread's block is framed from. Not 1 (where a BOM would be dropped); which line a
 * block really starts on only names an error, and a failed block is scored again where known.
 */
export const BLOCK_FIRST_LINE = 2;

export type ThreadMessage =
  | { kind: 'model'; modelPath: string; options: BlockOptions }
  | { kind: 'header'; header: string[] }
  | { kind: 'block'; seq: number; text: string; first: boolean };

export type ThreadAnswer =
  | { kind: 'ready' }
  | { kind: 'unusable' }
  | { kind: 'block'; seq: number; failedBlock: true }
  | { kind: 'block'; seq: number; failedBlock?: undefined; output: Uint8Array; rows: number; failed: number; lines: number };

export type BlockAnswer = Extract<ThreadAnswer, { kind: 'block' }>;

/** What the pool needs of its threads (score threads, or a test's stand-in). */
export interface BlockThreads {
  /** Threads started (each may take IN_FLIGHT blocks at a time). */
  readonly count: number;
  /** Blocks handed out so far. */
  readonly sent: number;
  onAnswer: (answer: BlockAnswer) => void;
  onCrash: (error: Error) => void;
  /** A ready thread with fewer than `max` blocks in flight, if any. */
  free(max: number): unknown;
  send(thread: unknown, seq: number, text: string, first: boolean): void;
  close(): void;
}

const encoder = new TextEncoder();

/**
 * A thread's answer for one block: scored from a stand-in start (BLOCK_FIRST_LINE, and a first
 * row that only says whether rows come before it, which is all the output depends on: a JSON
 * array's separators), or failed (the pool scores it again where it is known to start).
 */
export function scoreBlock(scorer: CsvBlockScorer, seq: number, text: string, first: boolean): BlockAnswer {
  try {
    const { output, rows, failed, lines } = scorer.scoreText(text, first ? 0 : 1, BLOCK_FIRST_LINE);
    return { kind: 'block', seq, output: encoder.encode(output.join('')), rows, failed, lines };
  } catch {
    return { kind: 'block', seq, failedBlock: true };
  }
}

/** Bun's Worker; its ref/unref are missing from the DOM typings the model page pulls in. */
type BunWorker = Worker & { ref(): void; unref(): void };

export class ScoreThread {
  /** Blocks sent and not yet answered. */
  inFlight = 0;
  /** Set once it has decoded the model and read the header; never set for a thread that cannot. */
  ready = false;

  constructor(readonly worker: BunWorker) {}
}

export class ScoreThreads implements BlockThreads {
  readonly threads: ScoreThread[] = [];
  /** Receives each block's answer (set by the pool). */
  onAnswer: (answer: BlockAnswer) => void = () => {};
  /** Called when a thread fails outside a block (the run cannot trust its blocks). */
  onCrash: (error: Error) => void = () => {};
  /** Blocks handed out so far. */
  sent = 0;
  /** Resolves once every thread is ready or known unusable. */
  readonly settled: Promise<void>;
  private closed = false;

  /** Starts `count` threads, each decoding the model at `modelPath` for `options`. */
  constructor(count: number, modelPath: string, options: BlockOptions, url: string = threadUrl()) {
    let unsettled = count;
    let resolve = () => {};
    this.settled = new Promise((r) => {
      resolve = r;
    });
    for (let i = 0; i < count; i++) {
      // This process's environment as it is now (`--allow-unverified` sets a variable the
      // model decoder reads); a thread otherwise starts from the one the process started with.
      const env = { ...process.env } as Record<string, string>;
      const thread = new ScoreThread(new Worker(url, { env }) as BunWorker);
      let settled = false;
      const settle = () => {
        if (!settled && --unsettled === 0) resolve();
        settled = true;
      };
      thread.worker.onmessage = (event: MessageEvent<ThreadAnswer>) => {
        const a = event.data;
        if (a.kind !== 'block') {
          thread.ready = a.kind === 'ready';
          settle();
        } else {
          thread.inFlight--;
          this.onAnswer(a);
        }
      };
      thread.worker.onerror = (event) => {
        thread.ready = false;
        settle();
        if (!this.closed) this.onCrash(new Error(`a score thread failed: ${event.message}`));
      };
      thread.worker.postMessage({ kind: 'model', modelPath, options } satisfies ThreadMessage);
      this.threads.push(thread);
    }
  }

  get count(): number {
    return this.threads.length;
  }

  /** Tells every thread the file's header (the columns of its records). */
  header(header: readonly string[]): void {
    for (const t of this.threads) t.worker.postMessage({ kind: 'header', header: [...header] } satisfies ThreadMessage);
  }

  /** A ready thread with fewer than `max` blocks in flight, if any. */
  free(max: number): ScoreThread | undefined {
    for (const t of this.threads) if (t.ready && t.inFlight < max) return t;
    return undefined;
  }

  send(thread: ScoreThread, seq: number, text: string, first: boolean): void {
    thread.inFlight++;
    this.sent++;
    thread.worker.postMessage({ kind: 'block', seq, text, first } satisfies ThreadMessage);
  }

  /** Ends the threads (once the run is done or failed). */
  close(): void {
    this.closed = true;
    for (const t of this.threads) t.worker.terminate();
    this.threads.length = 0;
  }
}

/**
 * The thread's module. From sources it sits beside this file; in a `bun build --compile` binary
 * (which must list it as an entrypoint, as the Dockerfile does) every module is flattened into
 * the binary's root, while the thread's module keeps its path below src/.
 */
function threadUrl(): string {
  if (!inCompiledBinary()) return new URL('./score-thread.ts', import.meta.url).href;
  return new URL('./cli/score-thread.js', `file://${Bun.main}`).href;
}
