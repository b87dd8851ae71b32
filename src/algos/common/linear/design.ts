/**
 * The design-matrix row every h2o linear model (GLM, GAM, RuleFit's GLM, the ensemble
 * metalearner) scores: categoricals one-hot encoded at `catOffsets` (level 0 dropped unless
 * `use_all_factor_levels`), then a dense numeric block, then the intercept. `eta` fuses the
 * encoding with the dot product, so no expanded row is ever built.
 */
import { MojoFormatError, RowError } from '../../../errors.ts';
import { javaInt } from '../java-int.ts';
import type { Imputation } from './impute.ts';

export interface LinearLayout {
  /** Number of leading categorical columns in the raw row. */
  readonly cats: number;
  /** `cats + 1` offsets of each categorical's block of coefficients. */
  readonly catOffsets: Int32Array;
  readonly useAllFactorLevels: boolean;
  /** Number of numeric raw columns (raw[cats .. cats+nums)) that carry a coefficient. */
  readonly nums: number;
  /**
   * What a missing (NaN) value of each of the `cats + nums` columns counts as: the model's mean
   * imputation, or NaN where it has none. Filling while summing spares copying every row.
   */
  readonly fills: Float64Array;
}

/** How a categorical value that is not a whole level index (e.g. NaN) is treated. */
export const enum BadLevel {
  /** GLM: the reference throws "categorical value out of range". */
  Throw = 0,
  /** GAM: Java's int cast (NaN → level 0) is used silently. */
  Truncate = 1,
}

/**
 * Validates and builds a layout; `catOffsets` must be non-decreasing and fit `perClass - 1` betas.
 * `imputation` (its `cats` equal to `cats`) fills missing values; columns it does not cover stay NaN.
 */
export function makeLayout(
  cats: number,
  catOffsets: readonly number[],
  useAllFactorLevels: boolean,
  nums: number,
  origin: string,
  imputation: Imputation | null = null,
): LinearLayout {
  if (!Number.isInteger(cats) || cats < 0) throw new MojoFormatError(`${origin}: bad 'cats' ${cats}`);
  if (catOffsets.length !== cats + 1) {
    throw new MojoFormatError(`${origin}: cat_offsets has ${catOffsets.length} entries, expected cats + 1 = ${cats + 1}`);
  }
  const off = Int32Array.from(catOffsets);
  if (off[0] < 0) throw new MojoFormatError(`${origin}: cat_offsets must start at 0 or above`);
  for (let i = 0; i < cats; i++) {
    if (!(off[i + 1] >= off[i])) throw new MojoFormatError(`${origin}: cat_offsets must be non-decreasing`);
  }
  if (!Number.isInteger(nums) || nums < 0) throw new MojoFormatError(`${origin}: bad numeric column count ${nums}`);
  const fills = new Float64Array(cats + nums).fill(NaN);
  if (imputation !== null) {
    if (imputation.cats !== cats)
      throw new MojoFormatError(`${origin}: imputation has ${imputation.cats} categorical columns, the layout ${cats}`);
    fills.set(imputation.catFills);
    fills.set(imputation.numFills.subarray(0, Math.min(nums, imputation.nums)), cats);
  }
  return { cats, catOffsets: off, useAllFactorLevels, nums, fills };
}

const OUT_OF_RANGE = 'categorical value out of range';

/**
 * beta[base + …]·x + beta[intercept] for one raw row. Coefficients of categorical column i,
 * level l live at base + catOffsets[i] + l (l - 1 when level 0 is dropped); numeric column j at
 * base + catOffsets[cats] + j. Terms are summed in the reference order (categoricals, numerics,
 * intercept) so results agree to the last bit.
 */
/** Throws the reference's error for a categorical value that is not a level (`notLevel`), else for a negative beta index. */
export function throwBadLevel(notLevel: boolean, index: number, length: number): never {
  throw notLevel ? new RowError(OUT_OF_RANGE) : negativeIndex(index, length);
}

function negativeIndex(index: number, length: number): RowError {
  return new RowError(`java.lang.ArrayIndexOutOfBoundsException: Index ${index} out of bounds for length ${length}`);
}

export function eta(L: LinearLayout, beta: Float64Array, base: number, intercept: number, raw: Float64Array, bad: BadLevel): number {
  let e = catEta(L, beta, base, raw, bad);
  const cats = L.cats;
  const nb = base + L.catOffsets[cats];
  const end = cats + L.nums;
  const fills = L.fills;
  for (let j = cats; j < end; j++) {
    let x = raw[j];
    if (x !== x) x = fills[j];
    e += beta[nb - cats + j] * x;
  }
  return e + beta[intercept];
}

/**
 * `eta` of `count` consecutive class blocks of P coefficients (class c: base c·P, intercept
 * c·P + P - 1) into out[1 … count]. Each class's terms are added in `eta`'s order, so every
 * result is bit-identical to it; the classes are merely interleaved four at a time so the four
 * independent sums overlap instead of waiting on one add chain. Class 0's categorical part runs
 * first, so a row `eta` rejects fails with the same error.
 */
export function etaBlocks(
  L: LinearLayout,
  beta: Float64Array,
  P: number,
  count: number,
  raw: Float64Array,
  bad: BadLevel,
  out: Float64Array,
): void {
  const cats = L.cats;
  const start = L.catOffsets[cats];
  const n = L.nums;
  let c = 0;
  for (; c + 4 <= count; c += 4) {
    const b0 = c * P;
    const b1 = b0 + P;
    const b2 = b1 + P;
    const b3 = b2 + P;
    let e0 = catEta(L, beta, b0, raw, bad);
    let e1 = catEta(L, beta, b1, raw, bad);
    let e2 = catEta(L, beta, b2, raw, bad);
    let e3 = catEta(L, beta, b3, raw, bad);
    const n0 = b0 + start - cats;
    const n1 = b1 + start - cats;
    const n2 = b2 + start - cats;
    const n3 = b3 + start - cats;
    const end = cats + n;
    const fills = L.fills;
    for (let j = cats; j < end; j++) {
      let x = raw[j];
      if (x !== x) x = fills[j];
      e0 += beta[n0 + j] * x;
      e1 += beta[n1 + j] * x;
      e2 += beta[n2 + j] * x;
      e3 += beta[n3 + j] * x;
    }
    out[c + 1] = e0 + beta[b0 + P - 1];
    out[c + 2] = e1 + beta[b1 + P - 1];
    out[c + 3] = e2 + beta[b2 + P - 1];
    out[c + 4] = e3 + beta[b3 + P - 1];
  }
  for (; c < count; c++) out[c + 1] = eta(L, beta, c * P, c * P + P - 1, raw, bad);
}

/** The categorical part of `eta` (the running sum before the numeric terms). */
function catEta(L: LinearLayout, beta: Float64Array, base: number, raw: Float64Array, bad: BadLevel): number {
  const off = L.catOffsets;
  const cats = L.cats;
  const fills = L.fills;
  let e = 0.0;
  if (L.useAllFactorLevels) {
    for (let i = 0; i < cats; i++) {
      let v = raw[i];
      if (v !== v) v = fills[i];
      const lvl = javaInt(v);
      if (lvl !== v && bad === BadLevel.Throw) throw new RowError(OUT_OF_RANGE);
      const k = lvl + off[i];
      // Java indexes beta directly: a negative index is its ArrayIndexOutOfBoundsException.
      if (bad === BadLevel.Throw && base + k < 0) throw negativeIndex(base + k, beta.length);
      if (k < off[i + 1] && (bad === BadLevel.Throw || lvl >= 0)) e += beta[base + k];
    }
  } else {
    for (let i = 0; i < cats; i++) {
      let v = raw[i];
      if (v !== v) v = fills[i];
      if (bad === BadLevel.Throw) {
        if (v === 0) continue;
        const lvl = javaInt(v) - 1;
        if (lvl !== v - 1) throw new RowError(OUT_OF_RANGE);
        const k = lvl + off[i];
        if (base + k < 0) throw negativeIndex(base + k, beta.length);
        if (k < off[i + 1]) e += beta[base + k];
      } else {
        const lvl = javaInt(v) - 1;
        if (lvl < 0) continue;
        const k = lvl + off[i];
        if (k < off[i + 1]) e += beta[base + k];
      }
    }
  }
  return e;
}
