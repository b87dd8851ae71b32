/**
 * Typed `[info]` array readers shared by the dense-model readers (deep learning, k-means, PCA,
 * GLRM, SVM): h2o-genmodel's `readkv` for `int[]` / `double[]`, validated once at load.
 */
import { MojoFormatError } from '../../errors.ts';
import type { ModelInfo } from '../../mojo/index.ts';
import { isInt32 } from './java-int.ts';

/** A required `double[]`; `len` (when given) is the exact expected length. */
export function kvDoubles(info: ModelInfo, key: string, origin: string, len?: number): Float64Array {
  const v = info.nums(key);
  if (v === undefined) throw new MojoFormatError(`${origin}: [info] ${key} is missing`);
  if (len !== undefined && v.length !== len) throw new MojoFormatError(`${origin}: [info] ${key} has ${v.length} values, expected ${len}`);
  return Float64Array.from(v);
}

/** An optional `double[]` (absent or `null` → undefined). */
export function kvDoublesOpt(info: ModelInfo, key: string): Float64Array | undefined {
  const v = info.nums(key);
  return v === undefined ? undefined : Float64Array.from(v);
}

/** A required `int[]` (every element a 32-bit integer). */
export function kvInts(info: ModelInfo, key: string, origin: string, len?: number): Int32Array {
  const v = info.nums(key);
  if (v === undefined) throw new MojoFormatError(`${origin}: [info] ${key} is missing`);
  if (len !== undefined && v.length !== len) throw new MojoFormatError(`${origin}: [info] ${key} has ${v.length} values, expected ${len}`);
  for (const x of v) {
    if (!isInt32(x)) throw new MojoFormatError(`${origin}: [info] ${key} holds non-integer ${x}`);
  }
  return Int32Array.from(v);
}

/** A required non-negative int (`readkv` of an `int`). */
export function kvCount(info: ModelInfo, key: string, origin: string, max = 1 << 28): number {
  const n = info.int(key);
  if (n < 0 || n > max) throw new MojoFormatError(`${origin}: [info] ${key} = ${n} is out of range`);
  return n;
}

/** Checks `offsets` is non-decreasing and starts at 0 (cat_offsets / catOffsets layouts). */
export function checkOffsets(offsets: Int32Array, key: string, origin: string): void {
  if (offsets.length === 0 || offsets[0] !== 0) throw new MojoFormatError(`${origin}: [info] ${key} must start at 0`);
  for (let i = 1; i < offsets.length; i++) {
    if (offsets[i] < offsets[i - 1]) throw new MojoFormatError(`${origin}: [info] ${key} is not non-decreasing`);
  }
}
