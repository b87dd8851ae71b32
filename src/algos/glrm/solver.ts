/**
 * GLRM scoring (h2o-genmodel GlrmMojoModel.score0): for one row, solve for the X factor by
 * proximal gradient descent against the fixed archetypes Y, from a Gaussian start drawn with
 * java.util.Random(seed + row counter). Up to 100 iterations; each tries ten step sizes
 * (0.5, 0.25, …, scaled by 1/objective when it exceeds 10) and keeps the best; stops when the
 * relative improvement is negative or below 1e-10.
 *
 * Reference quirk kept on purpose: the column offset into Y only advances past categorical
 * columns that are present in the row, so a missing categorical shifts later columns' blocks.
 */
import { JavaRandom } from '../common/index.ts';
import { lgrad, loss, type Loss, mlgrad, mloss } from './losses.ts';
import { project, proxGrad, type Reg, regularize, type SimplexScratch } from './regularizers.ts';

const MAX_ITERATIONS = 100;
const ACCURACY_EPS = 1e-10;
const ALPHA_FACTORS = 10;
const DOWN_FACTOR = 0.5;
const TWO24 = 16777216;
const TWO48 = 281474976710656;

export interface GlrmSpec {
  ncolA: number;
  k: number;
  ncolY: number;
  ncats: number;
  numLevels: Int32Array;
  perm: Int32Array;
  losses: Loss[];
  normSub: Float64Array;
  normMul: Float64Array;
  reg: Reg;
  gammaX: number;
  /** Y as k rows of ncolY, row-major. */
  Y: Float64Array;
  /** Low 48 bits of the model seed. */
  seed48: number;
}

export class GlrmSolver {
  private readonly rand = new JavaRandom();
  private readonly a: Float64Array;
  private readonly x: Float64Array;
  private readonly u: Float64Array;
  private readonly grad: Float64Array;
  private readonly bestX: Float64Array;
  private readonly prox: Float64Array;
  private readonly xy: Float64Array;
  private readonly gl: Float64Array;
  private readonly sc: SimplexScratch;
  private readonly alphas: Float64Array;
  /** Rows scored so far: the reference seeds row n with seed + n (h2o's `_rcnt`). */
  rowCount = 0;

  constructor(readonly s: GlrmSpec) {
    this.a = new Float64Array(s.ncolA);
    this.x = new Float64Array(s.k);
    this.u = new Float64Array(s.k);
    this.grad = new Float64Array(s.k);
    this.bestX = new Float64Array(s.k);
    this.prox = new Float64Array(s.k);
    let maxLevels = 1;
    for (let j = 0; j < s.ncats; j++) maxLevels = Math.max(maxLevels, s.numLevels[j]);
    this.xy = new Float64Array(maxLevels);
    this.gl = new Float64Array(maxLevels);
    this.sc = { idx: new Int32Array(s.k), csum: new Float64Array(s.k) };
    this.alphas = new Float64Array(ALPHA_FACTORS);
    let alpha = 1;
    for (let i = 0; i < ALPHA_FACTORS; i++) this.alphas[i] = alpha *= DOWN_FACTOR;
  }

  /** Solves X for the raw row into `out[0..k)`. */
  solve(raw: Float64Array, out: Float64Array): void {
    const s = this.s;
    const a = this.a;
    for (let i = 0; i < s.ncats; i++) {
      const t = raw[s.perm[i]];
      a[i] = t >= s.numLevels[i] ? NaN : t;
    }
    for (let i = s.ncats; i < s.ncolA; i++) a[i] = raw[s.perm[i]];

    const seed = (s.seed48 + this.rowCount++) % TWO48;
    const rand = this.rand;
    rand.setSeed48(Math.floor(seed / TWO24), seed % TWO24);
    const x = this.x;
    for (let i = 0; i < s.k; i++) x[i] = rand.nextGaussian();
    const p = project(s.reg, x, rand, this.prox, this.sc);
    if (p !== x) x.set(p);

    let oldObj = this.objective(x);
    let iters = 0;
    while (iters++ < MAX_ITERATIONS) {
      this.gradient(x);
      const obj = this.applyBestAlpha(oldObj);
      const improvement = 1 - obj / oldObj;
      if (improvement < 0 || improvement < ACCURACY_EPS) break;
      oldObj = obj;
    }
    for (let i = 0; i < s.k; i++) out[i] = x[i];
  }

  private applyBestAlpha(oldObj: number): number {
    if (oldObj === 0) return 0;
    const s = this.s;
    const { x, u, grad, bestX, rand } = this;
    const k = s.k;
    bestX.fill(0);
    let lowest = Number.MAX_VALUE;
    const scale = oldObj > 10 ? 1 / oldObj : 1;
    for (let f = 0; f < ALPHA_FACTORS; f++) {
      const alpha = this.alphas[f] * scale;
      for (let i = 0; i < k; i++) u[i] = x[i] - alpha * grad[i];
      const xnew = proxGrad(s.reg, u, alpha * s.gammaX, rand, this.prox, this.sc);
      const obj = this.objective(xnew);
      if (lowest > obj) {
        bestX.set(xnew);
        lowest = obj;
      }
      if (obj === 0) break;
    }
    if (lowest < oldObj) x.set(bestX);
    return lowest;
  }

  /** x·Y_j for categorical column j whose block starts at `off`, into this.xy. */
  private catBlock(x: Float64Array, off: number, n: number): Float64Array {
    const { Y, ncolY, k } = this.s;
    const xy = this.xy;
    for (let level = 0; level < n; level++) {
      let v = 0;
      for (let r = 0; r < k; r++) v += x[r] * Y[r * ncolY + level + off];
      xy[level] = v;
    }
    return xy;
  }

  private numDot(x: Float64Array, col: number): number {
    const { Y, ncolY, k } = this.s;
    let v = 0;
    for (let r = 0; r < k; r++) v += x[r] * Y[r * ncolY + col];
    return v;
  }

  private objective(x: Float64Array): number {
    const s = this.s;
    const a = this.a;
    let res = 0;
    let off = 0;
    for (let j = 0; j < s.ncats; j++) {
      if (a[j] !== a[j]) continue;
      const n = s.numLevels[j];
      res += mloss(s.losses[j], this.catBlock(x, off, n), Math.trunc(a[j]), n);
      off += n;
    }
    for (let j = s.ncats; j < s.ncolA; j++) {
      if (a[j] !== a[j]) continue;
      const js = j - s.ncats;
      res += loss(s.losses[j], this.numDot(x, js + off), (a[j] - s.normSub[js]) * s.normMul[js]);
    }
    res += s.gammaX * regularize(s.reg, x);
    return res;
  }

  private gradient(x: Float64Array): void {
    const s = this.s;
    const { a, grad, gl } = this;
    const { Y, ncolY, k } = s;
    grad.fill(0);
    let off = 0;
    for (let j = 0; j < s.ncats; j++) {
      if (a[j] !== a[j]) continue;
      const n = s.numLevels[j];
      mlgrad(s.losses[j], this.catBlock(x, off, n), Math.trunc(a[j]), gl, n);
      for (let r = 0; r < k; r++) {
        const base = r * ncolY + off;
        let g = grad[r];
        for (let c = 0; c < n; c++) g += gl[c] * Y[base + c];
        grad[r] = g;
      }
      off += n;
    }
    for (let j = s.ncats; j < s.ncolA; j++) {
      if (a[j] !== a[j]) continue;
      const js = j - s.ncats;
      const g = lgrad(s.losses[j], this.numDot(x, js + off), (a[j] - s.normSub[js]) * s.normMul[js]);
      for (let r = 0; r < k; r++) grad[r] += g * Y[r * ncolY + js + off];
    }
  }
}
