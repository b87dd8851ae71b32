/**
 * Text of single output cells: the one number formatter for JSON and CSV, and RFC 4180
 * quoting. NaN is null in JSON and empty in CSV; ±Infinity (no JSON number for it) is the
 * string "Infinity"/"-Infinity", as the reference runtime prints it.
 */

/** A number as a JSON value in an output record. */
export function jsonNumber(x: number): number | string | null {
  if (x === x && x !== Infinity && x !== -Infinity) return x;
  return x !== x ? null : x > 0 ? 'Infinity' : '-Infinity';
}

/** A number as JSON text (what JSON.stringify writes for `jsonNumber(x)`). */
export function jsonNumberText(x: number): string {
  if (x !== x) return 'null';
  if (x === Infinity) return '"Infinity"';
  if (x === -Infinity) return '"-Infinity"';
  return String(x);
}

/** A number as a CSV cell. */
export function csvNumber(x: number): string {
  if (x !== x) return '';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return String(x);
}

const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180 quoting for one CSV field. */
export function csvField(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (no newline) from unquoted cells. */
export function csvLine(cells: readonly string[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += (i === 0 ? '' : ',') + csvField(cells[i]);
  return line;
}
