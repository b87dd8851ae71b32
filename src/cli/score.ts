/**
 * `score`: offline scoring of a CSV file to stdout, streamed in chunks of rows (large files
 * never sit in memory) through the same row path and writers as the server. Lenient by
 * default like h2o's PredictCsv: unparsable numbers are missing values.
 */
import { createReadStream } from 'node:fs';
import type { Model } from '../algos/index.ts';
import {
  batchWriter,
  CsvByteSplitter,
  DecodedItems,
  headerCount,
  type Evaluate,
  ExtraRowText,
  type ExtraValues,
  extraOutput,
  type OutputFormat,
  type RowText,
  rowText,
  Scorer,
  scoreRows,
  TextSink,
} from '../scoring/index.ts';

export type { OutputFormat };
export { extraOutput };

/** Rows decoded and scored per step; output is flushed whenever the sink fills a chunk. */
const ROWS_PER_STEP = 256;
/** Bytes read from the file at a time. */
const READ_CHUNK_BYTES = 1 << 16;

export interface ScoreFileOptions {
  /** CSV file path; '-' reads stdin. */
  input: string;
  format: OutputFormat;
  lenient: boolean;
  /** Write an explanation output instead of predictions ('contributions', 'leaf' or an extras key). */
  extra?: string;
  /** Receives the output in chunks; the next rows are scored once the returned promise settles. */
  write: (chunk: string) => void | Promise<void>;
  /** Called after each step with the rows so far, how many failed, and the input bytes read. */
  progress?: (rows: number, failed: number, bytes: number) => void;
}

/** Batches of CSV records from a file's bytes (see CsvByteSplitter for why not csv-parse's stream). */
async function* csvBatches(input: string, read: { bytes: number }): AsyncGenerator<string[][]> {
  const splitter = new CsvByteSplitter();
  const stream = input === '-' ? process.stdin : createReadStream(input, { highWaterMark: READ_CHUNK_BYTES });
  for await (const chunk of stream as AsyncIterable<Uint8Array>) {
    read.bytes += chunk.length;
    const records = splitter.push(chunk);
    if (records.length > 0) yield records;
  }
  const last = splitter.end();
  if (last.length > 0) yield last;
}

/** Records one at a time from the batches, with the header taken off the first. */
class RecordQueue {
  private batch: string[][] = [];
  private at = 0;
  constructor(
    private readonly batches: AsyncGenerator<string[][]>,
    /** Input bytes read so far (for progress). */
    readonly read: { bytes: number },
  ) {}

  /** Up to `max` records into `out` (empty when the input is done). */
  async take(max: number, out: string[][]): Promise<void> {
    out.length = 0;
    while (out.length < max) {
      if (this.at === this.batch.length) {
        const next = await this.batches.next();
        if (next.done) return;
        this.batch = next.value;
        this.at = 0;
        continue;
      }
      out.push(this.batch[this.at++]);
    }
  }
}

/** Streams `input` through the model; returns the number of rows scored. */
export async function scoreFile(model: Model, opts: ScoreFileOptions): Promise<number> {
  const read = { bytes: 0 };
  const records = new RecordQueue(csvBatches(opts.input, read), read);
  const first: string[][] = [];
  await records.take(1, first);
  const header: string[] = first.length === 0 ? [] : first[0];
  // Models that read whatever columns they are given (Word2Vec) bind to this file's header.
  const bound = model.bindInputs ? model.bindInputs(header) : model;
  const scorer = new Scorer(bound);
  if (opts.extra === undefined) return streamRows(records, header, scorer, scorer.evaluate, rowText(scorer.layout, 'record'), opts);
  const extra = extraOutput(bound, opts.extra);
  const evaluate: Evaluate<ExtraValues> = (raw, offset) => extra.compute(raw, offset);
  return streamRows(records, header, scorer, evaluate, new ExtraRowText(extra.names), opts);
}

async function streamRows<T>(
  records: RecordQueue,
  header: readonly string[],
  scorer: Scorer,
  evaluate: Evaluate<T>,
  text: RowText<T>,
  opts: ScoreFileOptions,
): Promise<number> {
  const sink = new TextSink();
  const writer = batchWriter(opts.format, text, sink);
  const ignored = new Set<string>();
  writer.begin(true);
  let rows = 0;
  let failed = 0;
  let done = false;
  while (!done) {
    const step: string[][] = [];
    await records.take(ROWS_PER_STEP, step);
    done = step.length < ROWS_PER_STEP;
    // Line 1 is the header: row `rows` is on line rows + 2 (multi-line quoted cells aside).
    const encoded = new DecodedItems(step, 'cells', header, rows, headerCount(header.length, rows + 2)).rows(scorer.encoder, ignored);
    failed += scoreRows(encoded, scorer.raw, evaluate, writer, opts.lenient).failed;
    rows += step.length;
    opts.progress?.(rows, failed, records.read.bytes);
    for (const chunk of sink.take(done)) await opts.write(chunk);
  }
  writer.end();
  for (const chunk of sink.take(true)) await opts.write(chunk);
  return rows;
}
