/**
 * `score`: offline scoring of a CSV file to stdout, streamed in chunks of rows (large files
 * never sit in memory) through the same row path and writers as the server. Lenient by
 * default like h2o's PredictCsv: unparsable numbers are missing values.
 */
import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import type { Model } from '../algos/index.ts';
import {
  batchWriter,
  DecodedItems,
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

export interface ScoreFileOptions {
  /** CSV file path; '-' reads stdin. */
  input: string;
  format: OutputFormat;
  lenient: boolean;
  /** Write an explanation output instead of predictions ('contributions', 'leaf' or an extras key). */
  extra?: string;
  /** Receives the output in chunks; the next rows are scored once the returned promise settles. */
  write: (chunk: string) => void | Promise<void>;
}

/** Streams `input` through the model; returns the number of rows scored. */
export async function scoreFile(model: Model, opts: ScoreFileOptions): Promise<number> {
  const parser = (opts.input === '-' ? process.stdin : createReadStream(opts.input)).pipe(
    // An empty line is a row of missing values (in a one-column file that is all it can be).
    parse({ relax_column_count: true, skip_empty_lines: false, bom: true }),
  );
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const first = await records.next();
  const header: string[] = first.done ? [] : first.value;
  // Models that read whatever columns they are given (Word2Vec) bind to this file's header.
  const bound = model.bindInputs ? model.bindInputs(header) : model;
  const scorer = new Scorer(bound);
  if (opts.extra === undefined) return streamRows(records, header, scorer, scorer.evaluate, rowText(scorer.layout, 'record'), opts);
  const extra = extraOutput(bound, opts.extra);
  const evaluate: Evaluate<ExtraValues> = (raw, offset) => extra.compute(raw, offset);
  return streamRows(records, header, scorer, evaluate, new ExtraRowText(extra.names), opts);
}

async function streamRows<T>(
  records: AsyncIterator<string[]>,
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
  let done = false;
  while (!done) {
    const step: string[][] = [];
    while (step.length < ROWS_PER_STEP) {
      const next = await records.next();
      if (next.done) {
        done = true;
        break;
      }
      step.push(next.value);
    }
    const encoded = new DecodedItems(step, 'cells', header, rows).rows(scorer.encoder, ignored);
    scoreRows(encoded, scorer.raw, evaluate, writer, opts.lenient);
    rows += step.length;
    for (const chunk of sink.take(done)) await opts.write(chunk);
  }
  writer.end();
  for (const chunk of sink.take(true)) await opts.write(chunk);
  return rows;
}
