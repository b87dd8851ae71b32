/**
 * Cubic regression spline term (bs = 0): the natural cubic spline basis of Wood's GAM book
 * (§4.1.2) at x, from the knots and the (K-2)×K matrix B⁻¹D, then projected by the (K-1)×K
 * centring matrix. Arithmetic follows h2o-genmodel's GamUtilsCubicRegression step by step.
 */
import { project, type GamTerm } from './term.ts';
import type { Mat } from './arrays.ts';

/** Bin of x among the knots: the reference's bounded bisection, ties and all. */
export function locateBin(x: number, knots: Float64Array): number {
  if (x <= knots[0]) return 0;
  let hi = knots.length - 1;
  if (x >= knots[hi]) return hi - 1;
  let lo = 0;
  let t = -1;
  const n = knots.length;
  for (let count = 0; count < n; count++) {
    t = Math.floor((hi + lo) * 0.5);
    if (x >= knots[t] && x < knots[t + 1]) return t;
    else if (x > knots[t]) lo = t;
    else if (x < knots[t]) hi = t;
  }
  return t;
}

export class CubicTerm implements GamTerm {
  readonly width: number;
  private readonly hj: Float64Array;
  private readonly basis: Float64Array;

  constructor(
    readonly sources: Int32Array,
    readonly pos: number,
    readonly fault: string | null,
    private readonly knots: Float64Array,
    private readonly binvD: Mat,
    private readonly zT: Mat,
  ) {
    const k = knots.length;
    this.width = k - 1;
    this.hj = new Float64Array(k - 1);
    for (let i = 0; i < k - 1; i++) this.hj[i] = knots[i + 1] - knots[i];
    this.basis = new Float64Array(k);
  }

  write(x: Float64Array, dst: Float64Array): void {
    const v = x[0];
    const kn = this.knots;
    const K = kn.length;
    const b = this.basis;
    const D = this.binvD.data;
    const j = locateBin(v, kn);
    const h = this.hj[j];
    const tm = kn[j + 1] - v;
    const cm = ((tm * tm * tm) / h - tm * h) / 6.0;
    const tp = v - kn[j];
    const cp = ((tp * tp * tp) / h - tp * h) / 6.0;
    const last = this.binvD.rows;
    if (j === 0) {
      for (let i = 0; i < K; i++) b[i] = D[i] * cp;
    } else if (j >= last) {
      const r = (j - 1) * K;
      for (let i = 0; i < K; i++) b[i] = D[r + i] * cm;
    } else {
      const r0 = (j - 1) * K;
      const r1 = j * K;
      for (let i = 0; i < K; i++) b[i] = D[r0 + i] * cm + D[r1 + i] * cp;
    }
    b[j] += (kn[j + 1] - v) / h;
    b[j + 1] += (v - kn[j]) / h;
    project(b, K, this.zT, dst, this.pos, this.width);
  }
}
