/**
 * Decodes the spline blobs of a GAM MOJO and lays out its row expansion: one term per gam
 * column (sorted order), each writing at the slot the reference writes it — the start of the
 * expanded block plus the (knots − 1) of every earlier column, whatever their true widths.
 * Shapes that make the reference fail when a term is computed become that term's `fault`.
 */
import { MojoFormatError } from '../../errors.ts';
import type { MojoHeader, MojoSource } from '../../mojo/index.ts';
import type { InputColumn } from '../model.ts';
import { featureInputs } from '../common/index.ts';
import { checkStringList, read2DStrings, read3DDoubles, read3DInts, type Mat } from './arrays.ts';
import { ISplineTerm, MSplineTerm } from './bsplines.ts';
import { CubicTerm } from './cubic.ts';
import { SplineType, type GamParams } from './params.ts';
import { fitsProjection, type GamTerm } from './term.ts';
import { ThinPlateTerm } from './thinplate.ts';

export interface GamLayout {
  /** Features, then every gam source column that is not a feature. */
  readonly inputs: InputColumn[];
  readonly terms: GamTerm[];
}

export function buildLayout(h: MojoHeader, src: MojoSource, p: GamParams): GamLayout {
  const origin = p.origin;
  const nGam = p.bs.length;
  read2DStrings(src, 'gam_columns', p.colDim, origin);
  const names = read2DStrings(src, 'gam_columns_sorted', p.sortedDim.slice(0, nGam), origin);
  for (const group of names) {
    if (group.length === 0 || group.some((n) => n === null)) throw new MojoFormatError(`${origin}: gam_columns_sorted lacks a column name`);
  }
  checkStringList(src, '_names_no_centering', p.totFeatureSize, origin);
  read2DStrings(src, 'gamColNames', p.gamColNameDims, origin);

  const tp = p.tp;
  let zCS: Mat[] = [];
  let poly: Int32Array[] = [];
  const predNum: number[] = [];
  if (tp !== null) {
    src.bytes('gamColMeansRaw');
    src.bytes('gamColStdRaw');
    zCS = read3DDoubles(
      src,
      'zTransposeCS',
      { count: p.numTP, rows: tp.numKnotsTP.map((k, i) => k - tp.M[i]), cols: tp.numKnotsTP },
      origin,
    );
    // The reference sizes each exponent row by the `_d` entry right after the cubic columns.
    for (let i = 0; i < p.numTP; i++) predNum.push(p.predSize[p.numCS + i]);
    poly = read3DInts(src, 'polynomialBasisList', { count: p.numTP, rows: tp.M, cols: predNum }, origin);
  }

  const centred: number[] = [];
  const zRows: number[] = [];
  const zCols: number[] = [];
  for (let c = 0; c < nGam; c++) {
    const K = p.numKnots[c];
    if (p.bs[c] === SplineType.ISpline) {
      centred.push(K + p.splineOrders[c] - 2);
      zRows.push(0);
      zCols.push(0);
    } else if (p.bs[c] === SplineType.MSpline) {
      const n = K + p.splineOrders[c] - 3;
      centred.push(n);
      zRows.push(n);
      zCols.push(n + 1);
    } else {
      centred.push(K - 1);
      zRows.push(K - 1);
      zCols.push(K);
    }
  }
  read2DStrings(src, 'gamColNamesCenter', centred, origin);
  const zT = read3DDoubles(src, 'zTranspose', { count: nGam, rows: zRows, cols: zCols }, origin);
  const knots = read3DDoubles(src, 'knots', { count: nGam, rows: p.predSize, cols: p.numKnots }, origin);
  const binvD =
    p.numCS > 0 ? read3DDoubles(src, '_binvD', { count: p.numCS, rows: p.numKnots.map((k) => k - 2), cols: p.numKnots }, origin) : [];

  const inputs = featureInputs(h);
  const index = new Map<string, number>();
  for (let i = 0; i < inputs.length; i++) index.set(inputs[i].name, i);
  const sourceIndex = (name: string): number => {
    let i = index.get(name);
    if (i === undefined) {
      i = inputs.length;
      inputs.push({ name, domain: null });
      index.set(name, i);
    }
    return i;
  };

  const terms: GamTerm[] = [];
  const nf = h.nfeatures;
  let pos = p.gamStart;
  let ms = 0;
  let tpi = 0;
  for (let c = 0; c < nGam; c++) {
    const K = p.numKnots[c];
    const group = names[c] as string[];
    const firstKnots = knots[c].data.subarray(0, K);
    const past = (w: number): string | null =>
      pos + w > nf ? `${origin}: gam column ${group[0]} writes past the ${nf}-column feature row (the reference fails too)` : null;
    let term: GamTerm;
    switch (p.bs[c]) {
      case SplineType.Cubic:
        term = new CubicTerm(Int32Array.of(sourceIndex(group[0])), pos, past(K - 1), firstKnots, binvD[c], zT[c]);
        break;
      case SplineType.ISpline: {
        const o = p.splineOrders[c];
        term = new ISplineTerm(Int32Array.of(sourceIndex(group[0])), pos, past(K + o - 2), firstKnots, o);
        break;
      }
      case SplineType.MSpline: {
        const o = p.splineOrders[c];
        const n = K + o - 2;
        // Like the reference, the centring matrix is the ms-th gam column's.
        const z = zT[ms++];
        const fault = fitsProjection(z, n, n - 1)
          ? past(n - 1)
          : `${origin}: M-spline column ${group[0]} uses a centring matrix of the wrong shape (the reference fails too)`;
        term = new MSplineTerm(Int32Array.of(sourceIndex(group[0])), pos, fault, firstKnots, o, z);
        break;
      }
      default: {
        const t = tp!;
        const d = p.predSize[c];
        const M = t.M[tpi];
        let fault = past(K - 1);
        if (t.standardize)
          fault = `${origin}: thin plate column ${group[0]} is standardized, and the reference reads its means from an empty array`;
        else if (group.length < d || predNum[tpi] < d)
          fault = `${origin}: thin plate column ${group[0]} has fewer source columns than its dimension`;
        else if (M < 0 || M > K || !fitsProjection(zCS[tpi], K, K - M))
          fault = `${origin}: thin plate column ${group[0]} has inconsistent knot counts`;
        const srcIdx = Int32Array.from(group.map(sourceIndex));
        term = new ThinPlateTerm(srcIdx, pos, fault, {
          knots: knots[c],
          m: t.m[tpi],
          M: Math.max(0, Math.min(M, K)),
          zCS: zCS[tpi],
          poly: poly[tpi],
          polyStride: predNum[tpi],
          zT: zT[c],
        });
        tpi++;
      }
    }
    terms.push(term);
    pos += K - 1;
  }
  return { inputs, terms };
}
