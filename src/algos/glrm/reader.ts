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
import { MojoFormatError } from '../../errors.ts';
import type { MojoHeader } from '../../mojo/index.ts';
import { ByteReader, splitLines } from '../../mojo/index.ts';
import {
  type AlgorithmReader,
  type ExtraOutput,
  type InputColumn,
  type Model,
  ModelBase,
  type OutputColumn,
  type ReaderContext,
} from '../model.ts';
import { featureInputs } from '../outputs.ts';
import { checkOffsets, kvCount, kvDoubles, kvInts } from '../_kv-arrays.ts';
import { impute, isMultiLoss, type Loss, LOSS_BY_NAME, mimpute } from './losses.ts';
import { REG_BY_NAME } from './regularizers.ts';
import { GlrmSolver, type GlrmSpec } from './solver.ts';

/** Name of the extra output with the reconstructed row (EasyPredictModelWrapper enableGLRMReconstruct). */
export const GLRM_RECONSTRUCT = 'glrm_reconstruct';

interface Reconstruction {
  catOffsets: Int32Array;
  reverseTransform: boolean;
}

class GlrmModel extends ModelBase {
  override readonly inputs: readonly InputColumn[];
  override readonly outputs: readonly OutputColumn[];
  readonly extras?: Readonly<Record<string, ExtraOutput>>;
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
      this.extras = {
        [GLRM_RECONSTRUCT]: { names, compute: (raw) => this.reconstruct(raw) },
      };
    }
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

function read(ctx: ReaderContext): Model {
  const h = ctx.header;
  const info = h.info;
  const origin = ctx.source.origin;
  const ncolA = kvCount(info, 'ncolA', origin);
  const ncolY = kvCount(info, 'ncolY', origin);
  const nrowY = kvCount(info, 'nrowY', origin);
  const k = kvCount(info, 'ncolX', origin, 1 << 16);
  if (k < 1 || nrowY !== k) throw new MojoFormatError(`${origin}: nrowY ${nrowY} must equal ncolX ${k} (>= 1)`);
  if (ncolA !== h.nfeatures) throw new MojoFormatError(`${origin}: ncolA ${ncolA} != n_features ${h.nfeatures}`);
  const regName = info.str('regularizationX', '');
  const reg = REG_BY_NAME.get(regName);
  if (reg === undefined) throw new MojoFormatError(`${origin}: unknown regularizationX '${regName}'`);
  const ncats = kvCount(info, 'num_categories', origin, ncolA);
  const nnums = kvCount(info, 'num_numeric', origin, ncolA);
  if (ncats + nnums !== ncolA) throw new MojoFormatError(`${origin}: num_categories + num_numeric != ncolA`);
  const normSub = kvDoubles(info, 'norm_sub', origin);
  const normMul = kvDoubles(info, 'norm_mul', origin);
  if (normSub.length < nnums || normMul.length < nnums) throw new MojoFormatError(`${origin}: norm_sub/norm_mul shorter than ${nnums}`);
  const perm = kvInts(info, 'cols_permutation', origin);
  if (perm.length < ncolA) throw new MojoFormatError(`${origin}: cols_permutation has ${perm.length} entries`);
  for (let i = 0; i < ncolA; i++)
    if (perm[i] < 0 || perm[i] >= ncolA) throw new MojoFormatError(`${origin}: cols_permutation entry ${perm[i]} out of range`);
  const lossNames = splitLines(ctx.source.text('losses'));
  if (lossNames.length !== ncolA) throw new MojoFormatError(`${origin}: losses has ${lossNames.length} entries for ${ncolA} columns`);
  const losses: Loss[] = lossNames.map((name, j) => {
    const l = LOSS_BY_NAME.get(name);
    if (l === undefined) throw new MojoFormatError(`${origin}: unknown GLRM loss '${name}'`);
    if (isMultiLoss(l) !== j < ncats)
      throw new MojoFormatError(`${origin}: loss ${name} does not fit ${j < ncats ? 'categorical' : 'numeric'} column ${j}`);
    return l;
  });
  const numLevels = kvInts(info, 'num_levels_per_category', origin);
  if (numLevels.length < ncats) throw new MojoFormatError(`${origin}: num_levels_per_category has ${numLevels.length} entries`);
  let width = nnums;
  for (let j = 0; j < ncats; j++) {
    if (numLevels[j] < 1) throw new MojoFormatError(`${origin}: categorical ${j} has ${numLevels[j]} levels`);
    width += numLevels[j];
  }
  if (width > ncolY) throw new MojoFormatError(`${origin}: the expanded row (${width}) is wider than Y (${ncolY})`);
  const blob = ctx.source.bytes('archetypes');
  if (blob.length < nrowY * ncolY * 8)
    throw new MojoFormatError(`${origin}: archetypes has ${blob.length} bytes, expected ${nrowY * ncolY * 8}`);
  const br = new ByteReader(blob, false, `${origin}: archetypes`);
  const Y = new Float64Array(nrowY * ncolY);
  for (let i = 0; i < Y.length; i++) Y[i] = br.f64();

  let seed = 0n;
  const seedText = info.str('seed');
  if (seedText !== undefined) {
    if (!/^[+-]?\d+$/.test(seedText.trim())) throw new MojoFormatError(`${origin}: seed '${seedText}' is not a long`);
    seed = BigInt(seedText.trim());
  }
  let recon: Reconstruction | null = null;
  if (info.has('reverse_transform') && info.has('transposed') && info.has('catOffsets')) {
    const catOffsets = kvInts(info, 'catOffsets', origin);
    checkOffsets(catOffsets, 'catOffsets', origin);
    if (catOffsets.length < ncats + 1) throw new MojoFormatError(`${origin}: catOffsets has ${catOffsets.length} entries`);
    for (let j = 0; j < ncats; j++) {
      if (catOffsets[j] + numLevels[j] > ncolY) throw new MojoFormatError(`${origin}: catOffsets exceed Y`);
    }
    if (catOffsets[catOffsets.length - 1] + nnums > ncolY) throw new MojoFormatError(`${origin}: catOffsets exceed Y`);
    recon = { catOffsets, reverseTransform: info.bool('reverse_transform') };
  } else {
    seed = 0n;
  }
  const spec: GlrmSpec = {
    ncolA,
    k,
    ncolY,
    ncats,
    numLevels,
    perm,
    losses,
    normSub,
    normMul,
    reg,
    gammaX: info.num('gammaX'),
    Y,
    seed48: Number(BigInt.asUintN(48, seed)),
  };
  return new GlrmModel(h, spec, recon);
}

export const glrmReader: AlgorithmReader = { algos: ['glrm'], maxMojoVersion: 1.1, read };
