/** Batch bodies for the fake binomial model (x, color, y) of _app.ts. */
const COLORS = ['red', 'green', 'blue', ''];

export const CSV_TYPE_BODY = { 'content-type': 'text/csv' } as const;

/** `n` header-less CSV rows, varied (missing cells, every level, a row the model cannot score every 997th). */
export function csvRows(n: number, from = 0): string {
  let s = '';
  for (let i = from; i < from + n; i++) s += `${i % 997 === 5 ? 666 : (i % 13) - 6},${COLORS[i % 4]},${i % 7 === 0 ? '' : (i % 5) / 2}\n`;
  return s;
}

/** The same rows as JSON Lines objects. */
export function jsonLinesRows(n: number, from = 0): string {
  let s = '';
  for (let i = from; i < from + n; i++) s += `${JSON.stringify({ x: i % 997 === 5 ? 666 : (i % 13) - 6, color: COLORS[i % 4] || null })}\n`;
  return s;
}
