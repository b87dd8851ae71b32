/**
 * Extended Isolation Forest tree blob (`trees/tNN.bin`, written by h2o's
 * ExtendedIsolationForestMojoWriter, native = little-endian byte order):
 *   int32 k (length of the normal / intercept vectors), then records until the blob ends:
 *   int32 node number, u8 type, and for type 'N' (split) k doubles n then k doubles p,
 *   for type 'L' (leaf) int32 number of training rows in the leaf.
 * Node numbers follow the heap layout (children of i are 2i+1 and 2i+2). h2o-genmodel scans
 * the records forward from the current one to find the next node, so a child is only found
 * when it is stored after its parent; a blob may also carry zero padding after the last
 * record. Both behaviours are kept: the forward links are resolved here, once, and the point
 * where the blob stops being readable is remembered.
 */
import { MojoFormatError } from '../../errors.ts';
import { ByteReader } from '../../mojo/index.ts';

const NODE = 0x4e; // 'N'
const LEAF = 0x4c; // 'L'
/** Link target when the scan runs off the records. */
export const NOT_FOUND = -1;

export interface IsolationTree {
  /** Per record: 1 for a split, 0 for a leaf. */
  readonly isSplit: Uint8Array;
  /** Per record: next record for the left / right child (NOT_FOUND when the scan fails). */
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Split records: n (normal) and p (intercept), `width` values each, at record * width. */
  readonly normal: Float64Array;
  readonly intercept: Float64Array;
  /** Leaf records: training rows in the leaf. */
  readonly leafRows: Int32Array;
  /** Index of the root record (first record numbered 0), or NOT_FOUND. */
  readonly root: number;
  readonly width: number;
  /**
   * Why the record list stops, when it is not the clean end of the blob (an unknown node type,
   * a truncated record). A search that runs past the last record fails with it, as the
   * reference's scan does; null when the scan simply ends (the reference then reports -1).
   */
  readonly stop: string | null;
}

/** Decodes one tree, keeping the first `width` entries of each vector (the model's columns). */
export function decodeTree(bytes: Uint8Array, width: number, origin: string): IsolationTree {
  const r = new ByteReader(bytes, true, origin);
  const k = r.i32();
  if (k < 0 || k > bytes.length) throw new MojoFormatError(`${origin}: bad vector length ${k}`);
  if (k < width) throw new MojoFormatError(`${origin}: split vectors have ${k} entries for ${width} columns`);
  const nums: number[] = [];
  const split: number[] = [];
  const normal: number[] = [];
  const intercept: number[] = [];
  const rows: number[] = [];
  let stop: string | null = null;
  while (r.remaining > 0) {
    if (r.remaining < 5) {
      stop = 'truncated node record';
      break;
    }
    const num = r.i32();
    const type = r.u8();
    if (type === NODE) {
      if (r.remaining < 16 * k) {
        stop = 'truncated split node';
        break;
      }
      const base = r.pos;
      for (let i = 0; i < width; i++) normal.push(r.f64());
      r.seek(base + 8 * k);
      for (let i = 0; i < width; i++) intercept.push(r.f64());
      r.seek(base + 16 * k);
      split.push(1);
      rows.push(0);
    } else if (type === LEAF) {
      if (r.remaining < 4) {
        stop = 'truncated leaf';
        break;
      }
      rows.push(r.i32());
      split.push(0);
      // Leaves keep a zero block so vectors stay indexed by record.
      for (let i = 0; i < width; i++) {
        normal.push(0);
        intercept.push(0);
      }
    } else {
      stop = `unknown node type ${type}`;
      break;
    }
    nums.push(num);
  }
  const n = nums.length;
  const find = (from: number, target: number): number => {
    for (let i = from; i < n; i++) if (nums[i] === target) return i;
    return NOT_FOUND;
  };
  const left = new Int32Array(n).fill(NOT_FOUND);
  const right = new Int32Array(n).fill(NOT_FOUND);
  for (let i = 0; i < n; i++) {
    if (split[i] !== 1) continue;
    left[i] = find(i + 1, (2 * nums[i] + 1) | 0);
    right[i] = find(i + 1, (2 * nums[i] + 2) | 0);
  }
  return {
    isSplit: Uint8Array.from(split),
    left,
    right,
    normal: Float64Array.from(normal),
    intercept: Float64Array.from(intercept),
    leafRows: Int32Array.from(rows),
    root: find(0, 0),
    width,
    stop,
  };
}
