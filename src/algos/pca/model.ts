/**
 * H2O PCA MOJO (`algo = pca`, PCAMojoReader mojo_version 1.00): model.ini keys k,
 * use_all_factor_levels, permutation, ncats, nnums, normSub/normMul (absent when nnums = 0),
 * catOffsets, eigenvector_size; blob `eigenvectors_raw` = eigenvector_size × k big-endian
 * doubles. Scoring (PCAMojoModel): projection of the permuted row — one eigenvector row per
 * categorical level (missing / unseen / dropped first level contribute nothing), plus the
 * standardised numerics (missing numerics make the component NaN, as in the reference).
 */
import type { MojoHeader } from '../../mojo/index.ts';
import { type InputColumn, ModelBase, type OutputColumn } from '../model.ts';
import { featureInputs } from '../common/index.ts';

export class PcaModel extends ModelBase {
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
