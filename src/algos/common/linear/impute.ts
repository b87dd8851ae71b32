/**
 * Mean/mode imputation of missing values, as GLM (`mean_imputation`, `cat_modes`, `num_means`)
 * and GAM (`catNAFills`, `numNAFillsCenter`) encode it. The reference overwrites the caller's
 * row; we fill a model-owned scratch row instead so the caller's input is left untouched.
 */
import { MojoFormatError } from '../../../errors.ts';

export interface Imputation {
  readonly cats: number;
  readonly catFills: Float64Array;
  readonly nums: number;
  readonly numFills: Float64Array;
}

/** Validates the fill arrays against the row width. */
export function makeImputation(
  cats: number,
  catFills: readonly number[],
  nums: number,
  numFills: readonly number[],
  width: number,
  origin: string,
): Imputation {
  if (catFills.length < cats)
    throw new MojoFormatError(`${origin}: ${catFills.length} categorical fill values for ${cats} categorical columns`);
  if (numFills.length < nums) throw new MojoFormatError(`${origin}: ${numFills.length} numeric fill values for ${nums} numeric columns`);
  if (cats + nums > width) throw new MojoFormatError(`${origin}: imputation covers ${cats + nums} columns but the row has ${width}`);
  return { cats, catFills: Float64Array.from(catFills.slice(0, cats)), nums, numFills: Float64Array.from(numFills.slice(0, nums)) };
}

/** Copies `raw` into `dst` (same length) replacing NaN with the fill values; returns `dst`. */
export function imputeInto(imp: Imputation, raw: Float64Array, dst: Float64Array): Float64Array {
  const n = dst.length;
  for (let i = 0; i < n; i++) dst[i] = raw[i];
  const cats = imp.cats;
  const cf = imp.catFills;
  for (let i = 0; i < cats; i++) if (dst[i] !== dst[i]) dst[i] = cf[i];
  const nums = imp.nums;
  const nf = imp.numFills;
  for (let j = 0; j < nums; j++) if (dst[cats + j] !== dst[cats + j]) dst[cats + j] = nf[j];
  return dst;
}
