/**
 * Scores decoded rows and renders the response text in the asked format. A row the model
 * cannot score (RowError) is `{"error": "…"}` in its place (CSV: an extra `error` column);
 * a single-object request is then a 422. Invalid values throw (400) before anything is sent.
 */
import { RowError } from '../errors.ts';
import { csvField, type Scorer } from '../scoring/index.ts';
import type { Format } from './codecs/media.ts';
import type { RecordWriter } from './codecs/record-writer.ts';
import type { Rows } from './codecs/rows.ts';

export interface Scored {
  body: string;
  /** Rows scored and rows that failed (for metrics). */
  ok: number;
  failed: number;
}

function errorJson(message: string): string {
  return `{"error":${JSON.stringify(message)}}`;
}

/** Scores row i; returns the output buffer or the RowError message. */
function scoreOne(rows: Rows, i: number, scorer: Scorer, lenient: boolean, unknown: Set<string>): Float64Array | string {
  const offset = rows.encode(i, scorer.raw, lenient, unknown);
  try {
    return scorer.scoreRaw(offset);
  } catch (e) {
    if (e instanceof RowError) return e.message;
    throw e;
  }
}

export function scoreRows(
  rows: Rows,
  format: Format,
  writer: RecordWriter,
  scorer: Scorer,
  lenient: boolean,
  unknown: Set<string>,
): Scored {
  if (rows.single) {
    const r = scoreOne(rows, 0, scorer, lenient, unknown);
    if (typeof r === 'string') throw new RowError(r);
    const body =
      format === 'json' ? writer.json(r) : format === 'jsonl' ? `${writer.json(r)}\n` : `${writer.csvHeader}\n${writer.csv(r)}\n`;
    return { body, ok: 1, failed: 0 };
  }
  if (format === 'csv') return scoreCsv(rows, writer, scorer, lenient, unknown);
  const n = rows.count;
  const json = format === 'json';
  let failed = 0;
  let body = json ? '[' : '';
  for (let i = 0; i < n; i++) {
    const r = scoreOne(rows, i, scorer, lenient, unknown);
    let text: string;
    if (typeof r === 'string') {
      failed++;
      text = errorJson(r);
    } else text = writer.json(r);
    if (json) body += i === 0 ? text : `,${text}`;
    else body += `${text}\n`;
  }
  if (json) body += ']';
  return { body, ok: n - failed, failed };
}

function scoreCsv(rows: Rows, writer: RecordWriter, scorer: Scorer, lenient: boolean, unknown: Set<string>): Scored {
  const n = rows.count;
  const lines = new Array<string>(n);
  let errors: (string | undefined)[] | undefined;
  let failed = 0;
  for (let i = 0; i < n; i++) {
    const r = scoreOne(rows, i, scorer, lenient, unknown);
    if (typeof r === 'string') {
      errors ??= new Array<string | undefined>(n);
      errors[i] = r;
      lines[i] = ','.repeat(Math.max(0, writer.csvWidth - 1));
      failed++;
    } else lines[i] = writer.csv(r);
  }
  let body = '';
  if (errors === undefined) {
    if (rows.header) body = `${writer.csvHeader}\n`;
    for (let i = 0; i < n; i++) body += `${lines[i]}\n`;
  } else {
    if (rows.header) body = `${writer.csvHeader},error\n`;
    for (let i = 0; i < n; i++) body += `${lines[i]},${errors[i] === undefined ? '' : csvField(errors[i]!)}\n`;
  }
  return { body, ok: n - failed, failed };
}
