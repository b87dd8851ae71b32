/**
 * `score`: offline scoring of a CSV file to stdout, streamed in runs of complete records
 * (large files never sit in memory) through the same row path and writers as the server.
 * Lenient by default like h2o's PredictCsv: unparsable numbers are missing values. A large
 * file is scored on worker threads when asked (parallel-score.ts); a small one here, since
 * starting workers (each loads the model) would cost more than it saves.
 */
import { createReadStream } from 'node:fs';
import type { Model } from '../algos/index.ts';
import { CsvByteSplitter, CsvCursor, extraOutput, type OutputFormat } from '../scoring/index.ts';
import { hasBareCr } from '../scoring/decoders/csv-cursor.ts';
import { type BlockOptions, CsvBlockScorer } from './csv-block-scorer.ts';
import { scoreInParallel } from './parallel-score.ts';

export type { OutputFormat };
export { extraOutput };

/** Bytes read from the file at a time: the records they complete are scored as one run (a worker's block). */
const READ_CHUNK_BYTES = 1 << 20;
/** Inputs shorter than this (in characters) are scored on this thread whatever `workers` says. */
const PARALLEL_MIN_CHARS = 8 << 20;

export interface ScoreFileOptions extends BlockOptions {
  /** CSV file path; '-' reads stdin. */
  input: string;
  /** Threads to score on (default 1); more need `modelPath`, which each worker loads. */
  workers?: number;
  modelPath?: string;
  /** Receives the output in chunks; the next rows are scored once the returned promise settles. */
  write: (chunk: string | Uint8Array) => void | Promise<void>;
  /** Called after each run with the rows so far, how many failed, and the input bytes read. */
  progress?: (rows: number, failed: number, bytes: number) => void;
  /** Tuning (tests use small ones): bytes read at a time, and the input size from which workers are used. */
  readChunkBytes?: number;
  parallelMinChars?: number;
}

/** Runs of complete CSV records from a file's bytes, decoded (see CsvByteSplitter for why not csv-parse's stream). */
async function* textRuns(input: string, read: { bytes: number }, chunkBytes: number): AsyncGenerator<string> {
  const splitter = new CsvByteSplitter();
  // One decoder for the stream (runs end at a newline, so no character spans two); the cursor of line 1 drops a BOM.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const stream = input === '-' ? process.stdin : createReadStream(input, { highWaterMark: chunkBytes });
  for await (const chunk of stream as AsyncIterable<Uint8Array>) {
    read.bytes += chunk.length;
    const run = splitter.push(chunk);
    if (run !== null) yield decoder.decode(run, { stream: true });
  }
  const last = splitter.end();
  if (last !== null) yield decoder.decode(last);
}

async function* chain(first: readonly string[], rest: AsyncIterator<string>): AsyncGenerator<string> {
  yield* first;
  for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
}

/** Streams `input` through the model; returns the number of rows scored. */
export async function scoreFile(model: Model, opts: ScoreFileOptions): Promise<number> {
  const read = { bytes: 0 };
  const runs = textRuns(opts.input, read, opts.readChunkBytes ?? READ_CHUNK_BYTES);
  const minChars = opts.parallelMinChars ?? PARALLEL_MIN_CHARS;
  const first = await runs.next();
  const cursor = new CsvCursor(first.done ? '' : first.value);
  const header = cursor.next(1)[0] ?? [];
  const scorer = new CsvBlockScorer(model, header, opts);
  const ahead: string[] = [];
  let parallel = false;
  if ((opts.workers ?? 1) > 1 && opts.modelPath !== undefined && !first.done && !hasBareCr(first.value)) {
    let chars = first.value.length;
    while (chars < minChars) {
      const next = await runs.next();
      if (next.done) break;
      ahead.push(next.value);
      chars += next.value.length;
    }
    parallel = chars >= minChars;
  }
  scorer.begin();
  for (const chunk of scorer.take(true)) await opts.write(chunk);
  let rows: number;
  if (parallel) {
    rows = await scoreInParallel({
      model: opts.modelPath!,
      header,
      options: { format: opts.format, lenient: opts.lenient, extra: opts.extra },
      workers: opts.workers!,
      blocks: chain([cursor.rest(), ...ahead], runs),
      firstLine: cursor.line,
      write: opts.write,
      progress: (n, failed) => opts.progress?.(n, failed, read.bytes),
    });
  } else rows = await scoreHere(scorer, cursor, chain(ahead, runs), opts, read);
  scorer.end();
  for (const chunk of scorer.take(true)) await opts.write(chunk);
  return rows;
}

/** Scores every run on this thread, writing each run's output before reading the next. */
async function scoreHere(
  scorer: CsvBlockScorer,
  first: CsvCursor,
  runs: AsyncIterable<string>,
  opts: ScoreFileOptions,
  read: { bytes: number },
): Promise<number> {
  let cursor = first;
  let rows = 0;
  let failed = 0;
  const iterator = runs[Symbol.asyncIterator]();
  for (;;) {
    const counts = scorer.score(cursor, rows);
    rows += counts.rows;
    failed += counts.failed;
    opts.progress?.(rows, failed, read.bytes);
    for (const chunk of scorer.take(false)) await opts.write(chunk);
    const next = await iterator.next();
    if (next.done) return rows;
    cursor = new CsvCursor(next.value, cursor.line);
  }
}
