/**
 * The unique-path bookkeeping of path-dependent TreeSHAP (Lundberg et al.), shared by the tree
 * and XGBoost explainers: h2o-genmodel's TreeSHAP extend / unwind / unwoundPathSum in float32,
 * every intermediate rounded with Math.fround so contributions equal the reference's floats.
 *
 * The path lives in flat typed arrays; each recursion level works on its own copy placed after
 * its parent's (a triangular workspace), so nothing is allocated per row.
 */
import { RowError } from '../../errors.ts';

const fr = Math.fround;

export class ShapPath {
  /** Feature index, zero fraction, one fraction and permutation weight of each path element. */
  readonly feat: Int32Array;
  readonly zero: Float32Array;
  readonly one: Float32Array;
  readonly pw: Float32Array;
  /** Zero / one fraction of the element the last `remove` took out (1, 1 when none). */
  removedZero = 1;
  removedOne = 1;

  /**
   * @param maxd the deepest path + 2 (the workspace holds maxd·(maxd+1)/2 elements)
   * @param strict throw, as XGBoost's reference does, when a zero-fraction element carries weight
   */
  constructor(
    maxd: number,
    private readonly strict: boolean,
  ) {
    const size = (maxd * (maxd + 1)) / 2;
    this.feat = new Int32Array(size);
    this.zero = new Float32Array(size);
    this.one = new Float32Array(size);
    this.pw = new Float32Array(size);
  }

  /**
   * One node: copies the parent's path (at `parentP`, `depth` elements) right after it, extends
   * it by (zf, of, fi) and returns the new path's position.
   */
  enter(parentP: number, depth: number, zf: number, of: number, fi: number): number {
    const p = parentP + depth;
    const feat = this.feat;
    const zero = this.zero;
    const one = this.one;
    const pw = this.pw;
    for (let i = 0; i < depth; i++) {
      feat[p + i] = feat[parentP + i];
      zero[p + i] = zero[parentP + i];
      one[p + i] = one[parentP + i];
      pw[p + i] = pw[parentP + i];
    }
    this.extend(p, depth, zf, of, fi);
    return p;
  }

  /** Adds each path feature's share of `leaf` into `phi` (a leaf at path `p` of `depth`). */
  credit(p: number, depth: number, leaf: number, phi: Float32Array): void {
    for (let i = 1; i <= depth; i++) {
      const w = this.unwoundSum(p, depth, i);
      const e = p + i;
      const fi = this.feat[e];
      phi[fi] = fr(phi[fi] + fr(fr(w * fr(this.one[e] - this.zero[e])) * leaf));
    }
  }

  /**
   * Takes `feature` out of the path (a feature split on again): records its fractions in
   * removedZero/removedOne (1, 1 when absent) and returns the path's depth afterwards.
   */
  remove(p: number, depth: number, feature: number): number {
    let at = 0;
    while (at <= depth && this.feat[p + at] !== feature) at++;
    if (at === depth + 1) {
      this.removedZero = 1;
      this.removedOne = 1;
      return depth;
    }
    this.removedZero = this.zero[p + at];
    this.removedOne = this.one[p + at];
    this.unwind(p, depth, at);
    return depth - 1;
  }

  private extend(p: number, d: number, zf: number, of: number, fi: number): void {
    const pw = this.pw;
    this.feat[p + d] = fi;
    this.zero[p + d] = zf;
    this.one[p + d] = of;
    pw[p + d] = d === 0 ? 1 : 0;
    const dp1 = d + 1;
    for (let i = d - 1; i >= 0; i--) {
      pw[p + i + 1] = fr(pw[p + i + 1] + fr(fr(fr(of * pw[p + i]) * (i + 1)) / dp1));
      pw[p + i] = fr(fr(fr(zf * pw[p + i]) * (d - i)) / dp1);
    }
  }

  private unwind(p: number, d: number, at: number): void {
    const pw = this.pw;
    const of = this.one[p + at];
    const zf = this.zero[p + at];
    const dp1 = d + 1;
    let next = pw[p + d];
    for (let i = d - 1; i >= 0; i--) {
      if (of !== 0) {
        const tmp = pw[p + i];
        pw[p + i] = fr(fr(next * dp1) / fr((i + 1) * of));
        next = fr(tmp - fr(fr(fr(pw[p + i] * zf) * (d - i)) / dp1));
      } else if (zf !== 0) {
        pw[p + i] = fr(fr(pw[p + i] * dp1) / fr(zf * (d - i)));
      } else {
        pw[p + i] = 0;
      }
    }
    for (let i = at; i < d; i++) {
      this.feat[p + i] = this.feat[p + i + 1];
      this.zero[p + i] = this.zero[p + i + 1];
      this.one[p + i] = this.one[p + i + 1];
    }
  }

  private unwoundSum(p: number, d: number, at: number): number {
    const pw = this.pw;
    const of = this.one[p + at];
    const zf = this.zero[p + at];
    const dp1 = d + 1;
    let next = pw[p + d];
    let total = 0;
    for (let i = d - 1; i >= 0; i--) {
      if (of !== 0) {
        const tmp = fr(fr(next * dp1) / fr((i + 1) * of));
        total = fr(total + tmp);
        next = fr(pw[p + i] - fr(fr(tmp * zf) * fr((d - i) / dp1)));
      } else if (zf !== 0) {
        total = fr(total + fr(fr(pw[p + i] / zf) / fr((d - i) / dp1)));
      } else if (this.strict && pw[p + i] !== 0) {
        throw new RowError(`java.lang.IllegalStateException: Unique path ${i} must have zero getWeight`);
      }
    }
    return total;
  }
}
