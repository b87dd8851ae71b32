/**
 * Path-dependent TreeSHAP (Lundberg et al.) over XGBoost trees, as H2O computes it for XGBoost
 * MOJOs: every intermediate rounded to float32, node cover (sum_hess) as the weight, a 0.5/0.5
 * split below zero-cover nodes, results accumulated per tree in the reference's order.
 * The unique-path arithmetic (flat, allocation-free workspace) is shared with H2O's trees in
 * common/shap-path.ts; this file walks XGBoost's node layout.
 */
import { ShapPath } from '../common/index.ts';
import { type BoosterTrees, childOf } from './booster-trees.ts';

const fr = Math.fround;
/** Split fraction used when a node's cover is 0 (its children's are then 0 too). */
const ZERO_COVER_FRACTION = 0.5;

export class BoosterShap {
  private readonly path: ShapPath;
  /** Mean prediction of each tree weighted by cover (float32). */
  private readonly expected: Float32Array;
  private fv: Float64Array = new Float64Array(0);
  private phi: Float32Array = new Float32Array(0);

  /**
   * @param trees absolute tree indices to explain, in summation order
   * @param bias added to the bias term before the trees (the booster's base margin)
   */
  constructor(
    private readonly f: BoosterTrees,
    private readonly trees: Int32Array,
    private readonly bias: number,
  ) {
    let maxd = 0;
    this.expected = new Float32Array(trees.length);
    for (let k = 0; k < trees.length; k++) {
      const t = trees[k];
      maxd = Math.max(maxd, f.depth[t] + 2);
      this.expected[k] = this.meanValue(f.root[t]);
    }
    this.path = new ShapPath(maxd, true);
  }

  /**
   * Cover-weighted mean leaf value of the subtree at `root` (float32), children before parents
   * with an explicit stack: a tree may be far deeper than the call stack allows.
   */
  private meanValue(root: number): number {
    const f = this.f;
    const mean = new Map<number, number>();
    const stack = [root];
    while (stack.length > 0) {
      const n = stack[stack.length - 1];
      const l = f.left[n];
      const r = f.right[n];
      if (f.cover[n] === 0 || l < 0) {
        mean.set(n, f.cover[n] === 0 ? 0 : f.leaf[n]);
        stack.pop();
      } else if (!mean.has(l)) stack.push(l);
      else if (!mean.has(r)) stack.push(r);
      else {
        mean.set(n, fr(fr(fr(f.cover[l] * mean.get(l)!) + fr(f.cover[r] * mean.get(r)!)) / f.cover[n]));
        stack.pop();
      }
    }
    return mean.get(root)!;
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

  /** One node: extend the parent's path, then recurse or credit features. */
  private recurse(n: number, parentPos: number, depth: number, zf: number, of: number, fi: number): void {
    const path = this.path;
    const p = path.enter(parentPos, depth, zf, of, fi);
    const f = this.f;
    if (f.left[n] < 0) {
      path.credit(p, depth, f.leaf[n], this.phi);
      return;
    }
    const hot = childOf(f, n, this.fv);
    const cold = hot === f.left[n] ? f.right[n] : f.left[n];
    const w = f.cover[n];
    const hotZero = w !== 0 ? fr(f.cover[hot] / w) : ZERO_COVER_FRACTION;
    const coldZero = w !== 0 ? fr(f.cover[cold] / w) : ZERO_COVER_FRACTION;
    const split = f.feature[n];
    const d = path.remove(p, depth, split);
    const inZero = path.removedZero;
    const inOne = path.removedOne;
    this.recurse(hot, p, d + 1, fr(hotZero * inZero), inOne, split);
    this.recurse(cold, p, d + 1, fr(coldZero * inZero), 0, split);
  }
}
