/**
 * XGBoost MOJO (`algo = xgboost`, XGBoostMojoReader up to mojo_version 1.10): model.ini keys
 * (nums, cats, cat_offsets, use_all_factor_levels, sparse, booster, has_offset, calib_*),
 * the native booster in `boosterBytes` and optional `auxNodeWeights` (node covers for SHAP).
 * Scoring follows XGBoostJavaMojoModel: one-hot row → float32 margins → objective link →
 * H2O prediction layout (binomial: [label, 1 − p, p]).
 */
import type { MojoHeader } from '../../mojo/index.ts';
import { CONTRIBUTIONS, type ExtraOutput, LEAF, ModelBase, type OutputColumn } from '../model.ts';
import {
  calibratedOutputs,
  calibrateP1,
  type Calibration,
  classifierOutputs,
  featureInputs,
  predictClass,
  regressionOutputs,
} from '../common/index.ts';
import { predictMargins, type Booster } from './booster.ts';
import { compiledMargins, type CompiledForest } from './booster-codegen.ts';
import { findLeaf, boosterLeafPath, type BoosterTrees } from './booster-trees.ts';
import { applyLink } from './objective.ts';
import type { OneHotEncoder } from './onehot.ts';
import { BoosterShap } from './booster-shap.ts';

/** Trees of output group 0 in booster order (what H2O's SHAP and aux weights use). */
export function groupZeroTrees(b: Booster): Int32Array {
  const out: number[] = [];
  for (let t = 0; t < b.treeGroup.length; t++) if (b.treeGroup[t] === 0) out.push(t);
  return Int32Array.from(out);
}

/** Contribution names as XGBoostJavaMojoModel builds them, or null when it could not. */
function contributionNames(h: MojoHeader, slots: number): string[] | null {
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

export class XGBoostModel extends ModelBase {
  override readonly acceptsOffset: boolean;
  override readonly inputs;
  override readonly outputs: OutputColumn[];
  override readonly explanations: Readonly<Record<string, ExtraOutput>>;
  private readonly fv: Float64Array;
  private readonly margins: Float64Array;
  private readonly scratch: Float64Array;
  private readonly nclasses: number;
  private readonly prior: readonly number[] | undefined;
  private readonly threshold: number;
  private readonly compiled: CompiledForest | null;

  constructor(
    override readonly header: MojoHeader,
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
    this.compiled = compiledMargins(booster);
    this.margins = new Float64Array(booster.groups);
    this.scratch = new Float64Array(this.outWidth);
    const f = booster.forest;
    const explanations: Record<string, ExtraOutput> = {};
    if (f !== null && booster.numClass <= 2) {
      const slots = enc.width;
      const names = contributionNames(h, slots);
      if (names !== null) explanations[CONTRIBUTIONS] = this.makeContributions(f, names, slots);
    }
    if (f !== null) {
      const leaf = this.makeLeaf(f);
      explanations[LEAF] = leaf.paths;
      explanations.leaf_node_ids = leaf.ids;
    }
    this.explanations = explanations;
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

  private makeContributions(f: BoosterTrees, names: string[], slots: number): ExtraOutput {
    const shap = new BoosterShap(f, groupZeroTrees(this.booster), this.booster.baseScore);
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
  private makeLeaf(f: BoosterTrees): { paths: ExtraOutput; ids: ExtraOutput } {
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
          for (let t = 0; t < nt; t++) res[t] = boosterLeafPath(f, t, this.fv);
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
