/**
 * Tree model → H2O's compressed tree bytes (`trees/tCC_TTT.bin`) and auxiliary node info
 * (`trees/tCC_TTT_aux.bin`), plus a plain reference traversal of the same tree.
 *
 * Compressed tree layout (little-endian), one record per split node in pre-order:
 *
 *   u8  node type   bits 0-1: byte width − 1 of the left-subtree size field
 *                   bits 2-3: split kind (0 = float compare / NA-vs-rest, 8 = 32-bit inline
 *                             bitset, 12 = bitset with u16 offset + u32 bit count)
 *                   bits 4-5: 0b11 when the left child is a leaf (then no size field)
 *                   bits 6-7: 0b11 when the right child is a leaf
 *   u16 column index (0xFFFF marks a tree that is a single leaf: then only an f32 follows)
 *   u8  NA split direction (see NA_DIR)
 *   split payload: f32 threshold | 4 bitset bytes | u16 bit offset, u32 nbits, ⌈nbits/8⌉ bytes
 *                  (nothing for NA-vs-rest)
 *   left-subtree size (1-4 bytes), absent when the left child is a leaf
 *   left child: f32 leaf value or a nested record;  right child: likewise
 *
 * Routing: a row goes right when `x >= threshold` (numeric) or when its level's bit is set
 * (bitset); missing values — and categorical codes outside the bitset's range or the column's
 * domain — follow the NA direction.
 *
 * Aux layout: 40 bytes per split node, same pre-order: i32 node id, i32 number of split nodes
 * in the left subtree, f32 weightL, weightR, predL, predR, sqErrL, sqErrR, i32 nidL, nidR.
 */
import { ByteSink } from './bytes.ts';

/** H2O's NA split direction codes. */
export const NA_DIR = {
  /** Split is "not missing" (left) vs "missing" (right); no threshold stored. */
  NAvsREST: 1,
  /** Missing values were seen in training and go left. */
  NALeft: 2,
  /** Missing values were seen in training and go right. */
  NARight: 3,
  /** No missing values in training; at scoring time they go left. */
  Left: 4,
  /** No missing values in training; at scoring time they go right. */
  Right: 5,
} as const;
export type NaDir = keyof typeof NA_DIR;

/** Training statistics of a node, written to the aux blob (used for SHAP and tree graphs). */
export interface NodeStats {
  /** Sum of observation weights (row count when unweighted). */
  weight: number;
  /** Squared error of the node's training residuals. */
  sqErr: number;
}

export interface TreeLeaf {
  kind: 'leaf';
  /** Leaf prediction; stored as float32. */
  value: number;
  stats?: NodeStats;
  /** Node id for the aux blob; assigned breadth-first when omitted. */
  nid?: number;
}

export type SplitTest =
  /** Right when x >= threshold (threshold stored as float32). */
  | { type: 'numeric'; threshold: number }
  /**
   * Right when the level index is in `rightLevels`. Without `bitoff`/`nbits` a set whose
   * levels are all < 32 is written in the compact 32-bit form; otherwise in the long form
   * covering [bitoff, bitoff + nbits) (default 0 .. max level).
   */
  | { type: 'bitset'; rightLevels: readonly number[]; bitoff?: number; nbits?: number }
  /** Non-missing left, missing right (requires na: 'NAvsREST'). */
  | { type: 'naVsRest' };

export interface TreeSplit {
  kind: 'split';
  col: number;
  na: NaDir;
  test: SplitTest;
  left: TreeNode;
  right: TreeNode;
  nid?: number;
}

export type TreeNode = TreeLeaf | TreeSplit;

export const leaf = (value: number, stats?: NodeStats): TreeLeaf => ({ kind: 'leaf', value, stats });

export function split(col: number, na: NaDir, test: SplitTest, left: TreeNode, right: TreeNode): TreeSplit {
  return { kind: 'split', col, na, test, left, right };
}

// ---------------------------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------------------------

const LEFT_LEAF = 0x30;
const RIGHT_LEAF = 0xc0;
const KIND_BITSET32 = 8;
const KIND_BITSET = 12;

/** Encodes a tree into the compressed byte format. */
export function encodeTree(root: TreeNode): Uint8Array {
  if (root.kind === 'leaf') return new ByteSink().u8(0).u16(0xffff).f32(root.value).toBytes();
  const out = new ByteSink();
  encodeSplit(root, out);
  return out.toBytes();
}

function encodeSplit(n: TreeSplit, out: ByteSink): void {
  validateSplit(n);
  let nodeType = 0;
  const payload = new ByteSink();
  const t = n.test;
  if (t.type === 'numeric') {
    payload.f32(t.threshold);
  } else if (t.type === 'bitset') {
    const bs = bitsetLayout(t);
    nodeType |= bs.compact ? KIND_BITSET32 : KIND_BITSET;
    if (!bs.compact) payload.u16(bs.bitoff).u32(bs.nbits);
    payload.bytes(bs.bytes);
  }

  let leftBytes: Uint8Array;
  let sizeField: Uint8Array | null = null;
  if (n.left.kind === 'leaf') {
    nodeType |= LEFT_LEAF;
    leftBytes = new ByteSink().f32(n.left.value).toBytes();
  } else {
    const sub = new ByteSink();
    encodeSplit(n.left, sub);
    leftBytes = sub.toBytes();
    const size = leftBytes.length;
    const s = new ByteSink();
    if (size < 256) s.u8(size);
    else if (size < 65535) {
      s.u16(size);
      nodeType |= 1;
    } else if (size < 1 << 24) {
      s.u24(size);
      nodeType |= 2;
    } else {
      s.u32(size);
      nodeType |= 3;
    }
    sizeField = s.toBytes();
  }
  if (n.right.kind === 'leaf') nodeType |= RIGHT_LEAF;

  out.u8(nodeType).u16(n.col).u8(NA_DIR[n.na]).bytes(payload.toBytes());
  if (sizeField) out.bytes(sizeField);
  out.bytes(leftBytes);
  if (n.right.kind === 'leaf') out.f32(n.right.value);
  else encodeSplit(n.right, out);
}

function validateSplit(n: TreeSplit): void {
  if (!Number.isInteger(n.col) || n.col < 0 || n.col >= 0xffff) throw new RangeError(`bad column index ${n.col}`);
  if ((n.test.type === 'naVsRest') !== (n.na === 'NAvsREST')) {
    throw new Error(`an NA-vs-rest test needs na = 'NAvsREST' and vice versa (col ${n.col})`);
  }
}

interface BitsetLayout {
  compact: boolean;
  bitoff: number;
  nbits: number;
  bytes: Uint8Array;
}

/** Decides the bitset form and fills its bytes (bit i of byte j = level bitoff + 8j + i). */
export function bitsetLayout(t: { rightLevels: readonly number[]; bitoff?: number; nbits?: number }): BitsetLayout {
  for (const l of t.rightLevels) if (!Number.isInteger(l) || l < 0) throw new RangeError(`bad level ${l}`);
  const max = t.rightLevels.length ? Math.max(...t.rightLevels) : -1;
  const explicit = t.bitoff !== undefined || t.nbits !== undefined;
  const compact = !explicit && max < 32;
  const bitoff = compact ? 0 : (t.bitoff ?? 0);
  const nbits = compact ? 32 : (t.nbits ?? Math.max(1, max + 1 - bitoff));
  if (bitoff > 0xffff) throw new RangeError(`bitset offset ${bitoff} does not fit u16`);
  const bytes = new Uint8Array(((nbits - 1) >> 3) + 1);
  for (const l of t.rightLevels) {
    const i = l - bitoff;
    if (i < 0 || i >= nbits) throw new RangeError(`level ${l} outside bitset [${bitoff}, ${bitoff + nbits})`);
    bytes[i >> 3] |= 1 << (i & 7);
  }
  return { compact, bitoff, nbits, bytes };
}

/** Node ids as H2O numbers them: root 0, then breadth-first, left before right (unless set). */
export function assignNodeIds(root: TreeNode): Map<TreeNode, number> {
  const ids = new Map<TreeNode, number>();
  let next = 0;
  const queue: TreeNode[] = [root];
  while (queue.length) {
    const n = queue.shift()!;
    ids.set(n, n.nid ?? next);
    next = Math.max(next, (n.nid ?? next) + 1);
    if (n.kind === 'split') queue.push(n.left, n.right);
  }
  return ids;
}

interface Summary {
  weight: number;
  pred: number;
  sqErr: number;
}

/** Encodes the aux blob (empty for a single-leaf tree). */
export function encodeAux(root: TreeNode): Uint8Array {
  const ids = assignNodeIds(root);
  const out = new ByteSink();
  const summaries = new Map<TreeNode, Summary>();
  summarize(root, summaries);
  const visit = (n: TreeNode): void => {
    if (n.kind === 'leaf') return;
    const l = summaries.get(n.left)!;
    const r = summaries.get(n.right)!;
    out
      .i32(ids.get(n)!)
      .i32(countSplits(n.left))
      .f32(l.weight)
      .f32(r.weight)
      .f32(l.pred)
      .f32(r.pred)
      .f32(l.sqErr)
      .f32(r.sqErr)
      .i32(ids.get(n.left)!)
      .i32(ids.get(n.right)!);
    visit(n.left);
    visit(n.right);
  };
  visit(root);
  return out.toBytes();
}

/** Float32 weight / prediction / squared error of every node, bottom-up (as h2o-genmodel rebuilds them). */
function summarize(n: TreeNode, acc: Map<TreeNode, Summary>): Summary {
  let s: Summary;
  if (n.kind === 'leaf') {
    const st = n.stats ?? { weight: 1, sqErr: 0 };
    s = { weight: Math.fround(st.weight), pred: Math.fround(n.value), sqErr: Math.fround(st.sqErr) };
  } else {
    const l = summarize(n.left, acc);
    const r = summarize(n.right, acc);
    const w = l.weight + r.weight;
    s = {
      weight: Math.fround(w),
      pred: Math.fround(w > 0 ? (l.pred * l.weight + r.pred * r.weight) / w : 0),
      sqErr: Math.fround(l.sqErr + r.sqErr),
    };
  }
  acc.set(n, s);
  return s;
}

export function countSplits(n: TreeNode): number {
  return n.kind === 'leaf' ? 0 : 1 + countSplits(n.left) + countSplits(n.right);
}

export function treeDepth(n: TreeNode): number {
  return n.kind === 'leaf' ? 0 : 1 + Math.max(treeDepth(n.left), treeDepth(n.right));
}

// ---------------------------------------------------------------------------------------------
// Reference traversal (independent of the bytes: walks the in-memory tree)
// ---------------------------------------------------------------------------------------------

/** Whether a row goes right at `n`. `domains[col]` (level lists) enables the out-of-domain rule. */
export function goesRight(n: TreeSplit, row: ArrayLike<number>, domains?: readonly (readonly string[] | null)[]): boolean {
  const x = row[n.col];
  const leftward = n.na === 'NALeft' || n.na === 'Left';
  if (Number.isNaN(x)) return !leftward;
  const code = Math.trunc(x); // categorical codes are compared as Java's (int) cast
  const dom = domains?.[n.col];
  if (dom != null && dom.length <= code) return !leftward;
  const t = n.test;
  if (t.type === 'naVsRest') return false;
  if (t.type === 'numeric') return x >= Math.fround(t.threshold);
  const bs = bitsetLayout(t);
  const i = code - bs.bitoff;
  if (i < 0 || i >= bs.nbits) return !leftward;
  return (bs.bytes[i >> 3] & (1 << (i & 7))) !== 0;
}

/** The tree's prediction for a row (the float32 leaf value). */
export function scoreTree(root: TreeNode, row: ArrayLike<number>, domains?: readonly (readonly string[] | null)[]): number {
  let n = root;
  while (n.kind === 'split') n = goesRight(n, row, domains) ? n.right : n.left;
  return Math.fround(n.value);
}

/** Decision path ("LRL…", as h2o's leaf_node_assignment prints it) and the leaf's node id. */
export function leafAssignment(
  root: TreeNode,
  row: ArrayLike<number>,
  domains?: readonly (readonly string[] | null)[],
): { path: string; nid: number } {
  const ids = assignNodeIds(root);
  let n = root;
  let path = '';
  while (n.kind === 'split') {
    const r = goesRight(n, row, domains);
    path += r ? 'R' : 'L';
    n = r ? n.right : n.left;
  }
  return { path, nid: ids.get(n)! };
}
