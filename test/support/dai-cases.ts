/**
 * The Driverless AI pipeline.mojo cases of ../shared/dai-fixtures and the check INDEX.md states
 * for each (values as IEEE doubles with ==, structure, run-only, refusal), applied to a scored
 * table so that the CLI, the library and /invocations share one checker.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DAI_FIXTURES_DIR } from './fixtures.ts';

export interface DaiCase {
  name: string;
  dir: string;
  model: string;
  /** input.csv, or null (the header-only input is built from expected.json features). */
  input: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: expected.json differs per kind; the checker reads what it needs.
  expected: any;
  kind: 'values' | 'contributions' | 'structural' | 'run-only' | 'refusal';
}

export function listDaiCases(root = DAI_FIXTURES_DIR): DaiCase[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'pipeline.mojo')))
    .map((d) => {
      const dir = join(root, d.name);
      const json = existsSync(join(dir, 'expected.json')) ? JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) : null;
      const kind = json?.kind ?? 'values';
      return {
        name: d.name,
        dir,
        model: join(dir, 'pipeline.mojo'),
        input: existsSync(join(dir, 'input.csv')) ? join(dir, 'input.csv') : null,
        expected: json,
        kind,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The input text of a case (header-only from the feature list when no rows are public). */
export function caseInput(c: DaiCase): string {
  if (c.input !== null) return readFileSync(c.input, 'utf8');
  return `${(c.expected.features as string[]).join(',')}\n`;
}

/** A scored table: header and rows of cell texts (numbers as written). */
export interface Table {
  header: string[];
  rows: string[][];
}

/** A small CSV reader for the outputs and expected files (quotes, CRLF). */
export function readCsvText(text: string): Table {
  const records: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      records.push(row);
      row = [];
      cell = '';
    } else cell += ch;
    i++;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    records.push(row);
  }
  return { header: records[0] ?? [], rows: records.slice(1) };
}

function column(t: Table, name: string): number {
  return t.header.indexOf(name);
}

/** Failures of a scored table against what the case asserts (empty: pass). `contributions` when scored with --contributions. */
export function checkTable(c: DaiCase, t: Table): string[] {
  const fail: string[] = [];
  const errorCol = column(t, 'error');
  if (errorCol >= 0) for (const [i, r] of t.rows.entries()) if (r[errorCol]) fail.push(`row ${i} has error '${r[errorCol]}'`);
  const cols = t.header.filter((h) => h !== 'error');
  const expectFile = (file: string, rowsFrom = 0): void => {
    const e = readCsvText(readFileSync(join(c.dir, file), 'utf8'));
    for (const [j, name] of e.header.entries()) {
      const k = column(t, name);
      if (k < 0) {
        fail.push(`no column '${name}'`);
        continue;
      }
      e.rows.forEach((er, i) => {
        const want = Number(er[j]);
        const got = Number(t.rows[rowsFrom + i]?.[k]);
        if (!(got === want)) fail.push(`row ${i} ${name}: expected ${er[j]}, got ${t.rows[rowsFrom + i]?.[k]}`);
      });
    }
  };
  switch (c.kind) {
    case 'values':
      expectFile('expected.csv');
      break;
    case 'contributions':
      if (JSON.stringify(cols) !== JSON.stringify(c.expected.contribution_columns)) fail.push(`columns ${cols.join(',')}`);
      if (t.rows.length !== c.expected.rows) fail.push(`${t.rows.length} rows`);
      expectFile(c.expected.values_file);
      break;
    case 'structural':
    case 'run-only': {
      if (JSON.stringify(cols) !== JSON.stringify(c.expected.prediction_columns)) fail.push(`columns ${cols.join(',')}`);
      if (t.rows.length !== c.expected.rows) fail.push(`${t.rows.length} rows, expected ${c.expected.rows}`);
      const idx = c.expected.prediction_columns.map((n: string) => column(t, n));
      for (const [i, r] of t.rows.entries()) {
        const v = idx.map((k: number) => Number(r[k]));
        if (v.some((x: number) => !Number.isFinite(x))) fail.push(`row ${i} has a value that is not a finite number`);
        if (c.expected.probabilities) {
          if (v.some((x: number) => x < 0 || x > 1)) fail.push(`row ${i} has a probability outside [0, 1]`);
          const sum = v.reduce((a: number, b: number) => a + b, 0);
          if (Math.abs(sum - 1) > c.expected.row_sum_tolerance) fail.push(`row ${i} sums to ${sum}`);
        }
      }
      if (c.expected.distinct_values_per_column !== undefined) {
        for (const k of idx) {
          const distinct = new Set(t.rows.map((r) => r[k])).size;
          if (distinct !== c.expected.distinct_values_per_column) fail.push(`column ${t.header[k]} has ${distinct} distinct values`);
        }
      }
      break;
    }
    case 'refusal':
      fail.push('scored, but the case must be refused');
      break;
  }
  return fail;
}

/** Failures of a refusal (one message) against the case: allowed only where the case says so. */
export function checkRefusal(c: DaiCase, message: string): string[] {
  const line = message.split(c.model).join('');
  if (c.kind === 'refusal') return line.includes('40') ? [] : [`refusal does not name 40: ${line}`];
  if (c.kind === 'run-only' && c.expected.refusal_allowed) {
    return /unsupported|not supported/.test(line) ? [] : [`refusal does not say unsupported: ${line}`];
  }
  return [`refused: ${line}`];
}
