/**
 * Auxiliary tree info (`trees/tCC_GGG_aux.bin`, mojo > 1.0): one 40-byte little-endian record
 * per inner node, in the order h2o wrote them:
 *   i32 nid, i32 reserved (number of inner nodes in the left subtree; parent id in old MOJOs),
 *   f32 weightL, weightR, predL, predR, sqErrL, sqErrR, i32 nidL, nidR.
 * Used for leaf node ids and for the node weights TreeSHAP needs.
 */
import { RowError } from '../../../errors.ts';
import type { Forest } from './forest.ts';

export const AUX_RECORD_BYTES = 40;

interface AuxRecord {
  weightL: number;
  weightR: number;
  nidL: number;
  nidR: number;
}

/**
 * Reads the records keyed by node id, checking (like the reference) that every node's parent
 * was seen first. Returns null when the blob is not a valid record list.
 */
function readAux(aux: Uint8Array): Map<number, AuxRecord> | null {
  if (aux.length % AUX_RECORD_BYTES !== 0) return null;
  const v = new DataView(aux.buffer, aux.byteOffset, aux.byteLength);
  const map = new Map<number, AuxRecord>();
  const known = new Set<number>([0]);
  for (let p = 0; p < aux.length; p += AUX_RECORD_BYTES) {
    const nid = v.getInt32(p, true);
    if (!known.has(nid)) return null;
    const rec = {
      weightL: v.getFloat32(p + 8, true),
      weightR: v.getFloat32(p + 12, true),
      nidL: v.getInt32(p + 32, true),
      nidR: v.getInt32(p + 36, true),
    };
    known.add(rec.nidL);
    known.add(rec.nidR);
    map.set(nid, rec);
  }
  return map;
}

/**
 * Node weights (float32) for every node of the forest, as the reference's tree graph assigns
 * them: a child gets its parent's weightL/weightR, the root weightL + weightR, a lone-leaf root 0.
 * Null when any tree's aux info is missing or inconsistent (the reference cannot build SHAP then).
 */
export function nodeWeights(f: Forest, auxBlobs: readonly (Uint8Array | null)[]): Float32Array | null {
  const w = new Float32Array(f.nodeCount);
  const nid = new Int32Array(f.nodeCount);
  for (let t = 0; t < f.roots.length; t++) {
    const root = f.roots[t];
    if (root < 0) return null;
    const blob = auxBlobs[t];
    if (blob === null || blob === undefined) return null;
    const recs = readAux(blob);
    if (recs === null) return null;
    const stack = [root];
    nid[root] = 0;
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (f.feature[n] < 0) continue;
      const rec = recs.get(nid[n]);
      if (rec === undefined) return null;
      const l = f.left[n];
      const r = f.right[n];
      w[l] = rec.weightL;
      w[r] = rec.weightR;
      nid[l] = rec.nidL;
      nid[r] = rec.nidR;
      if (n === root) w[n] = Math.fround(rec.weightL + rec.weightR);
      stack.push(r, l);
    }
  }
  return w;
}

/**
 * The leaf node id the reference reports for a decision path: it replays the path bits (the
 * directions, then a terminating 'right' bit, then zeros) over the aux records, skipping left
 * subtrees by their record counts. Reproduced step by step, quirks included.
 */
export function leafNodeId(aux: Uint8Array, path: string): number {
  const v = new DataView(aux.buffer, aux.byteOffset, aux.byteLength);
  const len = aux.length;
  let pos = 0;
  let nodeId = 0;
  let wentRight = false;
  const i32 = (p: number): number => {
    if (p < 0 || p + 4 > len) throw new RowError('java.nio.BufferUnderflowException (leaf node id)');
    return v.getInt32(p, true);
  };
  for (let depth = 0; depth < 64; depth++) {
    const right = depth < path.length ? path.charCodeAt(depth) === 82 /* R */ : depth === path.length;
    if (pos >= len) break;
    const nid = i32(pos);
    const numLeft = i32(pos + 4);
    pos += 8;
    if (right) {
      if (wentRight && nodeId !== nid) break;
      nodeId = i32(pos + 28);
      pos += 32 + AUX_RECORD_BYTES * numLeft;
      wentRight = true;
    } else {
      wentRight = false;
      if (numLeft === 0) {
        nodeId = i32(pos + 24);
        break;
      }
      pos += AUX_RECORD_BYTES - 8;
    }
  }
  return nodeId;
}
