/** XGBoost MOJO reader (pure TypeScript port of the booster format H2O embeds); the evaluator is model.ts. */
import { MojoFormatError } from '../../errors.ts';
import { ByteReader } from '../../mojo/index.ts';
import type { AlgorithmReader, Model, ReaderContext } from '../model.ts';
import { readBooster, type Booster } from './booster.ts';
import { Link, readCalibration } from '../common/index.ts';
import { maxSplitFeature, type BoosterTrees } from './booster-trees.ts';
import { OneHotEncoder } from './onehot.ts';
import { groupZeroTrees, XGBoostModel } from './model.ts';

/** `auxNodeWeights`: native-order (little-endian) int count, then per tree int n + n doubles. */
function applyAuxNodeWeights(bytes: Uint8Array, b: Booster, origin: string): void {
  const f: BoosterTrees | null = b.forest;
  if (f === null) throw new MojoFormatError(`${origin}: auxNodeWeights given for a non-tree booster`);
  const trees = groupZeroTrees(b);
  const r = new ByteReader(bytes, true, origin);
  const n = r.i32();
  if (n < 0 || n > trees.length) throw new MojoFormatError(`${origin}: ${n} weight sets for ${trees.length} trees`);
  for (let i = 0; i < n; i++) {
    const t = trees[i];
    const m = r.i32();
    if (m < 0 || m > f.size[t] || m * 8 > r.remaining)
      throw new MojoFormatError(`${origin}: tree ${i} has ${m} weights for ${f.size[t]} nodes`);
    for (let j = 0; j < m; j++) f.cover[f.root[t] + j] = Math.fround(r.f64());
  }
}

export const xgboostReader: AlgorithmReader = {
  algos: ['xgboost'],
  maxMojoVersion: 1.1,
  read(ctx: ReaderContext): Model {
    const h = ctx.header;
    const src = ctx.source;
    const info = h.info;
    const origin = src.origin;
    const boosterType = info.str('booster');
    const cats = info.int('cats');
    const nums = info.int('nums');
    const catOffsets = Int32Array.from(info.nums('cat_offsets') ?? []);
    const compat10 = h.mojoVersion === 1.0 && boosterType !== 'gbtree';
    const enc = new OneHotEncoder(
      {
        cats,
        nums,
        catOffsets,
        useAllFactorLevels: info.bool('use_all_factor_levels', false),
        sparse: info.bool('sparse', false),
        compat10,
        rawLength: h.nfeatures,
      },
      origin,
    );
    const booster = readBooster(src.bytes('boosterBytes'), `${origin}: boosterBytes`);
    if (src.has('auxNodeWeights')) applyAuxNodeWeights(src.bytes('auxNodeWeights'), booster, `${origin}: auxNodeWeights`);
    if (booster.forest !== null) {
      const mf = maxSplitFeature(booster.forest);
      if (mf >= enc.width) throw new MojoFormatError(`${origin}: a tree splits on feature ${mf}, the encoded row has ${enc.width}`);
    } else if (booster.numFeature > enc.width) {
      throw new MojoFormatError(`${origin}: gblinear reads ${booster.numFeature} features, the encoded row has ${enc.width}`);
    }
    const outputsAfterLink = booster.link === Link.Log || booster.link === Link.ArgMax ? 1 : booster.groups;
    if (booster.link === Link.Log && booster.groups !== 1) {
      throw new MojoFormatError(`${origin}: ${booster.objective} needs a single output group, got ${booster.groups}`);
    }
    if (h.nclasses > 2 && outputsAfterLink > h.nclasses) {
      throw new MojoFormatError(`${origin}: booster has ${outputsAfterLink} outputs for ${h.nclasses} classes`);
    }
    const calib = readCalibration(src, h);
    return new XGBoostModel(h, booster, enc, info.bool('has_offset', false), calib);
  },
};

export { readBooster, predictMargins, type Booster, type BoosterKind } from './booster.ts';
