/**
 * `goesRight` (walk.ts) as generated source: for one inner node, a JS condition that is
 * truthy exactly when the interpreter sends the row right. Everything static about the node
 * (flags, NA direction, the column's catLimit, the bitset's offset, length and bytes, the mojo
 * mode) is folded at load; every constant enters the source through `numLit`/`indexLit`.
 *
 * The generated function has the parameters `f` (the forest), `gr` (`goesRight`), `bits`
 * (`f.bits`) and `row`, the column values `x<c>` (codegen.ts columnValue, declared by the caller) and the scratch locals `d` (the
 * row value) and `i` (a bit index).
 * Each condition is evaluated before either child's code runs, so one `d`/`i` per function
 * serves every node.
 *
 * Java's (int) cast, i = clamp(trunc(d)) to [INT_MIN, INT_MAX], is never computed: every bound
 * a level is compared with (bsOff, bsOff + bsLen, catLimit, 0) is an integer K in [0, INT_MAX],
 * and for a non-NaN d, `i >= K` is `d >= K` when K >= 1 and `d > -1` when K = 0 (truncation
 * rounds towards zero); each comparison is false for NaN. A bit index is computed only once
 * the level is known to lie in [bsOff, bsOff + bsLen) within [0, INT_MAX), where `d | 0`
 * equals Java's cast. Nodes outside these bounds (not produced by the decoder) call `gr`.
 */
import { INT_MAX } from '../java-int.ts';
import { columnValue, indexLit, numLit } from '../codegen.ts';
import { BITSET, NA_LEFT, NA_VS_REST, RANGE, type Forest } from './forest.ts';

/** Bitsets up to this many bits are tested against one 32-bit literal mask, not `bits`. */
const MASK_BITS = 32;

/** Checks a bound the level rules below are exact for: an integer in [0, INT_MAX]. */
function levelBound(k: number): number {
  if (!Number.isInteger(k) || k < 0 || k > INT_MAX) throw new Error(`codegen: level bound ${k} out of range`);
  return k;
}

/** Source for "Java's (int) d >= K" over the scratch `d` (0 <= K <= INT_MAX); false for NaN. */
function levelAtLeast(k: number): string {
  return levelBound(k) >= 1 ? `d >= ${numLit(k)}` : 'd > -1';
}

/** Source for "Java's (int) d < K" over the scratch `d` (0 <= K <= INT_MAX); false for NaN. */
function levelBelow(k: number): string {
  return levelBound(k) >= 1 ? `d < ${numLit(k)}` : 'd <= -1';
}

const and = (terms: string[]): string => (terms.length === 0 ? 'd === d' : terms.join(' && '));

/** A catLimit the folded rules handle: none (+Infinity) or a domain size that fits an int. */
function plainLimit(limit: number): boolean {
  return limit === Infinity || (Number.isInteger(limit) && limit >= 0 && limit <= INT_MAX);
}

/**
 * The condition under which inner node `n` goes right, or null when the node always goes left
 * (so the caller can emit only the left subtree).
 */
export function rightCondition(f: Forest, n: number): string | null {
  const c = f.feature[n];
  const fl = f.flags[n];
  const limit = f.catLimit[c];
  const fallback = `gr(f, ${indexLit(n)}, row)`;
  if (!plainLimit(limit)) return fallback;
  const naRight = (fl & NA_LEFT) === 0;
  const rest = (fl & NA_VS_REST) !== 0;
  const x = columnValue(c);
  const read = `d = ${x}, `;
  if ((fl & (RANGE | BITSET)) === 0) {
    // Threshold (or NAvsREST) on a plain value. NA: NaN, or d >= catLimit (for an int-sized
    // catLimit, d >= L already implies (int) d >= L, so the interpreter's cast check is implied).
    const t = f.threshold[n];
    const below = limit === Infinity ? [] : [`d < ${numLit(limit)}`];
    if (rest) return naRight ? `(${read}!(${and(below)}))` : null;
    if (naRight) {
      // NaN || d >= L || d >= t, i.e. !(d < L && d < t); with a NaN threshold only the NA test remains.
      if (t !== t) return `(${read}!(${and(below)}))`;
      return `!(${x} < ${numLit(Math.min(limit, t))})`;
    }
    if (limit === Infinity) return `${x} >= ${numLit(t)}`;
    return `(${read}d >= ${numLit(t)} && ${below[0]})`;
  }
  // Bitset (or NAvsREST re-testing a bitset's range): NA when NaN, outside the range (RANGE),
  // or a level at or beyond catLimit.
  const off = f.bsOff[n];
  const len = f.bsLen[n];
  const ranged = (fl & RANGE) !== 0;
  if (!Number.isSafeInteger(off) || !Number.isSafeInteger(len) || off < 0 || len < 0 || off + len > INT_MAX) return fallback;
  const valid: string[] = [];
  if (ranged) {
    valid.push(levelAtLeast(off), levelBelow(Math.min(off + len, limit)));
  } else if (limit !== Infinity) {
    valid.push(levelBelow(limit));
  }
  const notNa = and(valid);
  if (rest) return naRight ? `(${read}!(${notNa}))` : null;
  // A level the bitset holds goes right; mode 0 throws on a negative level (left to `gr`).
  let hit = bitTest(f, n, off, len);
  if (hit === null) return fallback;
  if (!ranged) hit = `${levelAtLeast(off)} && ${levelBelow(off + len)} && ${hit}`;
  if (!ranged && f.mode === 0) hit = `(${levelBelow(0)} ? ${fallback} : ${hit})`;
  return naRight ? `(${read}!(${notNa}) || ${hit})` : `(${read}${notNa} && ${hit})`;
}

/**
 * Source testing bit (level - off) of node n's bitset, for a level known to lie in
 * [off, off + len); null when the node's bytes are not where the decoder puts them.
 */
function bitTest(f: Forest, n: number, off: number, len: number): string | null {
  if (len === 0) return 'false';
  const first = f.bsByte[n];
  const nbytes = ((len - 1) >> 3) + 1;
  if (!Number.isSafeInteger(first) || first < 0 || first + nbytes > f.bits.length) return null;
  const b = off === 0 ? '(d | 0)' : `((d | 0) - ${indexLit(off)})`;
  if (len <= MASK_BITS) {
    let mask = 0;
    for (let k = 0; k < nbytes; k++) mask += f.bits[first + k] * 2 ** (8 * k);
    return `((${numLit(mask)} >>> ${b}) & 1) !== 0`;
  }
  return `(bits[${indexLit(first)} + ((i = ${b}) >> 3)] & (1 << (i & 7))) !== 0`;
}
