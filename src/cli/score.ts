/**
 * `score`: offline scoring of a CSV file to stdout, streamed in blocks of complete records
 * (large files never sit in memory) through the same row path and writers as the server.
 * Lenient by default like h2o's PredictCsv: unparsable numbers are missing values. Scoring
 * starts on this thread; score threads (score-threads.ts, block-pool.ts) join, this thread
 * scoring on beside them, only when what is left would take longer than WORKERS_PAY_AFTER_MS
 * here (worker-decision.ts), so a file of a few seconds never pays for starting them.
 */
import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Model } from '../algos/index.ts';
import { ConfigurationError, echoed } from '../errors.ts';
import { CsvCursor, CsvRuns, lineEnds, MAX_RECORD_CHARS, type OutputFormat } from '../scoring/index.ts';
import { BlockPool } from './block-pool.ts';
import { ScoreThreads } from './score-threads.ts';
import { WorkerDecision } from './worker-decision.ts';
import { type BlockCounts, type BlockOptions, CsvBlockScorer } from './csv-block-scorer.ts';

export type { OutputFormat };

/** Bytes read from the file at a time. */
const READ_CHUNK_BYTES = 1 << 17;
/**
 * Characters of records scored (or sent to a worker) at a time, at least: enough to amortise a
 * message each way. Half a read chunk, so that each chunk's run of records is a block by itself
 * (not joined with the next: a copy of every character).
 */
const BLOCK_CHARS = READ_CHUNK_BYTES / 2;
/** Threads start when the rest of the input would take longer than this here (see WorkerDecision). */
const WORKERS_PAY_AFTER_MS = 2000;

export interface ScoreFileOptions extends BlockOptions {
  /** CSV file path; '-' reads stdin. */
  input: string;
  /**
   * Threads to score on (default 1: this one). With more, a long file is shared with
   * `workers - 1` score threads, which need `modelPath` (each decodes the model).
   */
  workers?: number;
  modelPath?: string;
  /** Receives the output in chunks; the next rows are scored once the returned promise settles. */
  write: (chunk: string | Uint8Array) => void | Promise<void>;
  /** Called after each block with the rows so far, how many failed, and the input bytes read. */
  progress?: (rows: number, failed: number, bytes: number) => void;
  /** Tuning (tests use small ones): bytes read at a time, block size, and the time left from which threads start. */
  readChunkBytes?: number;
  blockChars?: number;
  workersPayAfterMs?: number;
  /** Once threads start, hand out no block before they are ready (tests: every block boundary on threads). */
  waitForThreads?: boolean;
  /** Filled in at the end: how many blocks threads scored (tests check that they took part). */
  stats?: { blocksOnThreads: number };
}

/**
 * Runs of complete CSV records from a file's bytes, decoded (see CsvRuns for why not csv-parse's
 * stream). `lineOfHeld`: the line the text after the runs yielded so far starts on.
 */
async function* textRuns(input: string, read: { bytes: number }, chunkBytes: number, lineOfHeld: () => number): AsyncGenerator<string> {
  const runs = new CsvRuns(MAX_RECORD_CHARS, lineOfHeld);
  // One decoder for the stream (a character split between chunks waits for its end); the cursor of line 1 drops a BOM.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const chunks = input === '-' ? (process.stdin as AsyncIterable<Uint8Array>) : fileChunks(input, chunkBytes);
  for await (const chunk of chunks) {
    read.bytes += chunk.length;
    const run = runs.push(decoder.decode(chunk, { stream: true }));
    if (run !== null) yield run;
  }
  const flushed = runs.push(decoder.decode());
  if (flushed !== null) yield flushed;
  const last = runs.end();
  if (last !== null) yield last;
}

/**
 * A file's bytes, `chunkBytes` at a time, through one buffer (each chunk is decoded before the
 * next read). Not a read stream: its machinery cost more than the reads (node:stream's modules
 * at start-up, then a few events per chunk).
 */
async function* fileChunks(path: string, chunkBytes: number): AsyncGenerator<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = new Uint8Array(chunkBytes);
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, chunkBytes, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}

/**
 * The runs, joined into blocks of at least `chars` characters (the last may be shorter).
 * `held`: the runs taken but not yet yielded (the caller counts their lines if reading fails).
 */
async function* blocksOf(runs: AsyncIterator<string>, chars: number, held: string[]): AsyncGenerator<string> {
  let size = 0;
  for (const part of held) size += part.length;
  for (;;) {
    let r: IteratorResult<string>;
    try {
      r = await runs.next();
    } catch (error) {
      // A read that fails (a record over the cap) comes after the rows held: they are scored
      // first, so a failure among them is the one reported.
      if (size > 0) yield held.join('');
      held.length = 0;
      throw error;
    }
    if (r.done) break;
    held.push(r.value);
    size += r.value.length;
    if (size < chars) continue;
    const block = held.length === 1 ? held[0] : held.join('');
    held.length = 0;
    size = 0;
    yield block;
  }
  if (size > 0) {
    const block = held.join('');
    held.length = 0;
    yield block;
  }
}

/** WORKERS_PAY_AFTER_MS, or MOJO_SCORER_WORKERS_AFTER_MS (milliseconds; 0 starts threads at once). */
function workersPayAfterFromEnv(): number {
  const raw = process.env.MOJO_SCORER_WORKERS_AFTER_MS;
  if (raw === undefined || raw === '') return WORKERS_PAY_AFTER_MS;
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms < 0)
    throw new ConfigurationError(
      'MOJO_SCORER_WORKERS_AFTER_MS',
      `MOJO_SCORER_WORKERS_AFTER_MS must be a number of milliseconds >= 0, got '${echoed(raw)}'`,
    );
  return ms;
}

/** The input file's size in bytes, or undefined (stdin, or a size the file system does not know). */
export function inputSize(input: string): number | undefined {
  if (input === '-') return undefined;
  try {
    const size = statSync(input).size;
    return size > 0 ? size : undefined;
  } catch {
    return undefined;
  }
}

/** Only the options a thread scores by (the caller's object may hold more, such as functions). */
function blockOptions(opts: BlockOptions): BlockOptions {
  return { format: opts.format, lenient: opts.lenient, extra: opts.extra };
}

/** Streams `input` through the model; returns the number of rows scored. */
export async function scoreFile(model: Model, opts: ScoreFileOptions): Promise<number> {
  const read = { bytes: 0 };
  // Where the text not yet scored starts: the header's line, then where the pool goes on, past
  // the runs taken but not yet handed to it (counted only to name a record over the cap).
  const held: string[] = [];
  let linesScored = () => 1;
  const lineOfHeld = () => linesScored() + held.reduce((n, part) => n + lineEnds(part), 0);
  const runs = textRuns(opts.input, read, opts.readChunkBytes ?? READ_CHUNK_BYTES, lineOfHeld);
  const first = await runs.next();
  const cursor = new CsvCursor(first.done ? '' : first.value);
  const header = cursor.next(1)[0] ?? [];
  const scorer = new CsvBlockScorer(model, header, opts);
  scorer.begin();
  const before: BlockCounts = { rows: 0, failed: 0 };
  const rest = cursor.rest();
  if (rest.length > 0) held.push(rest);
  for (const chunk of scorer.take(true)) await opts.write(chunk);
  const progress = (rows: number, failed: number) => opts.progress?.(rows, failed, read.bytes);
  const pool = new BlockPool(scorer, cursor.line, before, opts.write, progress);
  linesScored = () => pool.lineAfterTaken;
  const workers = opts.workers ?? 1;
  const decision = new WorkerDecision(inputSize(opts.input), opts.workersPayAfterMs ?? workersPayAfterFromEnv());
  try {
    for await (const block of blocksOf(runs, opts.blockChars ?? BLOCK_CHARS, held)) {
      if (workers > 1 && !pool.parallel && opts.modelPath !== undefined && decision.worthWorkers(read.bytes)) {
        const threads = new ScoreThreads(workers - 1, opts.modelPath, blockOptions(opts));
        threads.header(header);
        pool.useThreads(threads);
        if (opts.waitForThreads) await threads.settled;
      }
      await pool.push(block);
      // The first failure is the answer: reading on could only replace it by a later one.
      if (pool.stopped) break;
    }
    await pool.end();
  } catch (error) {
    // A failed read comes after every block pushed: one of theirs that failed is the first failure.
    await pool.end();
    throw error;
  } finally {
    if (opts.stats !== undefined) opts.stats.blocksOnThreads = pool.blocksOnThreads;
    pool.close();
    // Closes the file when scoring stopped before its end.
    await runs.return(undefined);
  }
  if (pool.rows === 0) progress(0, 0);
  scorer.end();
  for (const chunk of scorer.take(true)) await opts.write(chunk);
  return pool.rows;
}
