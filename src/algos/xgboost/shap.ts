/**
 * Path-dependent TreeSHAP (Lundberg et al.) over XGBoost trees, as H2O computes it for XGBoost
 * MOJOs: every intermediate rounded to float32, node cover (sum_hess) as the weight, a 0.5/0.5
 * split below zero-cover nodes, results accumulated per tree in the reference's order.
 * The unique path lives in flat typed arrays; each recursion level works on its own copy
 * placed after its parent's (triangular workspace), so nothing is allocated per row.
 */
import { RowError } from '../../errors.ts';
import type { Forest } from './forest.ts';

const fr = Math.fround;
/** Split fraction used when a node's cover is 0 (its children's are then 0 too). */
const ZERO_COVER_FRACTION = 0.5;

export class TreeShap {
  private readonly pf: Int32Array;
  private readonly pz: Float32Array;
  private readonly po: Float32Array;
  private readonly pw: Float32Array;
  /** Mean prediction of each tree weighted by cover (float32). */
  private readonly expected: Float32Array;
  private fv: Float64Array = new Float64Array(0);
  private phi: Float32Array = new Float32Array(0);

  /**
   * @param trees absolute tree indices to explain, in summation order
   * @param bias added to the bias term before the trees (the booster's base margin)
   */
  constructor(
    private readonly f: Forest,
    private readonly trees: Int32Array,
    private readonly bias: number,
  ) {
    let ws = 0;
    this.expected = new Float32Array(trees.length);
    for (let k = 0; k < trees.length; k++) {
      const t = trees[k];
      const maxd = f.depth[t] + 2;
      ws = Math.max(ws, (maxd * (maxd + 1)) / 2);
      this.expected[k] = this.meanValue(f.root[t]);
    }
    this.pf = new Int32Array(ws);
    this.pz = new Float32Array(ws);
    this.po = new Float32Array(ws);
    this.pw = new Float32Array(ws);
  }

  private meanValue(n: number): number {
    const f = this.f;
    if (f.cover[n] === 0) return 0;
    if (f.left[n] < 0) return f.leaf[n];
    const l = f.left[n];
    const r = f.right[n];
    return fr(fr(fr(f.cover[l] * this.meanValue(l)) + fr(f.cover[r] * this.meanValue(r))) / f.cover[n]);
  }

  /** Writes contributions for `fv` into `phi` (length = features + 1, bias last); zeroes it first. */
  compute(fv: Float64Array, phi: Float32Array): void {
    phi.fill(0);
    this.fv = fv;
    this.phi = phi;
    const last = phi.length - 1;
    phi[last] = fr(phi[last] + this.bias);
    const trees = this.trees;
    for (let k = 0; k < trees.length; k++) {
      phi[last] = fr(phi[last] + this.expected[k]);
      this.recurse(this.f.root[trees[k]], 0, 0, 1, 1, -1);
    }
  }

  private extend(p: number, d: number, zf: number, of: number, fi: number): void {
    const W = this.pw;
    this.pf[p + d] = fi;
    this.pz[p + d] = zf;
    this.po[p + d] = of;
    W[p + d] = d === 0 ? 1 : 0;
    const dp1 = d + 1;
    for (let i = d - 1; i >= 0; i--) {
      W[p + i + 1] = fr(W[p + i + 1] + fr(fr(fr(of * W[p + i]) * (i + 1)) / dp1));
      W[p + i] = fr(fr(fr(zf * W[p + i]) * (d - i)) / dp1);
    }
  }

  private unwind(p: number, d: number, at: number): void {
    const W = this.pw;
    const of = this.po[p + at];
    const zf = this.pz[p + at];
    const dp1 = d + 1;
    let next = W[p + d];
    for (let i = d - 1; i >= 0; i--) {
      if (of !== 0) {
        const tmp = W[p + i];
        W[p + i] = fr(fr(next * dp1) / fr((i + 1) * of));
        next = fr(tmp - fr(fr(fr(W[p + i] * zf) * (d - i)) / dp1));
      } else if (zf !== 0) {
        W[p + i] = fr(fr(W[p + i] * dp1) / fr(zf * (d - i)));
      } else {
        W[p + i] = 0;
      }
    }
    for (let i = at; i < d; i++) {
      this.pf[p + i] = this.pf[p + i + 1];
      this.pz[p + i] = this.pz[p + i + 1];
      this.po[p + i] = this.po[p + i + 1];
    }
  }

  private unwoundSum(p: number, d: number, at: number): number {
    const W = this.pw;
    const of = this.po[p + at];
    const zf = this.pz[p + at];
    const dp1 = d + 1;
    let next = W[p + d];
    let total = 0;
    for (let i = d - 1; i >= 0; i--) {
      if (of !== 0) {
        const tmp = fr(fr(next * dp1) / fr((i + 1) * of));
        total = fr(total + tmp);
        next = fr(W[p + i] - fr(fr(tmp * zf) * fr((d - i) / dp1)));
      } else if (zf !== 0) {
        total = fr(total + fr(fr(W[p + i] / zf) / fr((d - i) / dp1)));
      } else if (W[p + i] !== 0) {
        throw new RowError(`java.lang.IllegalStateException: Unique path ${i} must have zero getWeight`);
      }
    }
    return total;
  }

  /** One node: copy the parent's path after it, extend it, then recurse or credit features. */
  private recurse(n: number, parentPos: number, depth: number, zf: number, of: number, fi: number): void {
    const p = parentPos + depth;
    for (let i = 0; i < depth; i++) {
      this.pf[p + i] = this.pf[parentPos + i];
      this.pz[p + i] = this.pz[parentPos + i];
      this.po[p + i] = this.po[parentPos + i];
      this.pw[p + i] = this.pw[parentPos + i];
    }
    this.extend(p, depth, zf, of, fi);
    const f = this.f;
    if (f.left[n] < 0) {
      const leaf = f.leaf[n];
      const phi = this.phi;
      for (let i = 1; i <= depth; i++) {
        const w = this.unwoundSum(p, depth, i);
        const k = this.pf[p + i];
        phi[k] = fr(phi[k] + fr(fr(w * fr(this.po[p + i] - this.pz[p + i])) * leaf));
      }
      return;
    }
    const v = this.fv[f.feature[n]];
    const hot = v !== v ? f.missing[n] : v < f.split[n] ? f.left[n] : f.right[n];
    const cold = hot === f.left[n] ? f.right[n] : f.left[n];
    const w = f.cover[n];
    const hotZero = w !== 0 ? fr(f.cover[hot] / w) : ZERO_COVER_FRACTION;
    const coldZero = w !== 0 ? fr(f.cover[cold] / w) : ZERO_COVER_FRACTION;
    const split = f.feature[n];
    let inZero = 1;
    let inOne = 1;
    let d = depth;
    let at = 0;
    while (at <= d && this.pf[p + at] !== split) at++;
    if (at !== d + 1) {
      inZero = this.pz[p + at];
      inOne = this.po[p + at];
      this.unwind(p, d, at);
      d -= 1;
    }
    this.recurse(hot, p, d + 1, fr(hotZero * inZero), inOne, split);
    this.recurse(cold, p, d + 1, fr(coldZero * inZero), 0, split);
  }
}
