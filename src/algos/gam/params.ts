/**
 * Reads the GAM section of model.ini (h2o-genmodel GamMojoReader): the GLM-like coefficient
 * block (`cats`, `cat_offsets`, `beta_center` or the `beta_multinomial_centering` blob, family,
 * link, imputation fills) and the spline bookkeeping (`bs_sorted`, `num_knots_sorted`, `_d`,
 * spline orders, thin-plate `_m`/`_M`). Keys the reference unboxes into primitives are required.
 */
import { MojoFormatError } from '../../errors.ts';
import type { MojoHeader, MojoSource } from '../../mojo/index.ts';
import {
  defaultLinkFunction,
  type Imputation,
  isDistributionFamily,
  isLinkFunctionType,
  type Link,
  makeImputation,
  parseLink,
} from '../common/index.ts';

/** Links of ordinal regression: a single-output GAM naming one fails every row, as in the reference. */
const ORDINAL_LINKS: ReadonlySet<string> = new Set(['ologit', 'ologlog', 'oprobit']);

export const enum SplineType {
  Cubic = 0,
  ThinPlate = 1,
  ISpline = 2,
  MSpline = 3,
}

export interface GamParams {
  readonly origin: string;
  readonly family: string;
  /** Link name (resolved to the family default when absent); null for multinomial. */
  readonly link: string | null;
  /**
   * Single-output families: the link as the evaluator applies it; null for multinomial and
   * ordinal families, and for an ordinal link (which the reference refuses for every row).
   */
  readonly singleLink: Link | null;
  readonly tweediePower: number;
  readonly useAllFactorLevels: boolean;
  readonly cats: number;
  readonly catOffsets: number[];
  /** Centred coefficients: one block, or nclasses blocks of `perClass` for multinomial/ordinal. */
  readonly beta: Float64Array;
  readonly perClass: number;
  readonly imputation: Imputation | null;
  /** Per gam column in sorted order: spline type, knot count, predictor count. */
  readonly bs: number[];
  readonly numKnots: number[];
  /** Source-name counts per gam column, as given (`gam_column_dim`) and sorted. */
  readonly colDim: number[];
  readonly sortedDim: number[];
  readonly predSize: number[];
  readonly numCS: number;
  readonly numTP: number;
  readonly numIS: number;
  readonly numMS: number;
  /** Spline orders per sorted column (empty without I-/M-spline columns). */
  readonly splineOrders: number[];
  /** Start of the expanded block in the feature row. */
  readonly gamStart: number;
  readonly totFeatureSize: number;
  readonly gamColNameDims: number[];
  /** Thin plate only (indexed by thin-plate column). */
  readonly tp: { standardize: boolean; numKnotsTP: number[]; m: number[]; M: number[] } | null;
}

function ints(h: MojoHeader, key: string, origin: string, required: boolean): number[] | undefined {
  const a = h.info.nums(key);
  if (a === undefined) {
    if (required) throw new MojoFormatError(`${origin}: GAM needs '${key}'`);
    return undefined;
  }
  for (const v of a) if (!Number.isInteger(v)) throw new MojoFormatError(`${origin}: '${key}' must hold integers`);
  return a;
}

function reqInts(h: MojoHeader, key: string, origin: string, min: number): number[] {
  const a = ints(h, key, origin, true)!;
  if (a.length < min) throw new MojoFormatError(`${origin}: '${key}' has ${a.length} entries, expected at least ${min}`);
  return a;
}

/** Big-endian `rows × cols` doubles, flattened (readRectangularDoubleArray). */
function rectangular(src: MojoSource, name: string, rows: number, cols: number, origin: string): Float64Array {
  const bytes = src.bytes(name);
  if (bytes.length < rows * cols * 8) throw new MojoFormatError(`${origin}: ${name} holds fewer than ${rows}x${cols} doubles`);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < out.length; i++) out[i] = v.getFloat64(i * 8, false);
  return out;
}

export function readGamParams(h: MojoHeader, src: MojoSource, origin: string): GamParams {
  const info = h.info;
  const family = info.str('family');
  if (!isDistributionFamily(family)) throw new MojoFormatError(`${origin}: unknown GAM family '${family}'`);
  const multi = family === 'multinomial' || family === 'ordinal';
  let link: string | null = null;
  if (family !== 'multinomial') {
    link = info.str('link') ?? defaultLinkFunction(family);
    if (!isLinkFunctionType(link)) throw new MojoFormatError(`${origin}: unknown link function '${link}'`);
  }
  const cats = info.int('cats', -1);
  if (cats < 0) throw new MojoFormatError(`${origin}: GAM needs 'cats'`);
  info.int('num');
  const numsCenter = info.int('numsCenter');
  const catOffsets = ints(h, 'cat_offsets', origin, false) ?? [];
  const meanImputation = info.bool('mean_imputation', false);
  const imputation = meanImputation
    ? makeImputation(
        cats,
        ints(h, 'catNAFills', origin, false) ?? [],
        Math.max(0, numsCenter),
        info.nums('numNAFillsCenter') ?? [],
        h.nfeatures,
        origin,
      )
    : null;

  let beta: Float64Array;
  let perClass: number;
  if (multi) {
    const k = h.nclasses;
    if (!(k >= 2)) throw new MojoFormatError(`${origin}: ${family} GAM needs n_classes >= 2`);
    const noCenter = info.int('beta length per class', 0);
    perClass = info.int('beta center length per class', 0);
    if (noCenter < 0 || perClass < 1) throw new MojoFormatError(`${origin}: bad GAM coefficient block sizes`);
    rectangular(src, 'beta_multinomial', k, noCenter, origin);
    beta = rectangular(src, 'beta_multinomial_centering', k, perClass, origin);
  } else {
    const b = info.nums('beta_center');
    if (b === undefined || b.length === 0) throw new MojoFormatError(`${origin}: GAM has no 'beta_center'`);
    beta = Float64Array.from(b);
    perClass = beta.length;
  }

  const numTP = info.int('num_TP_col');
  const numCS = info.int('num_CS_col');
  const numIS = info.int('num_IS_col');
  const numMS = info.int('num_MS_col');
  const colDim = reqInts(h, 'gam_column_dim', origin, 1);
  const nGam = colDim.length;
  if ([numTP, numCS, numIS, numMS].some((n) => n < 0) || numTP + numCS + numIS + numMS !== nGam) {
    throw new MojoFormatError(`${origin}: spline column counts do not add up to the ${nGam} gam columns`);
  }
  const numKnots = reqInts(h, 'num_knots_sorted', origin, nGam).slice(0, nGam);
  const bs = reqInts(h, 'bs_sorted', origin, nGam).slice(0, nGam);
  const predSize = reqInts(h, '_d', origin, nGam);
  const sortedDim = reqInts(h, 'gam_column_dim_sorted', origin, nGam);
  // Sorted order is cubic, I-spline, M-spline, thin plate: the reference indexes by that grouping.
  const expected = [
    ...new Array<number>(numCS).fill(SplineType.Cubic),
    ...new Array<number>(numIS).fill(SplineType.ISpline),
    ...new Array<number>(numMS).fill(SplineType.MSpline),
    ...new Array<number>(numTP).fill(SplineType.ThinPlate),
  ];
  for (let c = 0; c < nGam; c++) {
    if (bs[c] !== expected[c]) throw new MojoFormatError(`${origin}: bs_sorted is not grouped as cubic, I-spline, M-spline, thin plate`);
    if (numKnots[c] < (bs[c] === SplineType.Cubic ? 3 : 2)) throw new MojoFormatError(`${origin}: gam column ${c} has too few knots`);
    if (predSize[c] < 1 || (bs[c] !== SplineType.ThinPlate && predSize[c] !== 1))
      throw new MojoFormatError(`${origin}: bad predictor count for gam column ${c}`);
  }
  let splineOrders: number[] = [];
  if (numIS > 0 || numMS > 0) {
    splineOrders = reqInts(h, 'spline_orders_sorted', origin, nGam);
    for (let c = numCS; c < numCS + numIS + numMS; c++) {
      if (splineOrders[c] < 1) throw new MojoFormatError(`${origin}: spline order of gam column ${c} must be at least 1`);
    }
  }
  let tp: GamParams['tp'] = null;
  if (numTP > 0) {
    const standardize = info.bool('standardize', false);
    if (!info.has('standardize')) throw new MojoFormatError(`${origin}: GAM needs 'standardize'`);
    const numKnotsTP = reqInts(h, 'num_knots_TP', origin, numTP);
    const m = reqInts(h, '_m', origin, numTP);
    const M = reqInts(h, '_M', origin, numTP);
    if (numCS + numTP > predSize.length) throw new MojoFormatError(`${origin}: '_d' is too short for the thin plate columns`);
    tp = { standardize, numKnotsTP, m, M };
  }
  const totFeatureSize = info.int('total feature size');
  const gamColNameDims = reqInts(h, 'gamColName_dim', origin, 0);
  const gamStart = h.nfeatures - info.int('num_expanded_gam_columns_center', 0);
  if (gamStart < 0 || gamStart > h.nfeatures) throw new MojoFormatError(`${origin}: more expanded gam columns than features`);
  return {
    origin,
    family,
    link,
    singleLink: multi || link === null || ORDINAL_LINKS.has(link) ? null : parseLink(link, origin),
    tweediePower: info.num('tweedie_link_power', 0),
    useAllFactorLevels: info.bool('use_all_factor_levels', false),
    cats,
    catOffsets,
    beta,
    perClass,
    imputation,
    bs,
    numKnots,
    colDim,
    sortedDim,
    predSize,
    numCS,
    numTP,
    numIS,
    numMS,
    splineOrders,
    gamStart,
    totFeatureSize,
    gamColNameDims,
    tp,
  };
}
