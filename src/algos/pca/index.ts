/** H2O PCA MOJO evaluator. */
import { MojoFormatError } from '../../errors.ts';
import { ByteReader } from '../../mojo/index.ts';
import type { AlgorithmReader, Model, ReaderContext } from '../model.ts';
import { checkOffsets, kvCount, kvDoubles, kvInts } from '../common/index.ts';
import { PcaModel } from './model.ts';

function read(ctx: ReaderContext): Model {
  const h = ctx.header;
  const info = h.info;
  const origin = ctx.source.origin;
  const k = kvCount(info, 'k', origin, 1 << 20);
  const ncats = kvCount(info, 'ncats', origin, h.nfeatures);
  const nnums = kvCount(info, 'nnums', origin, h.nfeatures);
  if (ncats + nnums !== h.nfeatures) throw new MojoFormatError(`${origin}: ncats ${ncats} + nnums ${nnums} != n_features ${h.nfeatures}`);
  const perm = kvInts(info, 'permutation', origin);
  if (perm.length < ncats + nnums) throw new MojoFormatError(`${origin}: permutation has ${perm.length} entries`);
  for (let i = 0; i < ncats + nnums; i++) {
    if (perm[i] < 0 || perm[i] >= h.nfeatures) throw new MojoFormatError(`${origin}: permutation entry ${perm[i]} out of range`);
  }
  const normSub = nnums === 0 ? new Float64Array(0) : kvDoubles(info, 'normSub', origin);
  const normMul = nnums === 0 ? new Float64Array(0) : kvDoubles(info, 'normMul', origin);
  if (normSub.length < nnums || normMul.length < nnums) throw new MojoFormatError(`${origin}: normSub/normMul shorter than ${nnums}`);
  const catOffsets = kvInts(info, 'catOffsets', origin);
  if (catOffsets.length < ncats + 1)
    throw new MojoFormatError(`${origin}: catOffsets has ${catOffsets.length} entries for ${ncats} categoricals`);
  checkOffsets(catOffsets, 'catOffsets', origin);
  const size = kvCount(info, 'eigenvector_size', origin);
  if (catOffsets[ncats] + nnums > size) throw new MojoFormatError(`${origin}: eigenvector_size ${size} is smaller than the expanded row`);
  const blob = ctx.source.bytes('eigenvectors_raw');
  if (blob.length < size * k * 8)
    throw new MojoFormatError(`${origin}: eigenvectors_raw has ${blob.length} bytes, expected ${size * k * 8}`);
  const r = new ByteReader(blob, false, `${origin}: eigenvectors_raw`);
  const eig = new Float64Array(size * k);
  for (let i = 0; i < eig.length; i++) eig[i] = r.f64();
  const levelShift = info.bool('use_all_factor_levels', false) ? 0 : 1;
  return new PcaModel(h, k, ncats, nnums, perm, catOffsets, normSub, normMul, eig, levelShift);
}

export const pcaReader: AlgorithmReader = { algos: ['pca'], maxMojoVersion: 1.0, read };
