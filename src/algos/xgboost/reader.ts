/**
 * XGBoost MOJO (`algo = xgboost`, XGBoostMojoReader up to mojo_version 1.10): model.ini keys
 * (nums, cats, cat_offsets, use_all_factor_levels, sparse, booster, has_offset, calib_*),
 * the native booster in `boosterBytes` and optional `auxNodeWeights` (node covers for SHAP).
 * Scoring follows XGBoostJavaMojoModel: one-hot row → float32 margins → objective link →
 * H2O prediction layout (binomial: [label, 1 − p, p]).
 */
import { MojoFormatError } from '../../errors.ts';
import { ByteReader } from '../../mojo/index.ts';
import { type AlgorithmReader, type ExtraOutput, type Model, ModelBase, type OutputColumn, type ReaderContext } from '../model.ts';
import { calibratedOutputs, classifierOutputs, featureInputs, regressionOutputs } from '../outputs.ts';
import { predictMargins, readBooster, type Booster } from './booster.ts';
import { calibrateP1, codegenDisabled, predictClass, readCalibration, type Calibration } from '../shared/index.ts';
import { compileForest, type CompiledForest } from './compile.ts';
import { findLeaf, leafPath, maxSplitFeature, type Forest } from './forest.ts';
import { applyLink, Link } from './objective.ts';
import { OneHotEncoder } from './onehot.ts';
import { TreeShap } from './shap.ts';

/** Trees of output group 0 in booster order (what H2O's SHAP and aux weights use). */
function groupZeroTrees(b: Booster): Int32Array {
  const out: number[] = [];
  for (let t = 0; t < b.treeGroup.length; t++) if (b.treeGroup[t] === 0) out.push(t);
  return Int32Array.from(out);
}

/** `auxNodeWeights`: native-order (little-endian) int count, then per tree int n + n doubles. */
function applyAuxNodeWeights(bytes: Uint8Array, b: Booster, origin: string): void {
  const f: Forest | null = b.forest;
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

/** Contribution names as XGBoostJavaMojoModel builds them, or null when it could not. */
function contributionNames(ctx: ReaderContext, slots: number): string[] | null {
  const h = ctx.header;
  const names: string[] = [];
  for (let c = 0; c < h.nfeatures; c++) {
    const dom = h.domains[c];
    if (dom === null) names.push(h.columns[c]);
    else {
      for (const d of dom) names.push(`${h.columns[c]}.${d}`);
      names.push(`${h.columns[c]}.missing(NA)`);
    }
  }
  if (names.length > slots) return null;
  for (let i = names.length; i < slots; i++) names.push(`C${i + 1}`);
  names.push('BiasTerm');
  return names;
}

class XGBoostModel extends ModelBase {
  override readonly acceptsOffset: boolean;
  override readonly inputs;
  override readonly outputs: OutputColumn[];
  readonly contributions?: ExtraOutput;
  readonly leafAssignments?: ExtraOutput;
  readonly extras?: Readonly<Record<string, ExtraOutput>>;
  private readonly fv: Float64Array;
  private readonly margins: Float64Array;
  private readonly scratch: Float64Array;
  private readonly nclasses: number;
  private readonly prior: readonly number[] | undefined;
  private readonly threshold: number;
  private readonly compiled: CompiledForest | null;

  constructor(
    override readonly header: ReaderContext['header'],
    ctx: ReaderContext,
    private readonly booster: Booster,
    private readonly enc: OneHotEncoder,
    private readonly hasOffset: boolean,
    private readonly calib: Calibration | null,
  ) {
    super();
    const h = header;
    this.acceptsOffset = hasOffset;
    this.loadError = enc.rowError;
    this.inputs = featureInputs(h);
    this.nclasses = h.nclasses;
    this.prior = h.priorClassDistrib;
    this.threshold = h.defaultThreshold;
    if (h.nclasses >= 2) {
      this.outputs = classifierOutputs(h);
      if (h.nclasses === 2 && calib !== null) this.outputs.push(...calibratedOutputs(h));
    } else this.outputs = regressionOutputs();
    this.fv = new Float64Array(Math.max(enc.width, booster.numFeature));
    this.compiled = codegenDisabled() ? null : compileForest(booster);
    this.margins = new Float64Array(booster.groups);
    this.scratch = new Float64Array(this.outWidth);
    const f = booster.forest;
    if (f !== null && booster.numClass <= 2) {
      const slots = enc.width;
      const names = contributionNames(ctx, slots);
      if (names !== null) this.contributions = this.makeContributions(f, names, slots);
    }
    if (f !== null) {
      const leaf = this.makeLeaf(f);
      this.leafAssignments = leaf.paths;
      this.extras = { leaf_node_ids: leaf.ids };
    }
  }

  protected override scoreRow(raw: Float64Array, out: Float64Array, offset: number): void {
    const enc = this.enc;
    const b = this.booster;
    enc.encode(raw, this.fv);
    const m = this.margins;
    predictMargins(b, this.fv, this.hasOffset ? Math.fround(offset) : b.baseScore, m, this.compiled);
    const n = applyLink(b.link, m, b.groups);
    const k = this.nclasses;
    if (k > 2) {
      for (let i = 0; i < k; i++) out[1 + i] = i < n ? m[i] : 0;
      out[0] = predictClass(out, k, this.prior, raw, this.threshold);
    } else if (k === 2) {
      out[1] = Math.fround(1 - m[0]);
      out[2] = m[0];
      out[0] = predictClass(out, 2, this.prior, raw, this.threshold);
      const cal = this.calib;
      if (cal !== null && this.outWidth === 5) {
        const p = calibrateP1(cal, out[1], out[2]);
        out[3] = 1 - p;
        out[4] = p;
      }
    } else {
      out[0] = m[0];
    }
  }

  private makeContributions(f: Forest, names: string[], slots: number): ExtraOutput {
    const shap = new TreeShap(f, groupZeroTrees(this.booster), this.booster.baseScore);
    const phi = new Float32Array(slots + 1);
    return {
      names,
      compute: (raw, offset) => {
        this.score(raw, this.scratch, offset); // the reference predicts first (and may throw)
        shap.compute(this.fv, phi);
        return Array.from(phi);
      },
    };
  }

  /** Leaf paths ("LRL…", the --leaf output) and, as an extra, the leaf node ids. */
  private makeLeaf(f: Forest): { paths: ExtraOutput; ids: ExtraOutput } {
    const tg = this.booster.treeGroup;
    const names: string[] = [];
    const seen = new Map<number, number>();
    for (let t = 0; t < f.ntrees; t++) {
      const k = (seen.get(tg[t]) ?? 0) + 1;
      seen.set(tg[t], k);
      names.push(`T${k}.C${tg[t] + 1}`);
    }
    const nt = f.ntrees;
    return {
      paths: {
        names,
        compute: (raw, offset) => {
          this.score(raw, this.scratch, offset); // the reference predicts first (and may throw)
          const res: string[] = new Array(nt);
          for (let t = 0; t < nt; t++) res[t] = leafPath(f, t, this.fv);
          return res;
        },
      },
      ids: {
        names: names.map((n) => `${n}.nodeid`),
        compute: (raw, offset) => {
          this.score(raw, this.scratch, offset);
          const res: number[] = new Array(nt);
          for (let t = 0; t < nt; t++) res[t] = findLeaf(f, t, this.fv) - f.root[t];
          return res;
        },
      },
    };
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
    const outputsAfterLink = booster.link === Link.Exp || booster.link === Link.SoftmaxClass ? 1 : booster.groups;
    if (booster.link === Link.Exp && booster.groups !== 1) {
      throw new MojoFormatError(`${origin}: ${booster.objective} needs a single output group, got ${booster.groups}`);
    }
    if (h.nclasses > 2 && outputsAfterLink > h.nclasses) {
      throw new MojoFormatError(`${origin}: booster has ${outputsAfterLink} outputs for ${h.nclasses} classes`);
    }
    const calib = readCalibration(src, h);
    return new XGBoostModel(h, ctx, booster, enc, info.bool('has_offset', false), calib);
  },
};
