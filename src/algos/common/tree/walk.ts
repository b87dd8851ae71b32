/**
 * The one tree walk every tree model uses (see forest.ts for the layout). It reproduces the
 * reference's decision rule: missing-like values (NaN, a level outside the bitset's range, a
 * level beyond the column's domain) follow the node's NA direction; otherwise NAvsREST goes
 * left, a bitset sends contained levels right and a threshold sends x >= t right.
 */
import { RowError } from '../../../errors.ts';
import { javaInt } from '../java-int.ts';
import { BITSET, NA_LEFT, NA_VS_REST, RANGE, type Forest } from './forest.ts';

/** True when node `n` (an inner node) sends `row` right. */
export function goesRight(f: Forest, n: number, row: Float64Array): boolean {
  const fl = f.flags[n];
  const c = f.feature[n];
  const d = row[c];
  if (d !== d) return (fl & NA_LEFT) === 0;
  if ((fl & (RANGE | BITSET)) === 0) {
    // Numeric threshold or NAvsREST on a numeric column: the common, fast case.
    if (d >= f.catLimit[c] && javaInt(d) >= f.catLimit[c]) return (fl & NA_LEFT) === 0;
    return (fl & NA_VS_REST) === 0 && d >= f.threshold[n];
  }
  const i = javaInt(d);
  const b = i - f.bsOff[n];
  if ((fl & RANGE) !== 0 && (b < 0 || b >= f.bsLen[n])) return (fl & NA_LEFT) === 0;
  if (i >= f.catLimit[c]) return (fl & NA_LEFT) === 0;
  if ((fl & NA_VS_REST) !== 0) return false;
  if (i < 0 && f.mode === 0) throw new RowError(`java.lang.IndexOutOfBoundsException: idx < 0: ${i}`);
  return b >= 0 && b < f.bsLen[n] && (f.bits[f.bsByte[n] + (b >> 3)] & (1 << (b & 7))) !== 0;
}

/** The leaf a row reaches from `root` (an index into the forest's arrays). */
export function leafOf(f: Forest, root: number, row: Float64Array): number {
  const feature = f.feature;
  const flags = f.flags;
  const threshold = f.threshold;
  const left = f.left;
  const right = f.right;
  const catLimit = f.catLimit;
  let n = root;
  let c = feature[n];
  while (c >= 0) {
    const fl = flags[n];
    const d = row[c];
    // Fast path: a numeric threshold on a value that is neither missing nor a level past the domain.
    if (fl === 0 || fl === NA_LEFT) {
      if (d < catLimit[c]) {
        n = d >= threshold[n] ? right[n] : left[n];
        c = feature[n];
        continue;
      }
    }
    n = goesRight(f, n, row) ? right[n] : left[n];
    c = feature[n];
  }
  return n;
}

/** Sum of the leaf values of trees [from, to) of `roots`; absent trees (-1) are skipped. */
export function sumTrees(f: Forest, from: number, to: number, row: Float64Array): number {
  const roots = f.roots;
  const value = f.value;
  let s = 0;
  for (let t = from; t < to; t++) {
    const r = roots[t];
    if (r >= 0) s += value[leafOf(f, r, row)];
  }
  return s;
}

/** Maximum depth of a leaf the reference can describe as a path (it returns null beyond). */
export const MAX_PATH_DEPTH = 63;

/** The decision path to the leaf as 'L'/'R' characters, or null when deeper than 63 levels. */
export function leafPath(f: Forest, root: number, row: Float64Array): string | null {
  let n = root;
  let path = '';
  while (f.feature[n] >= 0) {
    const r = goesRight(f, n, row);
    path += r ? 'R' : 'L';
    n = r ? f.right[n] : f.left[n];
  }
  return path.length > MAX_PATH_DEPTH ? null : path;
}
