/**
 * Golden parity for the published library (test/node, test/browser): fixture CSV rows as the
 * row objects a library user passes (empty cell = key absent, other cells as text), and one
 * comparison of the library's records with the reference under the rules of checkRow.
 */
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { checkRow, type Mode } from './check.ts';
import type { Fixture } from '../support/fixtures.ts';

export type Rec = Record<string, unknown>;

/** A fixture's input.csv as row objects. */
export function fixtureRows(f: Fixture): Record<string, string>[] {
  const cells = parse(readFileSync(f.input, 'utf8'), { relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
  const header = cells[0] ?? [];
  const rows: Record<string, string>[] = [];
  for (let r = 1; r < cells.length; r++) {
    const row: Record<string, string> = {};
    const line = cells[r];
    for (let c = 0; c < header.length && c < line.length; c++) if (line[c] !== '') row[header[c]] = line[c];
    rows.push(row);
  }
  return rows;
}

/** The fixtures the library tests score: one or two per algorithm family, each category covered. */
export const LIBRARY_FIXTURES = [
  'jmh_gbm_prostate', // gbm, binomial (contributions)
  'gbm_multinomial_from_se', // gbm, multinomial
  'drf_regression_from_se', // drf, regression
  'xgboost_java', // xgboost, regression (contributions)
  'xgboost', // xgboost, multinomial
  'glm_prostate', // glm
  'se_binomial', // stacked ensemble
  'sw_deep_learning_prostate', // deep learning (row errors)
  'kmeans', // clustering
  'isofor', // anomaly
  'sw_pca_prostate', // dimensionality reduction
  'glrm', // dimensionality reduction
  'word2vec_genmodel', // word embedding
  'coxph_bc_all_3_42', // CoxPH
];

/** Compares library results with the reference rows; returns the first problems found. */
export function compareRecords(f: Fixture, mode: Mode, expected: Rec[], actual: Rec[], outputNames: readonly string[]): string[] {
  const listed = f.meta.reference?.output_names ?? [];
  const names = listed.length > 0 ? listed : outputNames;
  if (actual.length !== expected.length) return [`expected ${expected.length} rows, got ${actual.length}`];
  const problems: string[] = [];
  for (let i = 0; i < expected.length && problems.length < 5; i++) {
    const row = Number(expected[i].row ?? i);
    if (f.quirkRows.has(row)) continue;
    const p = checkRow(mode, expected[i], actual[i], names);
    if (p !== null) problems.push(`${f.name} row ${row}: ${p}`);
  }
  return problems;
}
