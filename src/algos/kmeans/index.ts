/** H2O K-means MOJO evaluator. */
import { MojoFormatError } from '../../errors.ts';
import type { AlgorithmReader, Model, ReaderContext } from '../model.ts';
import { kvCount, kvDoubles, kvDoublesOpt, kvInts } from '../common/index.ts';
import { KMeansModel } from './model.ts';

const MAX_CENTERS = 1 << 20;

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
