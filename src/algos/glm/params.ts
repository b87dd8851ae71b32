/**
 * Reads the GLM section of model.ini (h2o-genmodel GlmMojoReader): `use_all_factor_levels`,
 * `cats`, `cat_modes`, `cat_offsets`, `nums`, `num_means`, `mean_imputation`, `beta`, `family`,
 * and for the single-output families `link` and `tweedie_link_power`.
 */
import { MojoFormatError } from '../../errors.ts';
import type { MojoHeader } from '../../mojo/index.ts';
import { type Link, makeImputation, parseLink, type Imputation } from '../common/index.ts';

export interface GlmParams {
  readonly origin: string;
  readonly family: string;
  readonly useAllFactorLevels: boolean;
  readonly cats: number;
  readonly catOffsets: number[];
  readonly nums: number;
  readonly beta: Float64Array;
  /** Null when `mean_imputation` is off: missing values then flow into the dot product. */
  readonly imputation: Imputation | null;
  /** Single-output families: `link` (null for multinomial and ordinal, which have none). */
  readonly link: Link | null;
  /** `tweedie_link_power` (0 when absent). */
  readonly tweediePower: number;
}

export function readGlmParams(h: MojoHeader, origin: string): GlmParams {
  const info = h.info;
  const beta = info.nums('beta');
  if (beta === undefined || beta.length === 0) throw new MojoFormatError(`${origin}: GLM has no 'beta'`);
  const family = info.str('family');
  if (family === undefined) throw new MojoFormatError(`${origin}: GLM has no 'family'`);
  const cats = info.int('cats', -1);
  const nums = info.int('nums', -1);
  const catOffsets = info.nums('cat_offsets') ?? [];
  const meanImputation = info.bool('mean_imputation', false);
  const imputation = meanImputation
    ? makeImputation(cats, info.nums('cat_modes') ?? [], nums, info.nums('num_means') ?? [], h.nfeatures, origin)
    : null;
  const single = family !== 'multinomial' && family !== 'ordinal';
  return {
    origin,
    family,
    useAllFactorLevels: info.bool('use_all_factor_levels', false),
    cats,
    catOffsets,
    nums,
    beta: Float64Array.from(beta),
    imputation,
    link: single ? parseLink(info.str('link'), origin) : null,
    tweediePower: single ? info.num('tweedie_link_power', 0) : 0,
  };
}

/** Message for models whose coefficients reach past the feature row (the reference fails every row). */
export function tooManyTermsMessage(origin: string, used: number, nfeatures: number): string {
  return (
    `${origin}: the GLM coefficients reference ${used} input columns but the model has ${nfeatures} features ` +
    `(h2o-genmodel fails every row of such a MOJO, e.g. one trained with interaction columns)`
  );
}
