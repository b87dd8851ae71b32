/** Test helpers: load a GAM case and score its CSV-like rows by input name. */
import { decodeModelBytes, type Model } from '../../../src/algos/index.ts';
import { ScorerError } from '../../../src/errors.ts';
import { writeGamMojo, type GamSpec } from '../../support/gam-writer.ts';
import type { GamCase } from './cases.ts';

export const load = (spec: GamSpec): Model => decodeModelBytes(writeGamMojo(spec));

/** Encodes one row given as header → cell ('' = missing) into the model's raw layout. */
export function encode(m: Model, header: readonly string[], row: readonly string[]): Float64Array {
  const raw = new Float64Array(m.inputs.length).fill(NaN);
  m.inputs.forEach((inp, k) => {
    const h = header.indexOf(inp.name);
    if (h < 0 || row[h] === '') return;
    raw[k] = inp.domain ? inp.domain.indexOf(row[h]) : Number(row[h]);
  });
  return raw;
}

/** Scores a row: the output slots, or the error code. */
export function scoreRow(m: Model, raw: Float64Array, offset = 0): number[] | string {
  const out = new Float64Array(m.outWidth);
  try {
    m.score(raw, out, offset);
  } catch (e) {
    return e instanceof ScorerError ? e.code : `not a ScorerError: ${e}`;
  }
  return Array.from(out);
}

export function scoreCase(c: GamCase): (number[] | string)[] {
  const m = load(c.spec);
  return c.rows.map((r) => scoreRow(m, encode(m, c.header, r)));
}

export { codeOf } from '../../support/errors.ts';
