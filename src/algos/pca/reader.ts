/**
 * H2O PCA MOJO (`algo = pca`, PCAMojoReader mojo_version 1.00): model.ini keys k,
 * use_all_factor_levels, permutation, ncats, nnums, normSub/normMul (absent when nnums = 0),
 * catOffsets, eigenvector_size; blob `eigenvectors_raw` = eigenvector_size × k big-endian
 * doubles. Scoring (PCAMojoModel): projection of the permuted row — one eigenvector row per
 * categorical level (missing / unseen / dropped first level contribute nothing), plus the
 * standardised numerics (missing numerics make the component NaN, as in the reference).
 */
import { MojoFormatError } from '../../errors.ts';
import type { MojoHeader } from '../../mojo/index.ts';
import { ByteReader } from '../../mojo/index.ts';
import { type AlgorithmReader, type InputColumn, type Model, ModelBase, type OutputColumn, type ReaderContext } from '../model.ts';
import { featureInputs } from '../outputs.ts';
import { checkOffsets, kvCount, kvDoubles, kvInts } from '../_kv-arrays.ts';

class PcaModel extends ModelBase {
  override readonly inputs: readonly InputColumn[];
  override readonly outputs: readonly OutputColumn[];

  constructor(
    override readonly header: MojoHeader,
    private readonly k: number,
    private readonly ncats: number,
    private readonly nnums: number,
    private readonly perm: Int32Array,
    private readonly catOffsets: Int32Array,
    private readonly normSub: Float64Array,
    private readonly normMul: Float64Array,
    /** eigenvector_size × k, row-major. */
    private readonly eig: Float64Array,
    private readonly levelShift: number,
  ) {
    super();
    this.inputs = featureInputs(header);
    const cols: OutputColumn[] = [];
    for (let i = 0; i < k; i++) cols.push({ name: `PC${i + 1}`, kind: 'number' });
    this.outputs = cols;
  }

  protected override scoreRow(raw: Float64Array, out: Float64Array, _offset: number): void {
    const { k, ncats, nnums, perm, catOffsets, normSub, normMul, eig, levelShift } = this;
    const numStart = catOffsets[ncats];
    for (let i = 0; i < k; i++) {
      let t = 0;
      for (let j = 0; j < ncats; j++) {
        const v = raw[perm[j]];
        if (v !== v) continue;
        const lastCat = catOffsets[j + 1] - catOffsets[j] - 1;
        const level = Math.trunc(v) - levelShift;
        if (level < 0 || level > lastCat) continue;
        t += eig[(catOffsets[j] + level) * k + i];
      }
      for (let j = 0; j < nnums; j++) {
        t += (raw[perm[ncats + j]] - normSub[j]) * normMul[j] * eig[(numStart + j) * k + i];
      }
      out[i] = t;
    }
  }
}

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
