/**
 * Monotone I-spline (bs = 2) and M-spline (bs = 3) terms. The knots are padded with order-1
 * copies of each end knot; basis values come from the Cox–de Boor / Ramsay recursions, computed
 * bottom-up over (start knot, order) — every recursion node depends only on that pair, so the
 * values equal the reference's top-down recursion (h2o-genmodel ISplines, MSplines,
 * NBSplinesTypeI/II) operation for operation.
 */
import { project, type GamTerm } from './term.ts';
import type { Mat } from './arrays.ts';

/** The knots with `order - 1` extra copies of the first and last knot. */
export function padKnots(knots: Float64Array, order: number): Float64Array {
  const extra = order - 1;
  const n = knots.length;
  const out = new Float64Array(n + 2 * extra);
  for (let i = 0; i < extra; i++) out[i] = knots[0];
  out.set(knots, extra);
  for (let i = n + extra; i < out.length; i++) out[i] = knots[n - 1];
  return out;
}

const recip = (d: number): number => (d === 0 ? 0 : 1.0 / d);

/** Normalised B-splines of one order over padded knots, evaluated into a scratch array. */
class BSplineTable {
  /** od0[(k-2)*n + j] = 1/(t[j+k-1]-t[j]), od1 = 1/(t[j+k]-t[j+1]) (0 for empty spans). */
  private readonly od0: Float64Array;
  private readonly od1: Float64Array;
  readonly values: Float64Array;

  constructor(
    readonly t: Float64Array,
    readonly order: number,
  ) {
    const n = t.length;
    this.od0 = new Float64Array(Math.max(0, order - 1) * n);
    this.od1 = new Float64Array(this.od0.length);
    for (let k = 2; k <= order; k++) {
      for (let j = 0; j + k < n; j++) {
        this.od0[(k - 2) * n + j] = recip(t[j + k - 1] - t[j]);
        this.od1[(k - 2) * n + j] = recip(t[j + k] - t[j + 1]);
      }
    }
    this.values = new Float64Array(n);
  }

  /** values[j] = B_{j,order}(v) for every j with j + order < t.length. */
  eval(v: number): void {
    const t = this.t;
    const n = t.length;
    const b = this.values;
    for (let j = 0; j + 1 < n; j++) b[j] = v < t[j] || v >= t[j + 1] ? 0 : 1;
    const od0 = this.od0;
    const od1 = this.od1;
    for (let k = 2; k <= this.order; k++) {
      const base = (k - 2) * n;
      for (let j = 0; j + k < n; j++) {
        const hi = t[j + k];
        b[j] = v < t[j] || v >= hi ? 0 : (v - t[j]) * od0[base + j] * b[j] + (hi - v) * od1[base + j] * b[j + 1];
      }
    }
  }
}

/**
 * I-spline i at v: 0 below its support, 1 above it, else the sum of the order+1 B-splines
 * i+1, i+2, … (each counted as 1 once v is past its support).
 */
export class ISplineTerm implements GamTerm {
  readonly width: number;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly b: BSplineTable;
  private readonly nb: number;

  constructor(
    readonly sources: Int32Array,
    readonly pos: number,
    readonly fault: string | null,
    knots: Float64Array,
    readonly order: number,
  ) {
    const n = knots.length + order - 2;
    this.width = n;
    const ti = padKnots(knots, order);
    this.lo = new Float64Array(n);
    this.hi = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      this.lo[i] = ti[i];
      this.hi[i] = ti[i + order];
    }
    this.b = new BSplineTable(padKnots(knots, order + 1), order + 1);
    this.nb = knots.length + order - 1;
  }

  write(x: Float64Array, dst: Float64Array): void {
    const v = x[0];
    const n = this.width;
    const at = this.pos;
    const tb = this.b.t;
    const k = this.order + 1;
    const nb = this.nb;
    const bv = this.b.values;
    this.b.eval(v);
    for (let i = 0; i < n; i++) {
      if (v < this.lo[i]) dst[at + i] = 0;
      else if (v >= this.hi[i]) dst[at + i] = 1;
      else {
        let s = 0;
        for (let j = i + 1; j < nb; j++) {
          if (v < tb[j]) break;
          s += v >= tb[j + k] ? 1 : bv[j];
        }
        dst[at + i] = s;
      }
    }
  }
}

/**
 * M-spline term: the order-`order` M-splines (Ramsay's normalisation, integrating to 1) at v,
 * projected by a centring matrix. Like the reference, the matrix is the `msIndex`-th gam
 * column's `zTranspose` (the term's index among M-spline columns, not its own position).
 */
export class MSplineTerm implements GamTerm {
  readonly width: number;
  private readonly t: Float64Array;
  private readonly od: Float64Array;
  private readonly m: Float64Array;
  private readonly n: number;

  constructor(
    readonly sources: Int32Array,
    readonly pos: number,
    readonly fault: string | null,
    knots: Float64Array,
    readonly order: number,
    private readonly zT: Mat,
  ) {
    this.n = knots.length + order - 2;
    this.width = this.n - 1;
    const t = padKnots(knots, order);
    this.t = t;
    const len = t.length;
    this.od = new Float64Array(order * len);
    for (let k = 1; k <= order; k++) {
      for (let j = 0; j + k < len; j++) this.od[(k - 1) * len + j] = recip(k === 1 ? t[j + 1] - t[j] : t[j + k] - t[j]);
    }
    this.m = new Float64Array(len);
  }

  write(x: Float64Array, dst: Float64Array): void {
    const v = x[0];
    const t = this.t;
    const len = t.length;
    const m = this.m;
    const od = this.od;
    for (let j = 0; j + 1 < len; j++) m[j] = v < t[j] || v >= t[j + 1] ? 0 : od[j];
    for (let k = 2; k <= this.order; k++) {
      const base = (k - 1) * len;
      const c = k / (k - 1.0);
      for (let j = 0; j + k < len; j++) {
        const hi = t[j + k];
        const o = od[base + j];
        m[j] = v < t[j] || v >= hi ? 0 : c * ((v - t[j]) * o * m[j] + (hi - v) * o * m[j + 1]);
      }
    }
    project(m, this.n, this.zT, dst, this.pos, this.width);
  }
}
