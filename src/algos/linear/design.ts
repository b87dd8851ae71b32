/**
 * The design-matrix row every h2o linear model (GLM, GAM, RuleFit's GLM, the ensemble
 * metalearner) scores: categoricals one-hot encoded at `catOffsets` (level 0 dropped unless
 * `use_all_factor_levels`), then a dense numeric block, then the intercept. `eta` fuses the
 * encoding with the dot product, so no expanded row is ever built.
 */
import { MojoFormatError, RowError } from '../../errors.ts';
import { javaInt } from './javaint.ts';

export interface LinearLayout {
  /** Number of leading categorical columns in the raw row. */
  readonly cats: number;
  /** `cats + 1` offsets of each categorical's block of coefficients. */
  readonly catOffsets: Int32Array;
  readonly useAllFactorLevels: boolean;
  /** Number of numeric raw columns (raw[cats .. cats+nums)) that carry a coefficient. */
  readonly nums: number;
}

/** How a categorical value that is not a whole level index (e.g. NaN) is treated. */
export const enum BadLevel {
  /** GLM: the reference throws "categorical value out of range". */
  Throw = 0,
  /** GAM: Java's int cast (NaN → level 0) is used silently. */
  Truncate = 1,
}

/** Validates and builds a layout; `catOffsets` must be non-decreasing and fit `perClass - 1` betas. */
export function makeLayout(
  cats: number,
  catOffsets: readonly number[],
  useAllFactorLevels: boolean,
  nums: number,
  origin: string,
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
  return { cats, catOffsets: off, useAllFactorLevels, nums };
}

const OUT_OF_RANGE = 'categorical value out of range';

/**
 * beta[base + …]·x + beta[intercept] for one raw row. Coefficients of categorical column i,
 * level l live at base + catOffsets[i] + l (l - 1 when level 0 is dropped); numeric column j at
 * base + catOffsets[cats] + j. Terms are summed in the reference order (categoricals, numerics,
 * intercept) so results agree to the last bit.
 */
function negativeIndex(index: number, length: number): RowError {
  return new RowError(`java.lang.ArrayIndexOutOfBoundsException: Index ${index} out of bounds for length ${length}`);
}

export function eta(
  L: LinearLayout,
  beta: Float64Array,
  base: number,
  intercept: number,
  raw: Float64Array,
  bad: BadLevel,
): number {
  const off = L.catOffsets;
  const cats = L.cats;
  let e = 0.0;
  if (L.useAllFactorLevels) {
    for (let i = 0; i < cats; i++) {
      const v = raw[i];
      const lvl = javaInt(v);
      if (lvl !== v && bad === BadLevel.Throw) throw new RowError(OUT_OF_RANGE);
      const k = lvl + off[i];
      // Java indexes beta directly: a negative index is its ArrayIndexOutOfBoundsException.
      if (bad === BadLevel.Throw && base + k < 0) throw negativeIndex(base + k, beta.length);
      if (k < off[i + 1] && (bad === BadLevel.Throw || lvl >= 0)) e += beta[base + k];
    }
  } else {
    for (let i = 0; i < cats; i++) {
      const v = raw[i];
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
  const nb = base + off[cats];
  const n = L.nums;
  for (let j = 0; j < n; j++) e += beta[nb + j] * raw[cats + j];
  return e + beta[intercept];
}
