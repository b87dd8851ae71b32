/**
 * Iteration order of a java.util.HashMap built by inserting keys in a given order (default
 * capacity 16, load factor 0.75): buckets in index order, insertion order within a bucket.
 * The reference sums prior means and lists legacy columns in this order, so it decides the
 * last bits of a sum and the order of outputs. (Tree bins of 8+ colliding keys are not modelled.)
 */

const DEFAULT_CAPACITY = 16;

function capacityFor(n: number): number {
  let cap = DEFAULT_CAPACITY;
  while (n > cap * 0.75) cap *= 2;
  return cap;
}

/** Java's String.hashCode (UTF-16 code units, int32 arithmetic). */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** Indices of `hashes` (given in insertion order) in HashMap iteration order. */
export function javaHashMapOrder(hashes: readonly number[]): number[] {
  const mask = capacityFor(hashes.length) - 1;
  const bucket = hashes.map((h) => ((h ^ (h >>> 16)) & mask) >>> 0);
  return hashes.map((_, i) => i).sort((a, b) => bucket[a] - bucket[b] || a - b);
}
