/**
 * Path-dependent TreeSHAP (Lundberg et al.) over the flat forest, in float32 arithmetic step for
 * step like h2o-genmodel's TreeSHAP (itself a port of XGBoost's): every intermediate is rounded
 * with Math.fround so the contributions equal the reference's floats exactly.
 *
 * The split rule is the tree-graph one (SharedTreeNode.next), which differs from the scoring walk
 * only in corner cases: NAvsREST nodes never range-check, and use no domain limit.
 */
import { BITSET, NA_LEFT, NA_VS_REST, type Forest } from './forest.ts';
import { javaInt } from './traverse.ts';

const fr = Math.fround;

function graphGoesRight(f: Forest, n: number, row: Float64Array): boolean {
  const fl = f.flags[n];
  const c = f.feature[n];
  const d = row[c];
  const naLeft = (fl & NA_LEFT) !== 0;
  if (d !== d) return !naLeft;
  if ((fl & NA_VS_REST) !== 0) return false;
  const i = javaInt(d);
  if ((fl & BITSET) !== 0) {
    const b = i - f.bsOff[n];
    if (b < 0 || b >= f.bsLen[n]) return !naLeft;
    if (i >= f.domainLimit[c]) return !naLeft;
    return (f.bits[f.bsByte[n] + (b >> 3)] & (1 << (b & 7))) !== 0;
  }
  if (i >= f.domainLimit[c]) return !naLeft;
  return d >= f.threshold[n];
}

/** Precomputed per-forest SHAP data plus a reusable workspace (one instance per thread). */
export class TreeShap {
  private readonly expected: Float32Array;
  private readonly feat: Int32Array;
  private readonly zero: Float32Array;
  private readonly one: Float32Array;
  private readonly pw: Float32Array;

  /**
   * `trees` are indices into `f.roots` to explain; `weight` are node weights (see aux.ts).
   */
  constructor(
    private readonly f: Forest,
    private readonly weight: Float32Array,
    private readonly trees: readonly number[],
  ) {
    this.expected = new Float32Array(trees.length);
    let maxDepth = 0;
    for (let k = 0; k < trees.length; k++) {
      const root = f.roots[trees[k]];
      this.expected[k] = this.meanValue(root);
      maxDepth = Math.max(maxDepth, this.levels(root));
    }
    const maxd = maxDepth + 2;
    const size = (maxd * (maxd + 1)) / 2;
    this.feat = new Int32Array(size);
    this.zero = new Float32Array(size);
    this.one = new Float32Array(size);
    this.pw = new Float32Array(size);
  }

  private levels(n: number): number {
    const f = this.f;
    if (f.feature[n] < 0) return 1;
    return 1 + Math.max(this.levels(f.left[n]), this.levels(f.right[n]));
  }

  private meanValue(n: number): number {
    const f = this.f;
    const w = this.weight;
    if (w[n] === 0) return 0;
    if (f.feature[n] < 0) return f.value[n];
    const l = f.left[n];
    const r = f.right[n];
    return fr(fr(fr(w[l] * this.meanValue(l)) + fr(w[r] * this.meanValue(r))) / w[n]);
  }

  /** Adds each tree's contributions into `phi` (float32; bias in the last slot). */
  accumulate(row: Float64Array, phi: Float32Array): void {
    const bias = phi.length - 1;
    for (let k = 0; k < this.trees.length; k++) {
      phi[bias] = fr(phi[bias] + this.expected[k]);
      this.feat[0] = 0;
      this.zero[0] = 0;
      this.one[0] = 0;
      this.pw[0] = 0;
      this.recurse(row, phi, this.f.roots[this.trees[k]], 0, 0, 1, 1, -1, 1);
    }
  }

  private extend(p: number, ud: number, zf: number, of: number, fi: number): void {
    const pw = this.pw;
    this.feat[p + ud] = fi;
    this.zero[p + ud] = zf;
    this.one[p + ud] = of;
    pw[p + ud] = ud === 0 ? 1 : 0;
    for (let i = ud - 1; i >= 0; i--) {
      pw[p + i + 1] = fr(pw[p + i + 1] + fr(fr(fr(of * pw[p + i]) * (i + 1)) / (ud + 1)));
      pw[p + i] = fr(fr(fr(zf * pw[p + i]) * (ud - i)) / (ud + 1));
    }
  }

  private unwind(p: number, ud: number, pi: number): void {
    const pw = this.pw;
    const of = this.one[p + pi];
    const zf = this.zero[p + pi];
    let next = pw[p + ud];
    for (let i = ud - 1; i >= 0; i--) {
      if (of !== 0) {
        const tmp = pw[p + i];
        pw[p + i] = fr(fr(next * (ud + 1)) / fr((i + 1) * of));
        next = fr(tmp - fr(fr(fr(pw[p + i] * zf) * (ud - i)) / (ud + 1)));
      } else if (zf !== 0) {
        pw[p + i] = fr(fr(pw[p + i] * (ud + 1)) / fr(zf * (ud - i)));
      } else {
        pw[p + i] = 0;
      }
    }
    for (let i = pi; i < ud; i++) {
      this.feat[p + i] = this.feat[p + i + 1];
      this.zero[p + i] = this.zero[p + i + 1];
      this.one[p + i] = this.one[p + i + 1];
    }
  }

  private unwoundSum(p: number, ud: number, pi: number): number {
    const pw = this.pw;
    const of = this.one[p + pi];
    const zf = this.zero[p + pi];
    let next = pw[p + ud];
    let total = 0;
    for (let i = ud - 1; i >= 0; i--) {
      if (of !== 0) {
        const tmp = fr(fr(next * (ud + 1)) / fr((i + 1) * of));
        total = fr(total + tmp);
        next = fr(pw[p + i] - fr(fr(tmp * zf) * fr((ud - i) / (ud + 1))));
      } else if (zf !== 0) {
        total = fr(total + fr(fr(pw[p + i] / zf) / fr((ud - i) / (ud + 1))));
      }
    }
    return total;
  }

  private recurse(
    row: Float64Array,
    phi: Float32Array,
    n: number,
    ud: number,
    parentP: number,
    pzf: number,
    pof: number,
    pfi: number,
    cf: number,
  ): void {
    if (cf === 0) return;
    const f = this.f;
    // Copy the parent's path one segment further (the reference's PathPointer.move).
    const p = parentP + ud;
    for (let i = 0; i < ud; i++) {
      this.feat[p + i] = this.feat[parentP + i];
      this.zero[p + i] = this.zero[parentP + i];
      this.one[p + i] = this.one[parentP + i];
      this.pw[p + i] = this.pw[parentP + i];
    }
    this.extend(p, ud, pzf, pof, pfi);
    const split = f.feature[n];
    if (split < 0) {
      const leaf = f.value[n];
      for (let i = 1; i <= ud; i++) {
        const w = this.unwoundSum(p, ud, i);
        const e = p + i;
        const fi = this.feat[e];
        phi[fi] = fr(phi[fi] + fr(fr(fr(w * fr(this.one[e] - this.zero[e])) * leaf) * cf));
      }
      return;
    }
    const hot = graphGoesRight(f, n, row) ? f.right[n] : f.left[n];
    const cold = hot === f.left[n] ? f.right[n] : f.left[n];
    const w = this.weight[n];
    const hzf = w !== 0 ? fr(this.weight[hot] / w) : 0.5;
    const czf = w !== 0 ? fr(this.weight[cold] / w) : 0.5;
    let izf = 1;
    let iof = 1;
    let pi = 0;
    for (; pi <= ud; pi++) if (this.feat[p + pi] === split) break;
    let d = ud;
    if (pi !== ud + 1) {
      izf = this.zero[p + pi];
      iof = this.one[p + pi];
      this.unwind(p, ud, pi);
      d -= 1;
    }
    this.recurse(row, phi, hot, d + 1, p, fr(hzf * izf), iof, split, cf);
    this.recurse(row, phi, cold, d + 1, p, fr(czf * izf), 0, split, cf);
  }
}
