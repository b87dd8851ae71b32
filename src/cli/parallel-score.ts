/**
 * `score --workers N`: the file's runs of complete records are sent as numbered blocks to N
 * worker threads (score-worker.ts), and their outputs are written back in input order. This
 * thread only reads, counts each block's rows and lines (so errors name the same row and line
 * as a single-threaded run) and writes; at most two blocks a worker are in flight, so memory
 * stays a few blocks whatever the file size.
 */
import { ScorerError, type ErrorCode } from '../errors.ts';
import { CsvCursor } from '../scoring/index.ts';
import type { BlockOptions } from './csv-block-scorer.ts';
import type { WorkerAnswer, WorkerBlock, WorkerInit } from './score-worker.ts';

/** Blocks in flight per worker: one being scored, one waiting, so no worker idles between blocks. */
const IN_FLIGHT_PER_WORKER = 2;

/** A worker's error, with its code (the CLI prints and exits as for the same error on this thread). */
class WorkerReportedError extends ScorerError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    detail?: Record<string, unknown>,
  ) {
    super(message, { detail });
  }
}

export interface ParallelRun {
  model: string;
  header: string[];
  options: BlockOptions;
  workers: number;
  /** Text blocks of complete records, the first starting on `firstLine`. */
  blocks: AsyncIterable<string>;
  firstLine: number;
  write(bytes: Uint8Array): void | Promise<void>;
  /** After each block written: rows and failed rows so far. */
  progress(rows: number, failed: number): void;
}

interface Pending {
  resolve(a: WorkerAnswer): void;
}

/** Scores the blocks on `workers` threads; returns the number of rows. */
export async function scoreInParallel(run: ParallelRun): Promise<number> {
  const pool = startWorkers(run);
  const answers = new Map<number, WorkerAnswer>();
  const waiting = new Map<number, Pending>();
  for (const w of pool) {
    w.onmessage = (event: MessageEvent<WorkerAnswer>) => {
      const a = event.data;
      const p = waiting.get(a.seq);
      if (p !== undefined) {
        waiting.delete(a.seq);
        p.resolve(a);
      } else answers.set(a.seq, a);
    };
    w.onerror = (event) => {
      // Blocks a dead worker held never come back: every block still awaited fails with it.
      crash = { seq: -1, error: { message: `score worker failed: ${event.message}` } };
      for (const p of waiting.values()) p.resolve(crash);
      waiting.clear();
    };
  }
  let crash: WorkerAnswer | undefined;
  const answerOf = (seq: number): Promise<WorkerAnswer> => {
    const a = answers.get(seq);
    if (a !== undefined) {
      answers.delete(seq);
      return Promise.resolve(a);
    }
    if (crash !== undefined) return Promise.resolve(crash);
    return new Promise((resolve) => waiting.set(seq, { resolve }));
  };

  let sent = 0;
  let written = 0;
  let rows = 0;
  let failed = 0;
  let line = run.firstLine;
  /** Writes the next block's output (in order); throws the block's error. */
  const writeNext = async (): Promise<void> => {
    const a = await answerOf(written++);
    if (a.error !== undefined) throw relayed(a.error);
    await run.write(a.output!);
    rows += a.rows!;
    failed += a.failed!;
    run.progress(rows, failed);
  };
  try {
    let firstRow = 0;
    for await (const text of run.blocks) {
      if (sent - written >= pool.length * IN_FLIGHT_PER_WORKER) await writeNext();
      const block: WorkerBlock = { kind: 'block', seq: sent, text, firstRow, firstLine: line };
      pool[sent % pool.length].postMessage(block);
      sent++;
      const counted = countRecords(text, line);
      // A block the counter cannot read fails the same way in its worker: stop reading there.
      if (counted === null) break;
      firstRow += counted.records;
      line = counted.nextLine;
    }
    while (written < sent) await writeNext();
  } finally {
    for (const w of pool) w.terminate();
  }
  return rows;
}

function startWorkers(run: ParallelRun): Worker[] {
  const init: WorkerInit = { kind: 'init', model: run.model, header: run.header, options: run.options };
  const pool: Worker[] = [];
  for (let i = 0; i < run.workers; i++) {
    const w = new Worker(workerUrl());
    w.postMessage(init);
    pool.push(w);
  }
  return pool;
}

/**
 * Records in a block and the line after it, as the worker's cursor will read them. Quote-free
 * text (the usual) is one record a line; text with quotes is framed by the cursor itself.
 */
function countRecords(text: string, firstLine: number): { records: number; nextLine: number } | null {
  if (text.indexOf('"') < 0) {
    let lines = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    const tail = text.length > 0 && text.charCodeAt(text.length - 1) !== 10 ? 1 : 0;
    return { records: lines + tail, nextLine: firstLine + lines + tail };
  }
  try {
    const cursor = new CsvCursor(text, firstLine);
    let records = 0;
    for (let r = cursor.records(4096); r.count > 0; r = cursor.records(4096)) records += r.count;
    return { records, nextLine: cursor.line };
  } catch {
    return null;
  }
}

function relayed(e: NonNullable<WorkerAnswer['error']>): Error {
  return e.code === undefined ? new Error(e.message) : new WorkerReportedError(e.code as ErrorCode, e.message, e.detail);
}

/**
 * The worker's module. From sources it sits beside this file; in a `bun build --compile` binary
 * (which lists it as another entrypoint, as the Dockerfile does) modules are flattened into the
 * binary's root while the worker keeps its path below src/.
 */
function workerUrl(): string {
  if (!import.meta.url.includes('$bunfs')) return new URL('./score-worker.ts', import.meta.url).href;
  return new URL('./cli/score-worker.js', import.meta.url).href;
}
