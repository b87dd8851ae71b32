/**
 * The row path shared by the CLI and the server: each encoded row is scored and handed to the
 * batch writer; a row the model cannot score (RowError) is written as an error in its place.
 * An invalid value throws (the whole batch is refused, naming the row and column).
 */
import { RowError } from '../errors.ts';
import type { EncodedRows } from './decoders/rows.ts';
import type { BatchWriter } from './writers/batch-writer.ts';

/** Scores the row in `raw` (with its offset) into a row of type T (an output buffer, an extra output). */
export type Evaluate<T> = (raw: Float64Array, offset: number) => T;

export interface RowCounts {
  ok: number;
  failed: number;
}

/** Scores rows [from, to) of `rows` into `writer`; returns how many scored and how many failed. */
export function scoreRows<T>(
  rows: EncodedRows,
  raw: Float64Array,
  evaluate: Evaluate<T>,
  writer: BatchWriter<T>,
  lenient: boolean,
  from = 0,
  to = rows.count,
): RowCounts {
  let failed = 0;
  for (let i = from; i < to; i++) {
    const offset = rows.encode(i, raw, lenient);
    let result: T;
    try {
      result = evaluate(raw, offset);
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      writer.rowError(e.message);
      failed++;
      continue;
    }
    writer.row(result);
  }
  return { ok: to - from - failed, failed };
}
