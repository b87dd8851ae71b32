/**
 * k-LIME reason codes: the per-column terms of a GLM's linear predictor, as h2o-genmodel's
 * GlmMojoModel.applyCoefficients computes them (read from the nested GLM's model.ini keys
 * `use_all_factor_levels`, `cats`, `cat_offsets`, `beta`, `mean_imputation`, `cat_modes`,
 * `num_means`). Categorical column i contributes the coefficient of its level; numeric
 * column j contributes beta_j · x_j. Missing values are first filled as the GLM fills them.
 */
import { MojoFormatError } from '../../errors.ts';
import type { MojoHeader } from '../../mojo/index.ts';
import { type Imputation, imputeInto, javaInt, makeImputation } from '../common/index.ts';

export class GlmTerms {
  private readonly useAll: boolean;
  private readonly cats: number;
  private readonly catOffsets: Int32Array;
  private readonly beta: Float64Array;
  /** Numeric terms: raw columns cats .. lastNumeric. */
  private readonly lastNumeric: number;
  private readonly noff: number;
  private readonly imputation: Imputation | null;
  private readonly filled: Float64Array;
  /** Number of output slots written (one per categorical and numeric term). */
  readonly width: number;

  constructor(h: MojoHeader, origin: string) {
    const info = h.info;
    const beta = info.nums('beta');
    if (beta === undefined || beta.length === 0) throw new MojoFormatError(`${origin}: GLM has no 'beta'`);
    const cats = info.int('cats', 0);
    const offs = info.nums('cat_offsets') ?? [0];
    if (cats < 0 || offs.length !== cats + 1)
      throw new MojoFormatError(`${origin}: cat_offsets has ${offs.length} entries for ${cats} categorical columns`);
    for (let i = 0; i < cats; i++) {
      if (!(offs[i] >= 0 && offs[i + 1] >= offs[i] && Number.isInteger(offs[i + 1])))
        throw new MojoFormatError(`${origin}: cat_offsets is not non-decreasing`);
    }
    if (offs[cats] > beta.length - 1) throw new MojoFormatError(`${origin}: cat_offsets reach past the coefficients`);
    this.useAll = info.bool('use_all_factor_levels', false);
    this.cats = cats;
    this.catOffsets = Int32Array.from(offs);
    this.beta = Float64Array.from(beta);
    this.noff = offs[cats] - cats;
    this.lastNumeric = beta.length - 1 - this.noff; // exclusive
    this.width = this.lastNumeric;
    if (this.width > h.nfeatures)
      throw new MojoFormatError(`${origin}: GLM coefficients cover ${this.width} columns, the model has ${h.nfeatures}`);
    this.imputation = info.bool('mean_imputation', false)
      ? makeImputation(cats, info.nums('cat_modes') ?? [], info.int('nums', 0), info.nums('num_means') ?? [], h.nfeatures, origin)
      : null;
    this.filled = new Float64Array(h.nfeatures);
  }

  /** Writes the terms of `row` (the GLM's raw row) to out[dest …]; untouched slots keep their value. */
  apply(row: Float64Array, out: Float64Array, dest: number): void {
    const x = this.imputation === null ? row : imputeInto(this.imputation, row, this.filled);
    const off = this.catOffsets;
    const beta = this.beta;
    // The reference shifts dropped-first-level models by +1 here (not -1 as in scoring); kept as is.
    const shift = this.useAll ? 0 : 1;
    for (let i = 0; i < this.cats; i++) {
      let k = javaInt(x[i]) + shift;
      if (k < 0) continue;
      k += off[i];
      if (k < off[i + 1]) out[dest + i] = beta[k];
    }
    let p = dest + this.cats;
    for (let i = this.cats; i < this.lastNumeric; i++) out[p++] = beta[this.noff + i] * x[i];
  }
}
