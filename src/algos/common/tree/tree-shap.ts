/**
 * Path-dependent TreeSHAP (Lundberg et al.) over the flat forest, in float32 arithmetic step for
 * step like h2o-genmodel's TreeSHAP (itself a port of XGBoost's): every intermediate is rounded
 * with Math.fround so the contributions equal the reference's floats exactly. The unique-path
 * arithmetic is shared with XGBoost (common/shap-path.ts); this file walks H2O's tree layout.
 *
 * The split rule is the tree-graph one (SharedTreeNode.next), which differs from the scoring walk
 * only in corner cases: NAvsREST nodes never range-check, and use no domain limit.
 */
import { BITSET, NA_LEFT, NA_VS_REST, type Forest } from './forest.ts';
import { javaInt } from '../java-int.ts';
import { ShapPath } from '../shap-path.ts';

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
  private readonly path: ShapPath;

  /**
   * `trees` are indices into `f.roots` to explain; `weight` are node weights (see node-records.ts).
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
    this.path = new ShapPath(maxDepth + 2, false);
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
      this.recurse(row, phi, this.f.roots[this.trees[k]], 0, 0, 1, 1, -1);
    }
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
  ): void {
    const f = this.f;
    const path = this.path;
    const p = path.enter(parentP, ud, pzf, pof, pfi);
    const split = f.feature[n];
    if (split < 0) {
      path.credit(p, ud, f.value[n], phi);
      return;
    }
    const hot = graphGoesRight(f, n, row) ? f.right[n] : f.left[n];
    const cold = hot === f.left[n] ? f.right[n] : f.left[n];
    const w = this.weight[n];
    const hzf = w !== 0 ? fr(this.weight[hot] / w) : 0.5;
    const czf = w !== 0 ? fr(this.weight[cold] / w) : 0.5;
    const d = path.remove(p, ud, split);
    const izf = path.removedZero;
    const iof = path.removedOne;
    this.recurse(row, phi, hot, d + 1, p, fr(hzf * izf), iof, split);
    this.recurse(row, phi, cold, d + 1, p, fr(czf * izf), 0, split);
  }
}
