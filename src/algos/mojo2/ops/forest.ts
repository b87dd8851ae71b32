/**
 * Tree ensembles of MOJO2 pipelines (XGBoost gbtree and LightGBM in protobuf model files,
 * XGBoost text dumps and Cap'n Proto files of TOML pipelines), decoded once into flat typed
 * arrays and walked by an interpreter. Raw score of group g = base + Σ leaf values of its trees,
 * in tree order, in double.
 */
import { MojoFormatError } from '../../../errors.ts';
import { compileOrInterpret } from '../../common/index.ts';
import type { Step } from '../program.ts';
import { compileForest, type ForestSum, forestDepth } from './forest-codegen.ts';

/** How a split compares x with its threshold: `x < t` (XGBoost) or `x <= t` (LightGBM). */
export type SplitRule = 'lt' | 'le';

/** One tree as read from a file: nodes by position, node 0 the root. */
export interface TreeNodes {
  /** Per node: feature index, or -1 for a leaf. */
  feature: number[];
  threshold: number[];
  yes: number[];
  no: number[];
  missing: number[];
  /** Leaf value (splits: ignored). */
  value: number[];
}

/** Deepest tree accepted (a deeper one is almost surely a cycle or a hostile file). */
const MAX_TREE_DEPTH = 4096;

/** All trees of one model, concatenated. */
export class Forest {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly yes: Int32Array;
  readonly no: Int32Array;
  readonly missing: Int32Array;
  readonly value: Float64Array;
  readonly roots: Int32Array;
  readonly groups: Int32Array;

  /**
   * Checks every child index and feature index, and that each tree is a tree (every node
   * reached once from the root), before anything is sized for scoring.
   */
  constructor(trees: readonly TreeNodes[], groups: ArrayLike<number>, nGroups: number, nFeatures: number, origin: string) {
    if (groups.length !== trees.length) throw new MojoFormatError(`${origin}: ${trees.length} trees but ${groups.length} tree groups`);
    let total = 0;
    for (const t of trees) total += t.feature.length;
    this.feature = new Int32Array(total);
    this.threshold = new Float64Array(total);
    this.yes = new Int32Array(total);
    this.no = new Int32Array(total);
    this.missing = new Int32Array(total);
    this.value = new Float64Array(total);
    this.roots = new Int32Array(trees.length);
    this.groups = new Int32Array(trees.length);
    let base = 0;
    for (let t = 0; t < trees.length; t++) {
      const tree = trees[t];
      const n = tree.feature.length;
      if (n === 0) throw new MojoFormatError(`${origin}: tree ${t} has no nodes`);
      const g = groups[t];
      if (!(Number.isInteger(g) && g >= 0 && g < nGroups))
        throw new MojoFormatError(`${origin}: tree ${t} belongs to group ${g} of ${nGroups}`);
      this.groups[t] = g;
      this.roots[t] = base;
      checkTree(tree, nFeatures, `${origin}: tree ${t}`);
      for (let i = 0; i < n; i++) {
        const leaf = tree.feature[i] < 0;
        this.feature[base + i] = leaf ? -1 : tree.feature[i];
        this.threshold[base + i] = tree.threshold[i];
        this.yes[base + i] = leaf ? 0 : base + tree.yes[i];
        this.no[base + i] = leaf ? 0 : base + tree.no[i];
        this.missing[base + i] = leaf ? 0 : base + tree.missing[i];
        this.value[base + i] = tree.value[i];
      }
      base += n;
    }
  }

  get nodeCount(): number {
    return this.feature.length;
  }
}

function checkTree(tree: TreeNodes, nFeatures: number, where: string): void {
  const n = tree.feature.length;
  const seen = new Uint8Array(n);
  const stack: number[] = [0];
  const depth: number[] = [0];
  seen[0] = 1;
  while (stack.length > 0) {
    const i = stack.pop()!;
    const d = depth.pop()!;
    if (d > MAX_TREE_DEPTH) throw new MojoFormatError(`${where}: deeper than ${MAX_TREE_DEPTH}`);
    const f = tree.feature[i];
    if (f < 0) {
      if (!Number.isFinite(tree.value[i])) throw new MojoFormatError(`${where}: node ${i} has leaf value ${tree.value[i]}`);
      continue;
    }
    if (!(Number.isInteger(f) && f < nFeatures)) throw new MojoFormatError(`${where}: node ${i} splits on feature ${f} of ${nFeatures}`);
    if (Number.isNaN(tree.threshold[i])) throw new MojoFormatError(`${where}: node ${i} has threshold NaN`);
    for (const c of [tree.yes[i], tree.no[i]]) {
      if (!(Number.isInteger(c) && c >= 0 && c < n)) throw new MojoFormatError(`${where}: node ${i} has child ${c} of ${n} nodes`);
      if (seen[c] === 1) throw new MojoFormatError(`${where}: node ${c} is reached twice`);
      seen[c] = 1;
      stack.push(c);
      depth.push(d + 1);
    }
    const m = tree.missing[i];
    if (m !== tree.yes[i] && m !== tree.no[i]) throw new MojoFormatError(`${where}: node ${i} sends missing values to ${m}, not a child`);
  }
}

/** Sums the forest's trees per group into `sums` for the model inputs at `slots` of frame `f`. */
export function sumTrees(forest: Forest, rule: SplitRule, f: Float64Array, slots: Int32Array, sums: Float64Array): void {
  const { feature, threshold, yes, no, missing, value, roots, groups } = forest;
  const nt = roots.length;
  for (let t = 0; t < nt; t++) {
    let i = roots[t];
    let feat = feature[i];
    while (feat >= 0) {
      const x = f[slots[feat]];
      if (x !== x) i = missing[i];
      else if (rule === 'lt' ? x < threshold[i] : x <= threshold[i]) i = yes[i];
      else i = no[i];
      feat = feature[i];
    }
    sums[groups[t]] += value[i];
  }
}

/**
 * Forests smaller than this are interpreted: a stacked pipeline runs many small fold models per
 * row, and one shared interpreter loop beats as many small generated functions (bench/mojo2.ts,
 * 8 s windows on a loaded 2-core machine: G5's 238-node folds 26k interpreted vs 20k generated
 * rows/s), while a single larger forest gains from generated code (the credit pipeline's
 * 2,600 nodes: 365k vs 220k). G1 (25 text-dump folds, up to ~10k nodes each) still measured
 * faster interpreted there (12k vs 3k): the JIT had not settled its many generated functions.
 */
export const MIN_COMPILED_NODES = 1000;

/** A tree model step: one output per group, base + Σ leaves (rounded when the output is Float32). */
export class ForestStep implements Step {
  private readonly sums: Float64Array;
  /** Generated code for the forest, or the interpreter (compileOrInterpret decides). */
  private readonly sum: ForestSum;

  constructor(
    forest: Forest,
    rule: SplitRule,
    private readonly base: number,
    /** Frame slot of each model feature. */
    featureSlots: Int32Array,
    private readonly outputs: Int32Array,
    private readonly f32: Uint8Array,
  ) {
    this.sums = new Float64Array(outputs.length);
    const interpret: ForestSum = (frame, sums) => sumTrees(forest, rule, frame, featureSlots, sums);
    this.sum =
      forest.nodeCount < MIN_COMPILED_NODES
        ? interpret
        : compileOrInterpret(
            { nodes: forest.nodeCount, depth: forestDepth(forest) },
            () => compileForest(forest, rule, featureSlots),
            interpret,
          );
  }

  run(f: Float64Array): void {
    const s = this.sums;
    s.fill(this.base);
    this.sum(f, s);
    for (let g = 0; g < s.length; g++) f[this.outputs[g]] = this.f32[g] === 1 ? Math.fround(s[g]) : s[g];
  }
}
