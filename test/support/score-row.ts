/** Scores one row given as name → text through the row encoder (unit tests of a model). */
import type { Model } from '../../src/algos/index.ts';
import { RowEncoder } from '../../src/scoring/row-encoder.ts';

export function scoreRow(model: Model, row: Record<string, string>): number[] {
  const enc = new RowEncoder(model);
  const raw = new Float64Array(enc.width);
  enc.encodeObject(row, raw, false);
  const out = new Float64Array(model.outWidth);
  model.score(raw, out, 0);
  return [...out];
}
