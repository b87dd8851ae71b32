/**
 * Estimates the memory a loaded model keeps. Decoded models hold their weights in typed
 * arrays, so the estimate walks the object graph reachable from the model once, counting each
 * ArrayBuffer once, plus a flat cost per array slot, property and string character. Closures
 * hide what they capture from such a walk, so the estimate is never below the artifact's
 * decompressed size (the readers decode roughly byte for byte into typed arrays).
 */

/** Rough V8 costs: a pointer-sized slot, an object header, a UTF-16 character. */
const SLOT_BYTES = 8;
const OBJECT_BYTES = 32;
const CHAR_BYTES = 2;
/** Upper bound on objects visited (a model this large is estimated at the bound reached). */
const MAX_VISITS = 2_000_000;

/** Estimated retained bytes of `root`, at least `floorBytes`. */
export function estimateModelBytes(root: object, floorBytes: number): number {
  const seen = new Set<object>();
  const buffers = new Set<ArrayBufferLike>();
  const stack: unknown[] = [root];
  let bytes = 0;
  while (stack.length > 0 && seen.size < MAX_VISITS) {
    const v = stack.pop();
    if (typeof v === 'string') {
      bytes += v.length * CHAR_BYTES;
      continue;
    }
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      if (!buffers.has(v.buffer)) {
        buffers.add(v.buffer);
        bytes += v.buffer.byteLength;
      }
      continue;
    }
    bytes += OBJECT_BYTES;
    if (Array.isArray(v)) {
      bytes += v.length * SLOT_BYTES;
      for (let i = 0; i < v.length; i++) stack.push(v[i]);
    } else if (v instanceof Map) {
      bytes += v.size * 2 * SLOT_BYTES;
      for (const [k, x] of v) stack.push(k, x);
    } else if (v instanceof Set) {
      bytes += v.size * SLOT_BYTES;
      for (const x of v) stack.push(x);
    } else {
      for (const k of Object.keys(v)) {
        bytes += SLOT_BYTES;
        stack.push((v as Record<string, unknown>)[k]);
      }
    }
  }
  return Math.max(bytes, floorBytes);
}
