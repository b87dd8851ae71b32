/**
 * Parses a cell as a number the way h2o-genmodel's wrapper does (Double.parseDouble after
 * trim), minus Java's quirks: "2f", "3d" and hex floats are not numbers here, as in JSON/JS.
 * Returns undefined when the text is not a number.
 *
 * Hand-written rather than a regex: this runs once per cell on the hot path (a 784-column row
 * parses 784 cells); see bench/ for the numbers.
 */

/** Java's String.trim(): strips every char <= U+0020 at both ends. */
export function javaTrim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 0x20) a++;
  while (b > a && s.charCodeAt(b - 1) <= 0x20) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

const ZERO = 48;
const NINE = 57;
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const LOWER_E = 101;
const UPPER_E = 69;

/** 10^k, exact as doubles for k <= 22. */
export const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];
/** Up to 15 decimal digits the mantissa is an exact double (< 2^53). */
export const MAX_FAST_DIGITS = 15;

/**
 * The plain decimal text[start, end) ("65", "-1.4", ".5", "5."): at most 15 digits, no sign but
 * a leading '-', no exponent. The mantissa and 10^k are then both exact doubles, so one
 * division is correctly rounded — the same double as Number()/Double.parseDouble (Clinger's
 * fast path). NaN when the text is not of that shape. The CSV batch reader calls it on cells
 * in place (csv-rows.ts).
 */
export function plainDecimalAt(text: string, start: number, end: number): number {
  if (start >= end) return NaN;
  let i = start;
  let c = text.charCodeAt(i);
  const neg = c === MINUS;
  if (neg) {
    if (++i === end) return NaN;
    c = text.charCodeAt(i);
  }
  // Integer digits, then (after a '.') fraction digits; `d >>> 0 > 9` is "not a digit".
  let m = c - ZERO;
  if (m >>> 0 > 9) {
    if (c !== DOT) return NaN;
    m = 0;
  } else {
    for (i++; i < end; i++) {
      const d = text.charCodeAt(i) - ZERO;
      if (d >>> 0 > 9) break;
      m = m * 10 + d;
    }
    // An integer (the usual cell): every character after the sign is a digit.
    if (i === end) return i - start > MAX_FAST_DIGITS + (neg ? 1 : 0) ? NaN : neg ? -m : m;
    if (text.charCodeAt(i) !== DOT) return NaN;
  }
  const dot = i;
  for (i++; i < end; i++) {
    const d = text.charCodeAt(i) - ZERO;
    if (d >>> 0 > 9) return NaN;
    m = m * 10 + d;
  }
  const digits = end - start - 1 - (neg ? 1 : 0);
  if (digits === 0 || digits > MAX_FAST_DIGITS) return NaN;
  const fractionDigits = end - dot - 1;
  const v = fractionDigits === 0 ? m : m / POW10[fractionDigits];
  return neg ? -v : v;
}

export function parseNumber(text: string): number | undefined {
  const x = quickNumber(text);
  if (x === x) return x;
  const t = javaTrim(text);
  return isDecimal(t) ? Number(t) : t === 'NaN' || t === '+NaN' || t === '-NaN' ? NaN : undefined;
}

/**
 * The common cell forms of parseNumber, without its undefined: the value of an unpadded decimal
 * ("65", "-1.4", "1e3", "-1.8309897186115607"), NaN for anything else (padding, "NaN",
 * "Infinity", not a number), which parseNumber then judges. The encoders call it per cell.
 */
export function quickNumber(text: string): number {
  const n = text.length;
  // A lone digit (flags, counts, codes) is the commonest cell: answered before the general scan.
  if (n === 1) {
    const d = text.charCodeAt(0) - ZERO;
    if (d >>> 0 <= 9) return d;
  }
  // Up to 15 characters hold at most 15 digits: the division fast path never gives up on a plain decimal.
  if (n <= MAX_FAST_DIGITS) {
    const v = plainDecimalAt(text, 0, n);
    if (v === v || n === 0) return v;
  }
  // Longer texts (and exponents): JS's own conversion is correctly rounded, like Java's. It also
  // accepts forms Java rejects (0x/0b/0o prefixes, Unicode padding), so take its answer only when
  // the text starts like a decimal ([1-9], '-', '.', or '0' not followed by a radix letter) and
  // ends in a digit or '.', which leaves no room for padding at either end.
  const x = +text;
  const last = text.charCodeAt(n - 1);
  if (x === x && ((last >= ZERO && last <= NINE) || last === DOT)) {
    const c0 = text.charCodeAt(0);
    if ((c0 > ZERO && c0 <= NINE) || c0 === MINUS || c0 === DOT) return x;
    if (c0 === ZERO) {
      const c1 = n > 1 ? text.charCodeAt(1) | 0x20 : 0;
      if (c1 !== 0x78 /* x */ && c1 !== 0x62 /* b */ && c1 !== 0x6f /* o */) return x;
    }
  }
  return NaN;
}

/** [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?  or [+-]?Infinity */
function isDecimal(t: string): boolean {
  const n = t.length;
  let i = 0;
  let c = n > 0 ? t.charCodeAt(0) : 0;
  if (c === PLUS || c === MINUS) i++;
  if (t.startsWith('Infinity', i)) return i + 8 === n;
  let digits = 0;
  while (i < n && (c = t.charCodeAt(i)) >= ZERO && c <= NINE) {
    i++;
    digits++;
  }
  if (i < n && t.charCodeAt(i) === DOT) {
    i++;
    while (i < n && (c = t.charCodeAt(i)) >= ZERO && c <= NINE) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return false;
  if (i < n && ((c = t.charCodeAt(i)) === LOWER_E || c === UPPER_E)) {
    i++;
    if (i < n && ((c = t.charCodeAt(i)) === PLUS || c === MINUS)) i++;
    let exp = 0;
    while (i < n && (c = t.charCodeAt(i)) >= ZERO && c <= NINE) {
      i++;
      exp++;
    }
    if (exp === 0) return false;
  }
  return i === n;
}
