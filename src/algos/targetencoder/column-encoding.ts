/**
 * One column's target encoding, computed once at load for every level (TargetEncoderMojoModel):
 * posterior = numerator / denominator; with blending, λ = 1 / (1 + exp((k - n) / f)) where n is
 * the denominator truncated to an integer, k the inflection point and f the smoothing, and the
 * value is λ·posterior + (1 - λ)·prior. The prior is Σ numerators / Σ denominators over all
 * levels (NA level included). Classification encodes classes 1..n-1 (class 0 is implied);
 * regression and binary one value. A missing value takes the NA level's encoding (the last
 * level) when training saw NAs in the column, otherwise the prior.
 */
import { MojoFormatError } from '../../errors.ts';
import type { RawEncoding } from './files.ts';
import { javaHashMapOrder } from './java-hash.ts';

export interface Blending {
  inflectionPoint: number;
  smoothing: number;
}

export interface ColumnEncoding {
  /** Values written per row. */
  readonly width: number;
  /** values[level * width + t], for levels with `known[level] === 1`. */
  readonly values: Float64Array;
  readonly known: Uint8Array;
  /** The encoding of a missing value, or null when the reference fails on one (`naProblem`). */
  readonly na: Float64Array | null;
  readonly naProblem: string;
}

function encode(num: number, den: number, prior: number, blending: Blending | null): number {
  const posterior = num / den;
  if (blending === null) return posterior;
  const n = Math.trunc(den); // Java (long) cast; denominators are row counts
  const lambda = 1.0 / (1 + Math.exp((blending.inflectionPoint - n) / blending.smoothing));
  return lambda * posterior + (1 - lambda) * prior;
}

/**
 * Compiles one column. `hasNAs` is the column's flag from the NA-presence file (undefined when
 * the file does not list it: the reference then fails on missing values).
 */
export function compileEncoding(
  raw: RawEncoding,
  nclasses: number,
  blending: Blending | null,
  hasNAs: boolean | undefined,
  origin: string,
): ColumnEncoding {
  const multi = nclasses > 2;
  const width = multi ? nclasses - 1 : 1;
  // level → [num, den] per encoded class (index t = class - 1 for multiclass, 0 otherwise).
  const levels = new Map<number, (Float64Array | null)[]>();
  for (const { level, values } of raw.entries) {
    if (values.length < (multi ? 3 : 2))
      throw new MojoFormatError(`${origin}: level ${level} of '${raw.column}' has ${values.length} value(s)`);
    let slots = levels.get(level);
    if (slots === undefined) {
      slots = new Array<Float64Array | null>(width).fill(null);
      levels.set(level, slots);
    }
    if (!multi) slots[0] = Float64Array.of(values[0], values[1]);
    else {
      const cls = Math.trunc(values[values.length - 1]);
      if (cls >= 1 && cls < nclasses) slots[cls - 1] = Float64Array.of(values[0], values[1]);
    }
  }
  const keys = [...levels.keys()];
  for (const k of keys) if (k < 0 || k > 1 << 24) throw new MojoFormatError(`${origin}: level ${k} of '${raw.column}' is out of range`);
  const order = javaHashMapOrder(keys);
  const priors = new Float64Array(width);
  for (let t = 0; t < width; t++) {
    let num = 0;
    let den = 0;
    for (const i of order) {
      const nd = levels.get(keys[i])![t];
      if (nd === null) throw new MojoFormatError(`${origin}: level ${keys[i]} of '${raw.column}' has no entry for class ${t + 1}`);
      num += nd[0];
      den += nd[1];
    }
    priors[t] = num / den;
  }
  const size = keys.length === 0 ? 0 : Math.max(...keys) + 1;
  const values = new Float64Array(size * width);
  const known = new Uint8Array(size);
  for (const [level, slots] of levels) {
    known[level] = 1;
    for (let t = 0; t < width; t++) {
      const nd = slots[t]!;
      values[level * width + t] = encode(nd[0], nd[1], priors[t], blending);
    }
  }
  let na: Float64Array | null = null;
  let naProblem = '';
  if (hasNAs === undefined) naProblem = `target encoder: no missing-value flag for column '${raw.column}'`;
  else if (!hasNAs) na = priors;
  else {
    const naLevel = levels.size - 1; // the reference keeps the NA level last
    if (naLevel < size && known[naLevel] === 1) na = values.slice(naLevel * width, naLevel * width + width);
    else naProblem = `target encoder: column '${raw.column}' has no NA level (${naLevel}) in its encoding map`;
  }
  return { width, values, known, na, naProblem };
}
