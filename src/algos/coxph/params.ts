/**
 * Reads a CoxPH MOJO (h2o-genmodel CoxPHMojoReader): `coef`, `cats`, `cat_offsets`,
 * `use_all_factor_levels`, strata (`strata_count`, `strata_<i>`), the per-stratum column means
 * `x_mean_cat`/`x_mean_num` (big-endian double matrices sized by `<name>_size1/_size2`), and
 * from 3.42 on `num_numerical_columns`, `num_offsets` and the interaction columns.
 */
import { MojoFormatError } from '../../errors.ts';
import { readDoubleMatrix, type MojoHeader, type MojoSource } from '../../mojo/index.ts';
import { isInt32 } from '../common/index.ts';

export interface CoxPHParams {
  readonly origin: string;
  readonly coef: Float64Array;
  readonly cats: number;
  readonly catOffsets: Int32Array;
  readonly useAllFactorLevels: boolean;
  /** -1 in MOJOs older than `num_numerical_columns`. */
  readonly nums: number;
  readonly numOffsets: Int32Array | null;
  /** Strata keys, `strataLen` ints each, in file order; `strataKeyLen[i]` is each key's own length. */
  readonly strataKeys: Int32Array;
  readonly strataKeyLen: Int32Array;
  readonly strataLen: number;
  readonly xMeanCat: Float64Array[];
  readonly xMeanNum: Float64Array[];
  readonly interactionTargets: Int32Array | null;
  readonly interactions1: Int32Array | null;
  readonly interactions2: Int32Array | null;
}

export function intArray(h: MojoHeader, key: string, origin: string): Int32Array | null {
  const v = h.info.nums(key);
  if (v === undefined) return null;
  for (const x of v) if (!isInt32(x)) throw new MojoFormatError(`${origin}: ${key} must hold integers`);
  return Int32Array.from(v);
}

function matrix(src: MojoSource, h: MojoHeader, name: string, origin: string): Float64Array[] {
  const rows = h.info.int(`${name}_size1`);
  const cols = h.info.int(`${name}_size2`);
  if (rows < 0 || cols < 0) throw new MojoFormatError(`${origin}: negative size for ${name}`);
  return readDoubleMatrix(src.bytes(name), rows, cols, `${src.origin}: ${name}`);
}

export function readCoxPHParams(src: MojoSource, h: MojoHeader): CoxPHParams {
  const origin = `${src.origin}: model.ini`;
  const info = h.info;
  const coefRaw = info.nums('coef');
  if (coefRaw === undefined) throw new MojoFormatError(`${origin}: CoxPH has no 'coef'`);
  const cats = info.int('cats');
  const catOffsets = intArray(h, 'cat_offsets', origin);
  if (catOffsets === null) throw new MojoFormatError(`${origin}: CoxPH has no 'cat_offsets'`);
  if (cats < 0 || catOffsets.length < cats + 1)
    throw new MojoFormatError(`${origin}: cat_offsets has ${catOffsets.length} entries for ${cats} categorical columns`);
  const strataCount = info.int('strata_count');
  if (strataCount < 0) throw new MojoFormatError(`${origin}: negative strata_count`);
  const keys: number[][] = [];
  for (let i = 0; i < strataCount; i++) {
    const k = info.nums(`strata_${i}`);
    if (k === undefined) throw new MojoFormatError(`${origin}: strata_${i} is missing`);
    keys.push(k);
  }
  const strataLen = strataCount === 0 ? 0 : keys[0].length;
  const strataKeys = new Int32Array(strataCount * strataLen);
  const strataKeyLen = new Int32Array(strataCount);
  keys.forEach((k, i) => {
    strataKeyLen[i] = k.length;
    // Keys compare by their int-cast values; only keys as long as strata_0 can ever match.
    if (k.length === strataLen) for (let j = 0; j < strataLen; j++) strataKeys[i * strataLen + j] = Math.trunc(k[j]);
  });
  const interactionTargets = intArray(h, 'interaction_targets', origin);
  return {
    origin,
    coef: Float64Array.from(coefRaw),
    cats,
    catOffsets,
    useAllFactorLevels: info.bool('use_all_factor_levels'),
    nums: info.int('num_numerical_columns', -1),
    numOffsets: intArray(h, 'num_offsets', origin),
    strataKeys,
    strataKeyLen,
    strataLen,
    xMeanCat: matrix(src, h, 'x_mean_cat', origin),
    xMeanNum: matrix(src, h, 'x_mean_num', origin),
    interactionTargets,
    interactions1: interactionTargets === null ? null : intArray(h, 'interactions_1', origin),
    interactions2: interactionTargets === null ? null : intArray(h, 'interactions_2', origin),
  };
}
