/**
 * CSV text → records of cells. csv-parse is the authority; quote-free text (what
 * batch transform and most clients send) takes our own split, which the 1,000-row batch path
 * needs: csv-parse alone costs ~0.8 µs a row, more than scoring a 50-tree GBM (bench/ measures
 * both). An empty line is a row of missing values, as in `mojo-scorer score`.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { BadRequestError, echoed } from '../../errors.ts';

const BOM = 0xfeff;
const CR = 13;

/**
 * Splits CSV text into records. When a quoted cell may span lines, `lines` (if given) receives
 * the line each record starts on; it stays empty when record i is on line i + 1.
 */
export function splitCsv(text: string, lines?: number[]): string[][] {
  const start = text.charCodeAt(0) === BOM ? 1 : 0;
  const bareCr = text.indexOf('\r') >= 0 && text.indexOf('\r\n') < 0;
  if (text.indexOf('"') >= 0 || bareCr) return parseWithLibrary(text, lines);
  const out: string[][] = [];
  const n = text.length;
  let s = start;
  while (s < n) {
    let end = text.indexOf('\n', s);
    if (end < 0) end = n;
    let lineEnd = end;
    if (lineEnd > s && text.charCodeAt(lineEnd - 1) === CR) lineEnd--;
    out.push(text.slice(s, lineEnd).split(','));
    s = end + 1;
  }
  return out;
}

/** Parses CSV text with csv-parse (quotes, bare CR line ends); malformed text is a 400. `lines` gets each record's first line. */
export function parseWithLibrary(text: string, lines?: number[]): string[][] {
  // csv-parse counts the lines read when a record ends: the next record starts on the line after.
  let ended = 0;
  const onRecord =
    lines === undefined
      ? undefined
      : (record: string[], context: { lines: number }) => {
          lines.push(ended + 1);
          ended = context.lines;
          return record;
        };
  try {
    return parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: false, on_record: onRecord }) as string[][];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new BadRequestError(`malformed CSV: ${echoed((e as Error).message)}`, line === undefined ? undefined : { line });
  }
}
