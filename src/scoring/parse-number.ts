/**
 * Parses a cell as a number the way h2o-genmodel's wrapper does (Double.parseDouble after
 * trim), minus Java's quirks: "2f", "3d" and hex floats are not numbers here, as in JSON/JS.
 * Returns undefined when the text is not a number.
 */
const DECIMAL = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)$/;

/** Java's String.trim(): strips every char <= U+0020 at both ends. */
export function javaTrim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 0x20) a++;
  while (b > a && s.charCodeAt(b - 1) <= 0x20) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

export function parseNumber(text: string): number | undefined {
  const t = javaTrim(text);
  if (!DECIMAL.test(t)) return undefined;
  return Number(t.charCodeAt(0) === 0x2b /* + */ ? t.slice(1) : t);
}
