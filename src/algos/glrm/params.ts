/** GLRM's model.ini and blobs decoded into the solver's spec and the optional reconstruction setup. */
import { MojoFormatError } from '../../errors.ts';
import { ByteReader, splitLines } from '../../mojo/index.ts';
import type { ReaderContext } from '../model.ts';
import { checkOffsets, kvCount, kvDoubles, kvInts } from '../common/index.ts';
import { isMultiLoss, type Loss, LOSS_BY_NAME } from './losses.ts';
import { REG_BY_NAME } from './regularizers.ts';
import type { GlrmSpec } from './solver.ts';
import type { Reconstruction } from './model.ts';

/** Decodes the archetypes, losses, regularizers and (when enabled) the reconstruction setup. */
export function readGlrmParams(ctx: ReaderContext): { spec: GlrmSpec; recon: Reconstruction | null } {
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
  return { spec, recon };
}
