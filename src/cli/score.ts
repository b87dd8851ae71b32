/**
 * `score`: offline scoring of a CSV file to stdout, streamed row by row (large files never sit
 * in memory). Lenient by default like h2o's PredictCsv: unparsable numbers are missing values.
 */
import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import type { ExtraOutput, Model } from '../algos/index.ts';
import { BadRequestError, RowError } from '../errors.ts';
import { csvLine, jsonNumber, Scorer } from '../scoring/index.ts';

export type OutputFormat = 'jsonl' | 'csv' | 'json';

export interface ScoreFileOptions {
  /** CSV file path; '-' reads stdin. */
  input: string;
  format: OutputFormat;
  lenient: boolean;
  /** Write an explanation output instead of predictions ('contributions', 'leaf' or an extras key). */
  extra?: string;
  write: (chunk: string) => void | Promise<void>;
}

export function extraOutput(model: Model, name: string): ExtraOutput {
  const x = name === 'contributions' ? model.contributions : name === 'leaf' ? model.leafAssignments : model.extras?.[name];
  if (x === undefined) {
    const have = [model.contributions && 'contributions', model.leafAssignments && 'leaf', ...Object.keys(model.extras ?? {})].filter(
      Boolean,
    );
    throw new BadRequestError(
      `this ${model.header.algo} model has no '${name}' output${have.length ? ` (it has: ${have.join(', ')})` : ''}`,
    );
  }
  return x;
}

/** Streams `input` through the model; returns the number of rows scored. */
export async function scoreFile(model: Model, opts: ScoreFileOptions): Promise<number> {
  const parser = (opts.input === '-' ? process.stdin : createReadStream(opts.input)).pipe(
    // An empty line is a row of missing values (in a one-column file that is all it can be).
    parse({ relax_column_count: true, skip_empty_lines: false, bom: true }),
  );
  const rows = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const first = await rows.next();
  const header: string[] = first.done ? [] : first.value;
  // Models that read whatever columns they are given (Word2Vec) bind to this file's header.
  const bound = model.bindInputs ? model.bindInputs(header) : model;
  const scorer = new Scorer(bound);
  const slots = scorer.encoder.slotsFor(header);
  const extra = opts.extra === undefined ? undefined : extraOutput(bound, opts.extra);
  const names = extra ? extra.names : scorer.layout.csvHeader();
  let row = 0;
  let buffered = '';
  const flush = async (force: boolean) => {
    if (buffered.length > 0 && (force || buffered.length > 1 << 16)) {
      const chunk = buffered;
      buffered = '';
      await opts.write(chunk);
    }
  };
  if (opts.format === 'csv') buffered += `${csvLine(extra ? [...names] : [...names, 'error'])}\n`;
  if (opts.format === 'json') buffered += '[';
  for (let next = await rows.next(); !next.done; next = await rows.next()) {
    const offset = scorer.encoder.encodeCells(next.value, slots, header, scorer.raw, opts.lenient, row);
    let line: string;
    try {
      if (extra) {
        const values = extra.compute(scorer.raw, offset);
        line =
          opts.format === 'csv'
            ? csvLine(values.map((v) => (typeof v === 'number' ? (v !== v ? '' : String(v)) : v)))
            : JSON.stringify(extraRecord(names, values));
      } else {
        const out = scorer.scoreRaw(offset);
        line = opts.format === 'csv' ? csvLine([...scorer.layout.csvCells(out), '']) : JSON.stringify(scorer.layout.record(out));
      }
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      line = opts.format === 'csv' ? csvLine([...names.map(() => ''), e.message]) : JSON.stringify({ error: e.message });
    }
    if (opts.format === 'json') buffered += (row === 0 ? '\n' : ',\n') + line;
    else buffered += `${line}\n`;
    row++;
    await flush(false);
  }
  if (opts.format === 'json') buffered += row === 0 ? ']\n' : '\n]\n';
  await flush(true);
  return row;
}

function extraRecord(names: readonly string[], values: readonly (number | string)[]): Record<string, unknown> {
  const rec: Record<string, unknown> = {};
  for (let i = 0; i < names.length; i++) {
    const v = values[i];
    rec[names[i]] = typeof v === 'number' ? jsonNumber(v) : v;
  }
  return rec;
}
