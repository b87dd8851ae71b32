/**
 * Matrix product (op 25, TOML MatrixProduct) and k-means (op 24, TOML KMeans): the projections
 * and cluster features of DAI's SVD and clustering transformers. Row-major matrices; distances
 * Euclidean; the nearest centroid is the first of equal distances.
 */
import type { Step } from '../program.ts';

/** out_r = Σ_j M[r][j]·x_j, in double, left to right. */
export class MatrixProductStep implements Step {
  constructor(
    private readonly matrix: Float64Array,
    private readonly inputs: Int32Array,
    private readonly outputs: Int32Array,
    private readonly f32: Uint8Array,
  ) {}

  run(f: Float64Array): void {
    const d = this.inputs.length;
    for (let r = 0; r < this.outputs.length; r++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += this.matrix[r * d + j] * f[this.inputs[j]];
      f[this.outputs[r]] = this.f32[r] === 1 ? Math.fround(s) : s;
    }
  }
}

/** Nearest centroid index (`labels`), or the distance to each centroid. */
export class KMeansStep implements Step {
  constructor(
    /** k × d, row-major. */
    private readonly centroids: Float64Array,
    private readonly k: number,
    private readonly inputs: Int32Array,
    private readonly outputs: Int32Array,
    private readonly mode: 'labels' | 'distances',
  ) {}

  run(f: Float64Array): void {
    const d = this.inputs.length;
    let best = -1;
    let bestD = Number.POSITIVE_INFINITY;
    for (let c = 0; c < this.k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const t = f[this.inputs[j]] - this.centroids[c * d + j];
        s += t * t;
      }
      if (this.mode === 'distances') f[this.outputs[c]] = Math.sqrt(s);
      else if (s < bestD) {
        bestD = s;
        best = c;
      }
    }
    if (this.mode === 'labels') f[this.outputs[0]] = best < 0 ? Number.NaN : best;
  }
}
