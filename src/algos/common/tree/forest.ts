/**
 * H2O's compressed tree blobs (`trees/tCC_GGG.bin`, written by h2o-algos' CompressedTree and read
 * by h2o-genmodel's ScoreTree0/1/2), decoded once into flat typed arrays.
 *
 * Blob format (little-endian, nodes in pre-order):
 *   node   := u8 nodeType, u16 colId; colId == 0xFFFF → f32 leaf value (a stand-alone leaf)
 *             otherwise u8 naSplitDir, [split], [leftSize], left child, right child
 *   split  := absent when naSplitDir == NAvsREST (1);
 *             nodeType & 0x0C == 0  → f32 threshold (x >= t goes right)
 *             nodeType & 0x0C == 8  → 4 bytes: 32-bit bitset, levels 0..31
 *             nodeType & 0x0C == 12 → u16 bitOffset, then i32 nbits + ceil(nbits/8) bytes
 *                                     (mojo ≥ 1.2) or u16 nbytes + nbytes bytes (1.0, 1.1)
 *   nodeType & 0x33 (left mask): 0..3 → a (mask+1)-byte size of the left subtree follows the
 *             split, then the left subtree; 0x30 → the left child is an inline f32 leaf.
 *   nodeType & 0xC0 (right mask): bit 0x40 set → the right child is an inline f32 leaf.
 *   A level in the bitset goes right; levels outside [bitOffset, bitOffset+nbits) are "missing".
 *
 * Flat layout (`Forest`, shared by every tree of a model; XGBoost may reuse `leafOf`):
 *   - node n is a leaf when `feature[n] < 0`; its value (f32 widened) is `value[n]`.
 *   - otherwise `left[n]`/`right[n]` are absolute node indices, `flags[n]` holds NA_LEFT,
 *     NA_VS_REST, BITSET and RANGE; `threshold[n]` is the numeric split (f32 widened).
 *   - bitset nodes test bit (level - bsOff[n]) of `bits` starting at byte `bsByte[n]`;
 *     `bsLen[n]` is the number of bits. RANGE means "a level outside the bitset's range counts
 *     as missing" — set on bitset nodes (mojo ≥ 1.1) and, reproducing the reference, on NAvsREST
 *     nodes typed as bitset splits, which re-test the nearest bitset ancestor's range.
 *   - `catLimit[col]` is the domain size of a categorical column (mojo ≥ 1.2: a level at or
 *     beyond it counts as missing), +Infinity otherwise.
 *   - `domainLimit[col]` is the same domain size for every version (the tree-graph rule SHAP uses).
 *   - `roots[t]` is tree t's root, or -1 for an absent tree. `depth[n]` is n's depth.
 */
import { MojoFormatError } from '../../../errors.ts';
import type { LoadBudget } from '../../../mojo/index.ts';

export const NA_LEFT = 1;
export const NA_VS_REST = 2;
export const BITSET = 4;
export const RANGE = 8;

/** Scoring semantics by mojo_version: 0 = "1.00", 1 = "1.10", 2 = later. */
export type TreeMode = 0 | 1 | 2;

export interface Forest {
  readonly mode: TreeMode;
  readonly nodeCount: number;
  readonly roots: Int32Array;
  readonly feature: Int32Array;
  readonly flags: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly threshold: Float64Array;
  readonly value: Float64Array;
  readonly depth: Int32Array;
  readonly bsByte: Int32Array;
  readonly bsOff: Int32Array;
  readonly bsLen: Int32Array;
  readonly bits: Uint8Array;
  readonly catLimit: Float64Array;
  /** Domain size of each categorical feature (+Infinity for numeric), whatever the version. */
  readonly domainLimit: Float64Array;
}

const LEAF_COL = 0xffff;
const NSD_NA_VS_REST = 1;
const NSD_NA_LEFT = 2;
const NSD_LEFT = 4;
const NSD_MAX = 5;
const LMASK_LEAF = 0x30;
const RMASK_LEAF_BIT = 0x40;

/** Maps a MOJO's mojo_version to the reference's tree scorer. */
export function treeMode(mojoVersion: number): TreeMode {
  if (mojoVersion === 1.0) return 0;
  if (mojoVersion === 1.1) return 1;
  return 2;
}

/** Bytes one decoded node takes across NodeSink's typed arrays. */
const NODE_BYTES = 4 + 1 + 4 + 4 + 8 + 8 + 4 + 4 + 4 + 4;

/** Growable node storage used while decoding; each growth is charged to the load's budget first. */
class NodeSink {
  constructor(
    private readonly budget: LoadBudget | undefined,
    private readonly origin: string,
  ) {}
  n = 0;
  feature = new Int32Array(64);
  flags = new Uint8Array(64);
  left = new Int32Array(64);
  right = new Int32Array(64);
  threshold = new Float64Array(64);
  value = new Float64Array(64);
  depth = new Int32Array(64);
  bsByte = new Int32Array(64);
  bsOff = new Int32Array(64);
  bsLen = new Int32Array(64);
  bits: number[] = [];

  add(depth: number): number {
    if (this.n === this.feature.length) this.grow();
    const i = this.n++;
    this.feature[i] = -1;
    this.left[i] = -1;
    this.right[i] = -1;
    this.depth[i] = depth;
    this.threshold[i] = NaN;
    return i;
  }

  private grow(): void {
    const cap = this.feature.length * 2;
    this.budget?.chargeDecoded(`${this.origin} trees`, (cap - this.feature.length) * NODE_BYTES);
    const g = <T extends Int32Array | Uint8Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    this.feature = g(this.feature);
    this.flags = g(this.flags);
    this.left = g(this.left);
    this.right = g(this.right);
    this.threshold = g(this.threshold);
    this.value = g(this.value);
    this.depth = g(this.depth);
    this.bsByte = g(this.bsByte);
    this.bsOff = g(this.bsOff);
    this.bsLen = g(this.bsLen);
  }
}

interface Frame {
  pos: number;
  parent: number;
  right: boolean;
  /** End (exclusive) of the bytes this subtree may use: its parent's region, split between the children. */
  end: number;
  /** Node index of the nearest ancestor with its own bitset, or -1. */
  lastBitset: number;
  depth: number;
}

/**
 * Decodes every tree blob (null = absent tree) into one `Forest`. `domainSizes[col]` is the
 * level count of a categorical feature, null for numeric ones; its length is the feature count.
 * The decoded nodes are charged to `budget` (the load's) as they grow.
 */
export function decodeForest(
  blobs: readonly (Uint8Array | null)[],
  domainSizes: readonly (number | null)[],
  mode: TreeMode,
  origin: string,
  budget?: LoadBudget,
): Forest {
  const sink = new NodeSink(budget, origin);
  const roots = new Int32Array(blobs.length);
  for (let t = 0; t < blobs.length; t++) {
    const blob = blobs[t];
    roots[t] = blob === null ? -1 : decodeTree(sink, blob, domainSizes.length, mode, `${origin} tree ${t}`);
  }
  const n = sink.n;
  const domainLimit = Float64Array.from(domainSizes, (d) => (d === null ? Infinity : d));
  const catLimit = mode === 2 ? domainLimit.slice() : new Float64Array(domainSizes.length).fill(Infinity);
  return {
    mode,
    nodeCount: n,
    roots,
    feature: sink.feature.slice(0, n),
    flags: sink.flags.slice(0, n),
    left: sink.left.slice(0, n),
    right: sink.right.slice(0, n),
    threshold: sink.threshold.slice(0, n),
    value: sink.value.slice(0, n),
    depth: sink.depth.slice(0, n),
    bsByte: sink.bsByte.slice(0, n),
    bsOff: sink.bsOff.slice(0, n),
    bsLen: sink.bsLen.slice(0, n),
    bits: Uint8Array.from(sink.bits),
    catLimit,
    domainLimit,
  };
}

function decodeTree(s: NodeSink, blob: Uint8Array, nfeatures: number, mode: TreeMode, origin: string): number {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const len = blob.length;
  const fail = (pos: number, what: string): never => {
    throw new MojoFormatError(`${origin}: ${what} at byte ${pos} (blob length ${len})`);
  };
  // Every subtree lives in its own bytes: the root in the whole blob, a left subtree in the
  // `size` bytes its parent declares, the right one in what follows up to the parent's end. A
  // node must fit in its region, so sibling regions never overlap, nodes are fewer than bytes,
  // and a corrupt size fails at the node that declares it (not after decoding what it implies).
  let limit = len;
  const need = (pos: number, n: number): number => {
    if (pos < 0 || pos + n > limit)
      fail(pos, pos + n > len ? `truncated (need ${n} byte(s))` : `node runs past its subtree's ${limit - pos} byte(s)`);
    return pos;
  };
  const f32 = (pos: number): number => view.getFloat32(need(pos, 4), true);
  // A valid tree stores each node in its own bytes; more nodes than bytes means the size
  // fields make subtrees overlap (a corrupt blob that would otherwise blow up exponentially).
  const first = s.n;
  const leafAt = (pos: number, parent: number, right: boolean, depth: number): void => {
    const i = s.add(depth);
    s.value[i] = f32(pos);
    link(parent, right, i);
  };
  const link = (parent: number, right: boolean, child: number): void => {
    if (parent < 0) return;
    if (right) s.right[parent] = child;
    else s.left[parent] = child;
  };
  const stack: Frame[] = [{ pos: 0, end: len, parent: -1, right: false, lastBitset: -1, depth: 0 }];
  let root = -1;
  while (stack.length > 0) {
    if (s.n - first > len) fail(0, 'subtree sizes overlap');
    const fr = stack.pop()!;
    limit = fr.end;
    let p = fr.pos;
    const nodeType = blob[need(p, 3)];
    const col = view.getUint16(p + 1, true);
    p += 3;
    if (col === LEAF_COL) {
      const i = s.add(fr.depth);
      s.value[i] = f32(p);
      link(fr.parent, fr.right, i);
      if (root < 0) root = i;
      continue;
    }
    if (col >= nfeatures) fail(p - 2, `split column ${col} is not one of the ${nfeatures} features`);
    const nsd = blob[need(p, 1)];
    p += 1;
    if (nsd > NSD_MAX) fail(p - 1, `unknown NA split direction ${nsd}`);
    const i = s.add(fr.depth);
    if (root < 0) root = i;
    link(fr.parent, fr.right, i);
    s.feature[i] = col;
    let flags = nsd === NSD_NA_LEFT || nsd === NSD_LEFT ? NA_LEFT : 0;
    const equal = nodeType & 0x0c;
    if (equal === 4) fail(p - 4, 'unsupported split type 4');
    let lastBitset = fr.lastBitset;
    if (nsd === NSD_NA_VS_REST) {
      flags |= NA_VS_REST;
      // The reference re-tests the range of the last bitset it filled on this path.
      if (equal !== 0 && lastBitset >= 0 && mode !== 0) {
        flags |= RANGE;
        s.bsByte[i] = s.bsByte[lastBitset];
        s.bsOff[i] = s.bsOff[lastBitset];
        s.bsLen[i] = s.bsLen[lastBitset];
      }
    } else if (equal === 0) {
      s.threshold[i] = f32(p);
      p += 4;
    } else {
      let off = 0;
      let nbits = 32;
      if (equal === 12) {
        off = view.getUint16(need(p, 2), true);
        p += 2;
        if (mode === 2) {
          nbits = view.getInt32(need(p, 4), true);
          p += 4;
          if (nbits < 0) fail(p - 4, `negative bitset size ${nbits}`);
        } else {
          nbits = view.getUint16(need(p, 2), true) * 8;
          p += 2;
        }
      }
      const nbytes = nbits === 0 ? 0 : ((nbits - 1) >> 3) + 1;
      need(p, nbytes);
      s.bsByte[i] = s.bits.length;
      for (let k = 0; k < nbytes; k++) s.bits.push(blob[p + k]);
      s.bsOff[i] = off;
      s.bsLen[i] = nbits;
      p += nbytes;
      flags |= BITSET | (mode === 0 ? 0 : RANGE);
      lastBitset = i;
    }
    s.flags[i] = flags;
    const lmask = nodeType & 0x33;
    const depth = fr.depth + 1;
    const rightFrame = (pos: number): void => {
      if ((nodeType & RMASK_LEAF_BIT) !== 0) leafAt(pos, i, true, depth);
      else stack.push({ pos, end: limit, parent: i, right: true, lastBitset, depth });
    };
    if (lmask === LMASK_LEAF) {
      leafAt(p, i, false, depth);
      rightFrame(p + 4);
      continue;
    }
    if (lmask > 3) fail(p, `invalid left-child mask 0x${lmask.toString(16)}`);
    need(p, lmask + 1);
    let size: number;
    if (lmask === 0) size = blob[p];
    else if (lmask === 1) size = view.getUint16(p, true);
    else if (lmask === 2) size = blob[p] | (blob[p + 1] << 8) | (blob[p + 2] << 16);
    else size = view.getInt32(p, true);
    p += lmask + 1;
    const rightPos = p + size;
    if (size <= 0 || rightPos >= limit) fail(p, `left subtree size ${size} does not fit its ${limit - p} byte(s)`);
    // Right first so the left subtree is popped (and laid out) first.
    rightFrame(rightPos);
    stack.push({ pos: p, end: rightPos, parent: i, right: false, lastBitset, depth });
  }
  return root;
}
