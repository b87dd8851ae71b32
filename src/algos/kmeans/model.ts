/**
 * H2O K-means MOJO (`algo = kmeans`, KMeansMojoReader mojo_version 1.00): model.ini keys
 * standardize, standardize_means / _mults / _modes (when standardised), center_num and
 * center_<i>. Scoring follows KMeansMojoModel: optional standardisation (missing numerics →
 * mean, missing categoricals → mode), then the closest centre by squared Euclidean distance on
 * numerics + 0/1 mismatch on categoricals, scaled up for missing dimensions (closest-center.ts).
 * No finite distance → cluster -1, as the reference reports it.
 */
import type { MojoHeader } from '../../mojo/index.ts';
import { type InputColumn, ModelBase, type OutputColumn } from '../model.ts';
import { featureInputs } from '../common/index.ts';
import { type ClosestCenter, closestCenterFunction } from './closest-center.ts';

export class KMeansModel extends ModelBase {
  override readonly inputs: readonly InputColumn[];
  override readonly outputs: readonly OutputColumn[] = [{ name: 'cluster', kind: 'integer' }];
  /** The closest centre's index (compiled for this model when code generation is on). */
  private readonly closest: ClosestCenter;

  constructor(
    override readonly header: MojoHeader,
    centers: Float64Array,
    k: number,
    standardize: boolean,
    means: Float64Array,
    mults: Float64Array | null,
    modes: Int32Array,
  ) {
    super();
    this.inputs = featureInputs(header);
    const n = header.nfeatures;
    const isCat = new Uint8Array(n);
    for (let i = 0; i < n; i++) isCat[i] = header.domains[i] !== null ? 1 : 0;
    this.closest = closestCenterFunction({ centers, k, n, isCat, standardize, means, mults, modes });
  }

  protected override scoreRow(raw: Float64Array, out: Float64Array, _offset: number): void {
    out[0] = this.closest(raw);
  }
}
