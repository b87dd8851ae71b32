/**
 * Thin plate regression spline term (bs = 1) over d source columns: radial basis values
 * η(‖x − knot‖) projected by `zTransposeCS`, followed by the M polynomial terms of degree < m,
 * all projected by the centring matrix — h2o-genmodel's GamUtilsThinPlateRegression.
 */
import { project, type GamTerm } from './term.ts';
import type { Mat } from './arrays.ts';

/** base^exp by repeated multiplication; like the reference, a negative exponent yields base. */
export function intPow(base: number, exp: number): number {
  if (exp === 0) return 1.0;
  if (exp === 1) return base;
  if (exp === 2) return base * base;
  let r = base;
  for (let i = 1; i < exp; i++) r *= base;
  return r;
}

/** n! in int32 arithmetic (wrapping like Java's int). */
function factorial(n: number): number {
  let p = 1;
  for (let i = 1; i <= n; i++) p = Math.imul(p, i);
  return p;
}

/** The constant factor of η for penalty order m in d dimensions (Wood 2003, eq. 4). */
export function tpConstant(m: number, d: number): number {
  if (d % 2 === 0) {
    return (
      Math.pow(-1, m + 1 + d / 2.0) /
      (Math.pow(2, 2 * m - 1) * Math.pow(Math.PI, d / 2.0) * factorial(m - 1) * factorial(m - Math.trunc(d / 2)))
    );
  }
  return (Math.pow(-1, m) * m) / (factorial(2 * m) * Math.pow(Math.PI, (d - 1) / 2.0));
}

export interface ThinPlateShape {
  /** Knots as d rows of K values. */
  readonly knots: Mat;
  readonly m: number;
  /** Number of polynomial terms. */
  readonly M: number;
  /** (K-M) × ≥K radial projection. */
  readonly zCS: Mat;
  /** M rows of `polyStride` exponents. */
  readonly poly: Int32Array;
  readonly polyStride: number;
  /** (K-1) × K centring matrix. */
  readonly zT: Mat;
}

export class ThinPlateTerm implements GamTerm {
  readonly width: number;
  private readonly d: number;
  private readonly K: number;
  private readonly even: boolean;
  private readonly constant: number;
  private readonly dist: Float64Array;
  private readonly joined: Float64Array;

  constructor(
    readonly sources: Int32Array,
    readonly pos: number,
    readonly fault: string | null,
    private readonly s: ThinPlateShape,
  ) {
    this.d = s.knots.rows;
    this.K = s.knots.cols;
    this.width = this.K - 1;
    this.even = this.d % 2 === 0;
    this.constant = tpConstant(s.m, this.d);
    this.dist = new Float64Array(this.K);
    this.joined = new Float64Array(this.K);
  }

  write(x: Float64Array, dst: Float64Array): void {
    const s = this.s;
    const d = this.d;
    const K = this.K;
    const kn = s.knots.data;
    const dist = this.dist;
    const power = 2 * s.m - d;
    for (let k = 0; k < K; k++) {
      let sum = 0;
      for (let p = 0; p < d; p++) {
        const diff = x[p] - kn[p * K + k];
        sum += diff * diff;
      }
      const r = intPow(Math.sqrt(sum), power);
      let e = this.constant * r;
      if (this.even && r !== 0) e *= Math.log(r);
      dist[k] = e;
    }
    const M = s.M;
    const radial = K - M;
    const joined = this.joined;
    project(dist, K, s.zCS, joined, 0, radial);
    const poly = s.poly;
    const stride = s.polyStride;
    for (let c = 0; c < M; c++) {
      let v = 1.0;
      for (let p = 0; p < d; p++) v *= intPow(x[p], poly[c * stride + p]);
      joined[radial + c] = v;
    }
    project(joined, K, s.zT, dst, this.pos, this.width);
  }
}
