/** What every spline term of a GAM row expansion provides, plus the shared projection step. */
import type { Mat } from './arrays.ts';

export interface GamTerm {
  /** Input-row indices of the term's source column(s). */
  readonly sources: Int32Array;
  /** First slot of the expanded row the term writes. */
  readonly pos: number;
  /** Slots written. */
  readonly width: number;
  /** Set when the reference fails for any row where this term is computed. */
  readonly fault: string | null;
  /** Writes the term's values for source values `x` into `dst[pos .. pos + width)`. */
  write(x: Float64Array, dst: Float64Array): void;
}

/**
 * dst[at + i] = Σ_j a[j]·M[i][j] for i < n, j < len, summed in j order from 0.0 (h2o-genmodel's
 * ArrayUtils.multArray with a transposed matrix). Callers guarantee M is large enough.
 */
export function project(a: Float64Array, len: number, m: Mat, dst: Float64Array, at: number, n: number): void {
  const d = m.data;
  const cols = m.cols;
  for (let i = 0; i < n; i++) {
    let s = 0.0;
    const r = i * cols;
    for (let j = 0; j < len; j++) s += a[j] * d[r + j];
    dst[at + i] = s;
  }
}

/** Whether `m` can serve as the matrix of a `len`-vector → `n`-vector projection. */
export function fitsProjection(m: Mat, len: number, n: number): boolean {
  return n === 0 || (m.rows >= n && (len === 0 || m.cols >= len));
}
