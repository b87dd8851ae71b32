/**
 * H2O K-means MOJO (`algo = kmeans`, KMeansMojoReader mojo_version 1.00): model.ini keys
 * standardize, standardize_means / _mults / _modes (when standardised), center_num and
 * center_<i>. Scoring follows KMeansMojoModel: optional standardisation (missing numerics →
 * mean, missing categoricals → mode), then the closest centre by squared Euclidean distance on
 * numerics + 0/1 mismatch on categoricals, scaled up for missing dimensions. No finite
 * distance → cluster -1, as the reference reports it.
 */
import { MojoFormatError } from '../../errors.ts';
import type { MojoHeader } from '../../mojo/index.ts';
import { type AlgorithmReader, type InputColumn, type Model, ModelBase, type OutputColumn, type ReaderContext } from '../model.ts';
import { featureInputs } from '../outputs.ts';
import { kvCount, kvDoubles, kvDoublesOpt, kvInts } from '../_kv-arrays.ts';

const MAX_CENTERS = 1 << 20;

class KMeansModel extends ModelBase {
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

function read(ctx: ReaderContext): Model {
  const h = ctx.header;
  const info = h.info;
  const origin = ctx.source.origin;
  const n = h.nfeatures;
  const standardize = info.bool('standardize', false);
  let means: Float64Array = new Float64Array(n);
  let mults: Float64Array | null = null;
  let modes: Int32Array = new Int32Array(n).fill(-1);
  if (standardize) {
    means = kvDoubles(info, 'standardize_means', origin);
    mults = kvDoublesOpt(info, 'standardize_mults') ?? null;
    modes = kvInts(info, 'standardize_modes', origin);
    if (means.length < n || modes.length < n || (mults !== null && mults.length < n)) {
      throw new MojoFormatError(`${origin}: standardize_* arrays are shorter than ${n} features`);
    }
  }
  const k = kvCount(info, 'center_num', origin, MAX_CENTERS);
  const centers = new Float64Array(k * n);
  for (let c = 0; c < k; c++) {
    const v = kvDoubles(info, `center_${c}`, origin);
    if (v.length < n) throw new MojoFormatError(`${origin}: center_${c} has ${v.length} values for ${n} features`);
    centers.set(v.subarray(0, n), c * n);
  }
  return new KMeansModel(h, centers, k, standardize, means, mults, modes);
}

export const kmeansReader: AlgorithmReader = { algos: ['kmeans'], maxMojoVersion: 1.0, read };
