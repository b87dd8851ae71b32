/**
 * Regression trees of XGBoost's legacy binary model (`RegTree::Load`), decoded into flat typed
 * arrays shared by every tree of a booster.
 *
 * Per tree: a param block of 37 int32 (num_roots, num_nodes, num_deleted, max_depth,
 * num_feature, size_leaf_vector, 31 reserved), then `num_nodes` nodes of 20 bytes
 * (parent, cleft, cright, sindex: int32; one float32 that is the leaf value when cleft == -1,
 * the split condition otherwise), then `num_nodes` stats of 16 bytes (loss_chg, sum_hess,
 * base_weight: float32; leaf_child_cnt: int32). The top bit of sindex says "missing goes left".
 */
import { MojoFormatError } from '../../errors.ts';
import type { ByteReader } from '../../mojo/index.ts';

const TREE_PARAM_INTS = 37;
const NODE_BYTES = 20;
const STAT_BYTES = 16;
const DEFAULT_LEFT_BIT = 0x80000000;
const SPLIT_INDEX_MASK = 0x7fffffff;

/** All trees of a booster, nodes concatenated; child indices are absolute (−1 on leaves). */
export interface BoosterTrees {
  readonly ntrees: number;
  /** Absolute index of each tree's node 0. */
  readonly root: Int32Array;
  /** Number of nodes per tree. */
  readonly size: Int32Array;
  /** Depth of each tree counted in nodes (a lone leaf is 1). */
  readonly depth: Int32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Child taken when the split feature is missing (NaN). */
  readonly missing: Int32Array;
  readonly feature: Int32Array;
  /** float32 values held as doubles. */
  readonly split: Float64Array;
  readonly leaf: Float64Array;
  /** Node cover (sum_hess), float32 values; H2O may overwrite it with aux node weights. */
  readonly cover: Float64Array;
}

interface RawTree {
  nodes: number;
  cleft: Int32Array;
  cright: Int32Array;
  sindex: Uint32Array;
  value: Float32Array;
  cover: Float32Array;
}

function readTree(r: ByteReader, t: number): RawTree {
  const origin = r.origin;
  r.i32(); // num_roots (the predictor always starts at node 0)
  const n = r.i32();
  r.skip((TREE_PARAM_INTS - 2) * 4);
  if (n < 1 || n * (NODE_BYTES + STAT_BYTES) > r.remaining) {
    throw new MojoFormatError(`${origin}: tree ${t} has a bad node count ${n}`);
  }
  const cleft = new Int32Array(n);
  const cright = new Int32Array(n);
  const sindex = new Uint32Array(n);
  const value = new Float32Array(n);
  const cover = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    r.i32(); // parent
    cleft[i] = r.i32();
    cright[i] = r.i32();
    sindex[i] = r.u32();
    value[i] = r.f32();
  }
  for (let i = 0; i < n; i++) {
    r.f32(); // loss_chg
    cover[i] = r.f32();
    r.f32(); // base_weight
    r.i32(); // leaf_child_cnt
  }
  return { nodes: n, cleft, cright, sindex, value, cover };
}

/**
 * Walks the tree from node 0 and checks it is a proper tree: every reached child index in range,
 * no node reached twice (so traversal always terminates). Returns the depth in nodes.
 */
function checkShape(tr: RawTree, t: number, origin: string): number {
  const n = tr.nodes;
  const seen = new Uint8Array(n);
  const stack: number[] = [0, 1];
  let depth = 0;
  seen[0] = 1;
  while (stack.length > 0) {
    const d = stack.pop()!;
    const i = stack.pop()!;
    if (d > depth) depth = d;
    if (tr.cleft[i] === -1) continue;
    for (const c of [tr.cleft[i], tr.cright[i]]) {
      if (c < 0 || c >= n || seen[c] === 1) {
        throw new MojoFormatError(`${origin}: tree ${t} node ${i} has a bad child index ${c}`);
      }
      seen[c] = 1;
      stack.push(c, d + 1);
    }
  }
  return depth;
}

/** Reads `ntrees` consecutive trees into one flat forest. */
export function readForest(r: ByteReader, ntrees: number): BoosterTrees {
  const raws: RawTree[] = [];
  const root = new Int32Array(ntrees);
  const size = new Int32Array(ntrees);
  const depth = new Int32Array(ntrees);
  let total = 0;
  for (let t = 0; t < ntrees; t++) {
    const tr = readTree(r, t);
    depth[t] = checkShape(tr, t, r.origin);
    root[t] = total;
    size[t] = tr.nodes;
    total += tr.nodes;
    raws.push(tr);
  }
  const left = new Int32Array(total);
  const right = new Int32Array(total);
  const missing = new Int32Array(total);
  const feature = new Int32Array(total);
  const split = new Float64Array(total);
  const leaf = new Float64Array(total);
  const cover = new Float64Array(total);
  for (let t = 0; t < ntrees; t++) {
    const tr = raws[t];
    const base = root[t];
    for (let i = 0; i < tr.nodes; i++) {
      const k = base + i;
      const s = tr.sindex[i];
      feature[k] = s & SPLIT_INDEX_MASK;
      cover[k] = tr.cover[i];
      if (tr.cleft[i] === -1) {
        left[k] = right[k] = missing[k] = -1;
        leaf[k] = tr.value[i];
        split[k] = NaN;
      } else {
        left[k] = base + tr.cleft[i];
        right[k] = base + tr.cright[i];
        missing[k] = (s & DEFAULT_LEFT_BIT) !== 0 ? left[k] : right[k];
        split[k] = tr.value[i];
        leaf[k] = NaN;
      }
    }
  }
  return { ntrees, root, size, depth, left, right, missing, feature, split, leaf, cover };
}

/** Highest split feature index used by any reachable split node, −1 when there is none. */
export function maxSplitFeature(f: BoosterTrees): number {
  let m = -1;
  for (let k = 0; k < f.left.length; k++) if (f.left[k] >= 0 && f.feature[k] > m) m = f.feature[k];
  return m;
}

/** The child of split node `n` that `fv` takes: NaN → the default child, else x < split → left (float32 values). */
export function childOf(f: BoosterTrees, n: number, fv: Float64Array): number {
  const v = fv[f.feature[n]];
  return v !== v ? f.missing[n] : v < f.split[n] ? f.left[n] : f.right[n];
}

/** Absolute index of the leaf `fv` reaches in tree `t`. */
export function findLeaf(f: BoosterTrees, t: number, fv: Float64Array): number {
  let n = f.root[t];
  while (f.left[n] >= 0) n = childOf(f, n, fv);
  return n;
}

/** The decision path to the leaf `fv` reaches in tree `t`: one 'L' or 'R' per split. */
export function boosterLeafPath(f: BoosterTrees, t: number, fv: Float64Array): string {
  let path = '';
  let n = f.root[t];
  while (f.left[n] >= 0) {
    const next = childOf(f, n, fv);
    path += next === f.left[n] ? 'L' : 'R';
    n = next;
  }
  return path;
}
