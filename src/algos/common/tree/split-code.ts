/**
 * `goesRight` (walk.ts) as generated source: for one inner node, a JS condition that is
 * truthy exactly when the interpreter sends the row right. Everything static about the node
 * (flags, NA direction, the column's catLimit, the bitset's offset, length and bytes, the mojo
 * mode) is folded at load; every constant enters the source through `numLit`/`indexLit`.
 *
 * The generated function has the parameters `f` (the forest), `gr` (`goesRight`), `bits`
 * (`f.bits`) and `row`, the column values `x<c>` and levels `k<c>` (codegen.ts columnValue and
 * columnLevel, declared by the caller) and the scratch locals `d` (the row value) and `i` (a
 * bit index).
 * Each condition is evaluated before either child's code runs, so one `d`/`i` per function
 * serves every node.
 *
 * Java's (int) cast, i = clamp(trunc(d)) to [INT_MIN, INT_MAX], is never computed: every bound
 * a level is compared with (bsOff, bsOff + bsLen, catLimit, 0) is an integer K in [0, INT_MAX],
 * and for a non-NaN d, `i >= K` is `d >= K` when K >= 1 and `d > -1` when K = 0 (truncation
 * rounds towards zero); each comparison is false for NaN. A bit index is computed only once
 * the level is known to lie in [bsOff, bsOff + bsLen) within [0, INT_MAX), where `d | 0`
 * equals Java's cast. Nodes outside these bounds (not produced by the decoder) call `gr`.
 * RANGE nodes (every bitset from mojo 1.1 on) compare the column's int level `k<c>` instead,
 * computed once per generated function (rangedLevelCondition).
 */
import { INT_MAX } from '../java-int.ts';
import { columnLevel, columnValue, indexLit, numLit } from '../codegen.ts';
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

/** The source of the call to `goesRight` a condition falls back to. */
function goesRightCall(n: number): string {
  return `gr(f, ${indexLit(n)}, row)`;
}

/** True when a condition calls `goesRight`, which may throw (mode 0's negative level). */
export function callsGoesRight(cond: string): boolean {
  return cond.includes('gr(');
}

/**
 * The condition under which inner node `n` goes right, or null when the node always goes left
 * (so the caller can emit only the left subtree).
 */
export function rightCondition(f: Forest, n: number): string | null {
  const c = f.feature[n];
  const fl = f.flags[n];
  const limit = f.catLimit[c];
  const fallback = goesRightCall(n);
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
  if (ranged) {
    const leveled = rangedLevelCondition(f, n, c, off, len, Math.min(off + len, limit), naRight, rest);
    if (leveled !== undefined) return leveled;
  }
  const valid: string[] = [];
  if (ranged) {
    valid.push(levelAtLeast(off), levelBelow(Math.min(off + len, limit)));
  } else if (limit !== Infinity) {
    valid.push(levelBelow(limit));
  }
  const notNa = and(valid);
  if (rest) return naRight ? `(${read}!(${notNa}))` : null;
  // A level the bitset holds goes right; mode 0 throws on a negative level (left to `gr`).
  let hit = bitTest(f, n, off === 0 ? '(d | 0)' : `((d | 0) - ${indexLit(off)})`, len);
  if (hit === null) return fallback;
  if (!ranged) hit = `${levelAtLeast(off)} && ${levelBelow(off + len)} && ${hit}`;
  if (!ranged && f.mode === 0) hit = `(${levelBelow(0)} ? ${fallback} : ${hit})`;
  return naRight ? `(${read}!(${notNa}) || ${hit})` : `(${read}${notNa} && ${hit})`;
}

/**
 * A RANGE node (a bitset, or NAvsREST re-testing one) over the column's int level `k<c>`
 * (columnLevel): the level is valid when it lies in [off, end), end = min(off + len, catLimit);
 * a valid level's bit index `k - off` is then Java's (int) cast minus off, as goesRight's.
 * The level stands in for the value's cast everywhere (codegen.ts columnLevel): values that
 * are no level read INT_MAX >= end and fall outside the range, as NaN and casts outside it do.
 *
 * The range test and the bit are combined with `&`/`|` on int32s rather than `&&`/`||`: one
 * conditional branch per split instead of two or three (a level outside the range reads a bit
 * that is in bounds — of the mask, or the bitset's first byte — and the range term decides).
 * No scratch local is assigned (the level and index are repeated, not bound): the JIT's
 * optimising compile of a 500-node function takes far less time without one merged at every
 * conditional. Undefined (use the value-based rule) for an empty range or bytes not where the
 * decoder puts them.
 */
function rangedLevelCondition(
  f: Forest,
  n: number,
  c: number,
  off: number,
  len: number,
  end: number,
  naRight: boolean,
  rest: boolean,
): string | null | undefined {
  if (levelBound(end) <= levelBound(off)) return undefined;
  const k = columnLevel(c);
  // The bit index (level - off), and 1 when the level lies in the range, else 0.
  const index = off === 0 ? k : `(${k} - ${indexLit(off)})`;
  const inRange = off === 0 ? `(${k} < ${indexLit(end)})` : `((${k} >= ${indexLit(off)}) & (${k} < ${indexLit(end)}))`;
  if (rest) return naRight ? `!${inRange}` : null;
  const bytes = bitsetBytes(f, n, len);
  if (bytes === null) return undefined;
  let bit: string;
  if (len <= MASK_BITS) {
    // `>>` on the mask as an int32 gives bit `index` (in [0, 32) when in range); the shift stays in int32.
    bit = `(${numLit(maskOf(f, bytes) | 0)} >> ${index})`;
  } else {
    // Out of range, the index is masked to 0: the bitset's first byte, read and discarded.
    bit = `(bits[${indexLit(bytes.first)} + ((${index} & (0 - ${inRange})) >> 3)] >> (${index} & 7))`;
  }
  return naRight ? `((${bit} | !${inRange}) & 1) !== 0` : `(${bit} & ${inRange}) !== 0`;
}

/** Where node n's bitset bytes are (`len` bits); null when not where the decoder puts them. */
function bitsetBytes(f: Forest, n: number, len: number): { first: number; nbytes: number } | null {
  const first = f.bsByte[n];
  const nbytes = len === 0 ? 0 : ((len - 1) >> 3) + 1;
  if (!Number.isSafeInteger(first) || first < 0 || first + nbytes > f.bits.length) return null;
  return { first, nbytes };
}

/** A bitset of at most 32 bits as an unsigned 32-bit mask (bit j = level off + j). */
function maskOf(f: Forest, bytes: { first: number; nbytes: number }): number {
  let mask = 0;
  for (let k = 0; k < bytes.nbytes; k++) mask += f.bits[bytes.first + k] * 2 ** (8 * k);
  return mask;
}

/**
 * Source testing bit `b` (the source of level - off) of node n's bitset, for a level known to
 * lie in [off, off + len); null when the node's bytes are not where the decoder puts them.
 */
function bitTest(f: Forest, n: number, b: string, len: number): string | null {
  if (len === 0) return 'false';
  const bytes = bitsetBytes(f, n, len);
  if (bytes === null) return null;
  if (len <= MASK_BITS) return `((${numLit(maskOf(f, bytes))} >>> ${b}) & 1) !== 0`;
  return `(bits[${indexLit(bytes.first)} + ((i = ${b}) >> 3)] & (1 << (i & 7))) !== 0`;
}
