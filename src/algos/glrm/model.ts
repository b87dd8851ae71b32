/**
 * H2O GLRM MOJO (`algo = glrm`, GlrmMojoReader up to mojo_version 1.10): model.ini keys ncolA,
 * ncolX, ncolY, nrowY, regularizationX, gammaX, num_categories, num_numeric, norm_sub,
 * norm_mul, cols_permutation, num_levels_per_category; text `losses` (one GlrmLoss name per
 * column); blob `archetypes` = nrowY × ncolY big-endian doubles; from 1.10 also seed,
 * reverse_transform, transposed, catOffsets (needed for the `glrm_reconstruct` extra).
 *
 * Outputs Arch1…ArchK: the X factor solved per row (see solver.ts). Like the reference, the
 * model is stateful — row n of a model's life is seeded with seed + n — so results depend on
 * how many rows this model instance has scored before (each process / worker counts its own).
 * Older MOJOs without the 1.10 keys are seeded with 0 (the reference uses the wall clock).
 */
import type { MojoHeader } from '../../mojo/index.ts';
import { type ExtraOutput, type InputColumn, ModelBase, NO_EXPLANATIONS, type OutputColumn } from '../model.ts';
import { featureInputs } from '../common/index.ts';
import { impute, mimpute } from './losses.ts';
import { GlrmSolver, type GlrmSpec } from './solver.ts';

/** Name of the extra output with the reconstructed row (EasyPredictModelWrapper enableGLRMReconstruct). */
export const GLRM_RECONSTRUCT = 'glrm_reconstruct';

export interface Reconstruction {
  catOffsets: Int32Array;
  reverseTransform: boolean;
}

export class GlrmModel extends ModelBase {
  override readonly stateful = true;
  override readonly inputs: readonly InputColumn[];
  override readonly outputs: readonly OutputColumn[];
  override readonly explanations: Readonly<Record<string, ExtraOutput>>;
  private readonly solver: GlrmSolver;
  private readonly xbuf: Float64Array;
  private readonly block: Float64Array;

  constructor(
    override readonly header: MojoHeader,
    private readonly spec: GlrmSpec,
    private readonly recon: Reconstruction | null,
  ) {
    super();
    this.inputs = featureInputs(header);
    const cols: OutputColumn[] = [];
    for (let i = 0; i < spec.k; i++) cols.push({ name: `Arch${i + 1}`, kind: 'number' });
    this.outputs = cols;
    this.solver = new GlrmSolver(spec);
    this.xbuf = new Float64Array(spec.k);
    let maxLevels = 1;
    for (let j = 0; j < spec.ncats; j++) maxLevels = Math.max(maxLevels, spec.numLevels[j]);
    this.block = new Float64Array(maxLevels);
    if (recon !== null) {
      const names = header.columns.slice(0, header.nfeatures).map((c) => `reconstr_${c}`);
      this.explanations = {
        [GLRM_RECONSTRUCT]: { names, compute: (raw) => this.reconstruct(raw) },
      };
    } else this.explanations = NO_EXPLANATIONS;
  }

  protected override scoreRow(raw: Float64Array, out: Float64Array, _offset: number): void {
    this.solver.solve(raw, out);
  }

  /** Scores the row (advancing the seed counter like the reference) and imputes it from X·Y. */
  private reconstruct(raw: Float64Array): number[] {
    const s = this.spec;
    const r = this.recon!;
    const x = this.xbuf;
    this.solver.solve(raw, x);
    const preds = new Array<number>(s.ncolA).fill(0);
    const { Y, ncolY, k } = s;
    for (let d = 0; d < s.ncats; d++) {
      const n = s.numLevels[d];
      for (let level = 0; level < n; level++) {
        let v = 0;
        const col = r.catOffsets[d] + level;
        for (let i = 0; i < k; i++) v += x[i] * Y[i * ncolY + col];
        this.block[level] = v;
      }
      preds[s.perm[d]] = mimpute(s.losses[d], this.block, n);
    }
    const numBase = r.catOffsets[r.catOffsets.length - 1];
    for (let d = s.ncats; d < s.ncolA; d++) {
      const ds = d - s.ncats;
      let v = 0;
      for (let i = 0; i < k; i++) v += x[i] * Y[i * ncolY + numBase + ds];
      let p = impute(s.losses[d], v);
      if (r.reverseTransform) p = p / s.normMul[ds] + s.normSub[ds];
      preds[s.perm[d]] = p;
    }
    return preds;
  }
}
