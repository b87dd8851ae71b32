/**
 * What every H2O shared-tree MOJO (GBM, DRF, Isolation Forest, Uplift DRF) stores, as
 * SharedTreeMojoReader reads it: `n_trees` groups × `n_trees_per_class` trees in
 * `trees/tCC_GGG.bin` (class CC, group GGG; absent blob = empty tree), aux info for
 * mojo > 1.0, optional calibration. Trees are indexed class-major: t = class * groups + group.
 */
import { MojoFormatError, RowError } from '../../../errors.ts';
import type { MojoHeader, MojoSource } from '../../../mojo/index.ts';
import type { ExtraOutput } from '../../model.ts';
import { readCalibration, type Calibration } from '../calibration.ts';
import { leafNodeId, nodeWeights } from './node-records.ts';
import { decodeForest, treeMode, type Forest } from './forest.ts';
import { TreeShap } from './tree-shap.ts';
import { leafPath } from './walk.ts';

const TREE_BLOB = /^t\d{2}_\d{3,}\.bin$/;

export interface TreeEnsemble {
  readonly forest: Forest;
  /** `n_trees`: boosting iterations / forest size. */
  readonly groups: number;
  /** Trees per group (1 for regression and binomial, else one per class). */
  readonly perGroup: number;
  /** Aux blob per tree (null when absent or mojo 1.0). */
  readonly aux: readonly (Uint8Array | null)[];
  readonly calibration: Calibration | null;
  readonly mojoVersion: number;
}

export function readTreeEnsemble(src: MojoSource, h: MojoHeader): TreeEnsemble {
  const info = h.info;
  const origin = src.origin;
  let perGroup = info.has('n_trees_per_class') ? info.int('n_trees_per_class') : -1;
  if (perGroup < 0) {
    const bdt = info.bool('binomial_double_trees', false);
    perGroup = h.nclasses === 2 && !bdt ? 1 : h.nclasses;
  }
  const groups = info.int('n_trees');
  if (groups < 0 || perGroup < 1 || groups * perGroup > 1e7) {
    throw new MojoFormatError(`${origin}: bad tree counts n_trees=${groups}, n_trees_per_class=${perGroup}`);
  }
  // Every group stores at least one tree: a count beyond the blobs present is corrupt.
  const present = src.list('trees/').filter((n) => TREE_BLOB.test(n)).length;
  if (groups > present) throw new MojoFormatError(`${origin}: n_trees = ${groups} but the MOJO holds ${present} tree blobs`);
  const expectedPerGroup = h.nclasses === 1 ? 1 : h.nclasses;
  if (perGroup > Math.max(1, expectedPerGroup)) {
    throw new MojoFormatError(`${origin}: ${perGroup} trees per class for a model with ${h.nclasses} classes`);
  }
  // A non-AUTO `_genmodel_encoding` is an input transformation applied by common/encoding at top level.
  const blobs: (Uint8Array | null)[] = [];
  const aux: (Uint8Array | null)[] = [];
  for (let c = 0; c < perGroup; c++) {
    for (let g = 0; g < groups; g++) {
      const name = `trees/t${String(c).padStart(2, '0')}_${String(g).padStart(3, '0')}`;
      const has = src.has(`${name}.bin`);
      blobs.push(has ? src.bytes(`${name}.bin`) : null);
      // The reference requires the aux blob of every present tree once mojo > 1.0.
      aux.push(has && h.mojoVersion > 1.0 ? src.bytes(`${name}_aux.bin`) : null);
    }
  }
  const domainSizes: (number | null)[] = [];
  for (let i = 0; i < h.nfeatures; i++) domainSizes.push(h.domains[i]?.length ?? null);
  const forest = decodeForest(blobs, domainSizes, treeMode(h.mojoVersion), origin, src.budget);
  return { forest, groups, perGroup, aux, calibration: readCalibration(src, h), mojoVersion: h.mojoVersion };
}

/** Index of tree (group, class) in `forest.roots`. */
export function treeIndex(e: TreeEnsemble, group: number, cls: number): number {
  return cls * e.groups + group;
}

const LEAF_PATH_MIN_VERSION = 1.2;
const LEAF_ID_MIN_VERSION = 1.3;

/**
 * Leaf node assignments: one 'L'/'R' path per tree ("T<group>.C<class>", class-major like the
 * reference's array), plus the aux-based leaf node ids when the MOJO has them.
 */
export function leafOutputs(e: TreeEnsemble): { paths: ExtraOutput; ids?: ExtraOutput } {
  const f = e.forest;
  const n = f.roots.length;
  const names: string[] = [];
  for (let c = 0; c < e.perGroup; c++) for (let g = 0; g < e.groups; g++) names.push(`T${g + 1}.C${c + 1}`);
  const check = (): void => {
    if (e.mojoVersion < LEAF_PATH_MIN_VERSION) {
      throw new RowError('You can only obtain decision tree path with mojo versions 1.2 or higher');
    }
    for (let t = 0; t < n; t++) if (f.roots[t] < 0) throw new RowError(`tree ${names[t]} is absent: no decision path`);
  };
  const paths: ExtraOutput = {
    names,
    compute(raw) {
      check();
      const out: (number | string)[] = [];
      for (let t = 0; t < n; t++) out.push(leafPath(f, f.roots[t], raw) ?? NaN);
      return out;
    },
  };
  if (e.mojoVersion < LEAF_ID_MIN_VERSION || e.aux.some((a) => a === null)) return { paths };
  const ids: ExtraOutput = {
    names: names.map((s) => `${s}.nodeid`),
    compute(raw) {
      check();
      const out: number[] = [];
      for (let t = 0; t < n; t++) {
        const p = leafPath(f, f.roots[t], raw);
        out.push(p === null ? -1 : leafNodeId(e.aux[t]!, p));
      }
      return out;
    },
  };
  return { paths, ids };
}

/**
 * TreeSHAP contributions over all trees (single-output models only): feature columns then
 * BiasTerm, float32 values. `init` is added to the bias first; `post` may rescale the floats.
 * Undefined when the aux info cannot support it.
 */
export function contributionsOutput(
  e: TreeEnsemble,
  h: MojoHeader,
  init: number,
  post?: (phi: Float32Array) => void,
): ExtraOutput | undefined {
  if (e.perGroup !== 1) return undefined;
  const weights = nodeWeights(e.forest, e.aux);
  if (weights === null) return undefined;
  const trees: number[] = [];
  for (let t = 0; t < e.forest.roots.length; t++) trees.push(t);
  const shap = new TreeShap(e.forest, weights, trees);
  const names = [...h.columns.slice(0, h.nfeatures), 'BiasTerm'];
  const phi = new Float32Array(names.length);
  const initF = Math.fround(init);
  return {
    names,
    compute(raw) {
      phi.fill(0);
      phi[phi.length - 1] = initF;
      shap.accumulate(raw, phi);
      if (post) post(phi);
      return Array.from(phi);
    },
  };
}
