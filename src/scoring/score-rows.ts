/**
 * The one row loop, shared by every front end: each encoded row is computed by the output
 * (predictions or an explanation) and handed to the batch writer; a row the model cannot score
 * (RowError) is written as an error in its place. An invalid value throws (the whole batch is
 * refused, naming the row and column).
 */
import { RowError } from '../errors.ts';
import type { EncodedRows } from './decoders/index.ts';
import type { BatchWriter, RowOutput } from './writers/index.ts';

export interface RowCounts {
  ok: number;
  failed: number;
}

/** Scores rows [from, to) of `rows` into `writer`; returns how many scored and how many failed. */
export function scoreRows(
  rows: EncodedRows,
  raw: Float64Array,
  output: RowOutput,
  writer: BatchWriter,
  lenient: boolean,
  from = 0,
  to = rows.count,
): RowCounts {
  let failed = 0;
  for (let i = from; i < to; i++) {
    const offset = rows.encode(i, raw, lenient);
    try {
      output.compute(raw, offset);
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      writer.rowError(e.message);
      failed++;
      continue;
    }
    writer.row(output);
  }
  return { ok: to - from - failed, failed };
}
