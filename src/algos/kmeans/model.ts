/**
 * H2O K-means MOJO (`algo = kmeans`, KMeansMojoReader mojo_version 1.00): model.ini keys
 * standardize, standardize_means / _mults / _modes (when standardised), center_num and
 * center_<i>. Scoring follows KMeansMojoModel: optional standardisation (missing numerics →
 * mean, missing categoricals → mode), then the closest centre by squared Euclidean distance on
 * numerics + 0/1 mismatch on categoricals, scaled up for missing dimensions. No finite
 * distance → cluster -1, as the reference reports it.
 */
import type { MojoHeader } from '../../mojo/index.ts';
import { type InputColumn, ModelBase, type OutputColumn } from '../model.ts';
import { featureInputs } from '../common/index.ts';

export class KMeansModel extends ModelBase {
  override readonly inputs: readonly InputColumn[];
  override readonly outputs: readonly OutputColumn[] = [{ name: 'cluster', kind: 'integer' }];
  private readonly row: Float64Array;
  private readonly isCat: Uint8Array;

  constructor(
    override readonly header: MojoHeader,
    private readonly centers: Float64Array,
    private readonly k: number,
    private readonly standardize: boolean,
    private readonly means: Float64Array,
    private readonly mults: Float64Array | null,
    private readonly modes: Int32Array,
  ) {
    super();
    this.inputs = featureInputs(header);
    const n = header.nfeatures;
    this.row = new Float64Array(n);
    this.isCat = new Uint8Array(n);
    for (let i = 0; i < n; i++) this.isCat[i] = header.domains[i] !== null ? 1 : 0;
  }

  protected override scoreRow(raw: Float64Array, out: Float64Array, _offset: number): void {
    const n = this.row.length;
    const row = this.row;
    if (this.standardize) {
      const { means, mults, modes } = this;
      for (let i = 0; i < n; i++) {
        let d = raw[i];
        if (modes[i] === -1) {
          if (d !== d) d = means[i];
          if (mults !== null) d = (d - means[i]) * mults[i];
        } else if (d !== d) d = modes[i];
        row[i] = d;
      }
    } else {
      for (let i = 0; i < n; i++) row[i] = raw[i];
    }
    const centers = this.centers;
    const isCat = this.isCat;
    let best = -1;
    let bestSqr = Number.MAX_VALUE;
    for (let c = 0; c < this.k; c++) {
      const base = c * n;
      let sqr = 0;
      let pts = n;
      for (let j = 0; j < n; j++) {
        const d = row[j];
        if (d !== d) {
          pts--;
          continue;
        }
        if (isCat[j] === 1) {
          if (d !== centers[base + j]) sqr += 1;
        } else {
          const delta = d - centers[base + j];
          sqr += delta * delta;
        }
      }
      if (pts > 0 && pts < n) sqr *= n / pts;
      if (sqr < bestSqr) {
        best = c;
        bestSqr = sqr;
      }
    }
    out[0] = best;
  }
}
