/**
 * `verify`: scores a CSV and compares the result, column by column (by name), with a reference
 * runtime's output for the same rows — the Driverless AI runtime's CSV for a pipeline.mojo, or
 * h2o-genmodel's PredictCsv output for an H2O-3 MOJO. This is how a pipeline is checked before
 * switching to this scorer, and how operations no published value verifies get verified.
 */
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import type { Model } from '../algos/index.ts';
import { BadRequestError, InvalidArgumentError } from '../errors.ts';
import { parseHexFloat } from '../scoring/index.ts';
import { scoreFile } from './score.ts';

export interface VerifyOptions {
  /** Largest accepted |ours − reference| / max(1, |reference|); 0 (default) means bit-equal doubles. */
  tolerance: number;
  /** How many differing cells to list. */
  show?: number;
}

export interface CellDifference {
  row: number;
  column: string;
  expected: string;
  actual: string;
}

export interface VerifyReport {
  rows: number;
  /** Reference columns compared (found in the model's output). */
  columns: string[];
  /** Reference columns the model does not output. */
  unknownColumns: string[];
  differences: number;
  first: CellDifference[];
  rowsDiffer: boolean;
}

function readCsv(path: string, what: string): string[][] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InvalidArgumentError(`${what} '${path}': cannot be read (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
  return parseCsv(text, `${what} '${path}'`);
}

function parseCsv(text: string, what: string): string[][] {
  try {
    return parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (e) {
    throw new BadRequestError(`${what}: not readable as CSV: ${(e as Error).message}`);
  }
}

/** A reference cell as a number (decimal or hexadecimal; empty, NA and NaN are NaN), or undefined for text. */
function cellNumber(text: string): number | undefined {
  const t = text.trim();
  if (t === '' || t === 'NA' || t === 'NaN' || t === 'nan') return Number.NaN;
  if (t === 'Infinity' || t === 'inf') return Number.POSITIVE_INFINITY;
  if (t === '-Infinity' || t === '-inf') return Number.NEGATIVE_INFINITY;
  const n = Number(t);
  return Number.isNaN(n) ? parseHexFloat(t) : n;
}

function same(expected: string, actual: string, tolerance: number): boolean {
  const e = cellNumber(expected);
  const a = cellNumber(actual);
  if (e === undefined || a === undefined) return expected.trim() === actual.trim();
  if (Number.isNaN(e) || Number.isNaN(a)) return Number.isNaN(e) && Number.isNaN(a);
  if (e === a) return true;
  return tolerance > 0 && Math.abs(a - e) <= tolerance * Math.max(1, Math.abs(e));
}

/**
 * Scores `inputPath` with `model` through `score`'s own path (the file read in blocks, the one
 * row loop, the CSV writer), then compares the answer with `expectedPath` by column name.
 */
export async function verifyModel(model: Model, inputPath: string, expectedPath: string, options: VerifyOptions): Promise<VerifyReport> {
  const expected = readCsv(expectedPath, '--expected');
  if (expected.length === 0) throw new BadRequestError(`--expected '${expectedPath}' has no header`);
  const chunks: string[] = [];
  const decoder = new TextDecoder();
  await scoreFile(model, {
    input: inputPath,
    format: 'csv',
    lenient: true,
    write: (c) => void chunks.push(typeof c === 'string' ? c : decoder.decode(c)),
  });
  const answer = parseCsv(chunks.join(''), 'the scored output');
  const header = answer[0] ?? [];
  // The answer's last column is the row's error message (empty for rows that scored).
  const errorAt = header.length - 1;
  const ours = header.slice(0, errorAt);
  const rows = answer.length - 1;
  if (expected.length - 1 !== rows) throw new BadRequestError(`--expected has ${expected.length - 1} rows, --input has ${rows}`);
  const refHeader = expected[0];
  const columns: string[] = [];
  const unknownColumns: string[] = [];
  const pairs: [number, number][] = [];
  refHeader.forEach((name, j) => {
    const k = ours.indexOf(name);
    if (k < 0) unknownColumns.push(name);
    else {
      columns.push(name);
      pairs.push([j, k]);
    }
  });
  if (columns.length === 0) throw new BadRequestError(`--expected names none of the model's output columns (${ours.join(', ')})`);
  const show = options.show ?? 10;
  const first: CellDifference[] = [];
  let differences = 0;
  for (let i = 1; i <= rows; i++) {
    const error = answer[i][errorAt] ?? '';
    const cells = error === '' ? answer[i] : ours.map(() => `error: ${error}`);
    for (const [j, k] of pairs) {
      const want = expected[i][j] ?? '';
      if (!same(want, cells[k] ?? '', options.tolerance)) {
        differences++;
        if (first.length < show) first.push({ row: i - 1, column: ours[k], expected: want, actual: cells[k] ?? '' });
      }
    }
  }
  return { rows, columns, unknownColumns, differences, first, rowsDiffer: differences > 0 };
}

/** The report as lines for a person. */
export function formatReport(r: VerifyReport, tolerance: number): string {
  const lines = [
    `verify: ${r.rows} rows × ${r.columns.length} columns compared (${tolerance > 0 ? `tolerance ${tolerance}` : 'exact doubles'}); ${r.differences} differing cells`,
  ];
  if (r.unknownColumns.length > 0) lines.push(`not compared (the model has no such output): ${r.unknownColumns.join(', ')}`);
  for (const d of r.first) lines.push(`  row ${d.row}, ${d.column}: expected ${d.expected}, got ${d.actual}`);
  if (r.differences > r.first.length) lines.push(`  … and ${r.differences - r.first.length} more`);
  lines.push(r.differences === 0 ? 'OK: the outputs match the reference' : 'DIFFERENT: the outputs do not match the reference');
  return lines.join('\n');
}
