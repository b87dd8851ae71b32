/** The fixtures the performance goals name; their Java anchors are measured in each run (java-anchor.ts). */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

export const FIXTURES_DIR = process.env.FIXTURES_DIR ?? resolve(import.meta.dir, '../../shared/fixtures');

export interface Goal {
  fixture: string;
  label: string;
  /** How many times Java's single-thread rows/s ours must reach. */
  factor: number;
  /** Also measure ours on rows as a client sends them in JSON: objects whose numbers are numbers. */
  json?: boolean;
}

/** Issue-12 targets: trees ≥ 5× Java, GLM and k-means ≥ 2×, Deep Learning ≥ 1.5×. */
const TREES = 5;
const LINEAR = 2;
const DEEP = 1.5;

export const GOALS: Goal[] = [
  { fixture: 'jmh_gbm_prostate', label: 'GBM, 50 trees', factor: TREES },
  { fixture: 'gbm_titanic_from_se', label: 'GBM, categorical-heavy (titanic)', factor: TREES },
  { fixture: 'drf_binomial_from_se', label: 'DRF, 50 trees', factor: TREES },
  { fixture: 'xgboost_java', label: 'XGBoost', factor: TREES },
  { fixture: 'isofor', label: 'Isolation Forest', factor: TREES },
  { fixture: 'se_binomial', label: 'Stacked Ensemble', factor: TREES },
  { fixture: 'glm_prostate', label: 'GLM', factor: LINEAR },
  { fixture: 'jmh_glm_mnist', label: 'GLM multinomial, 784 cols', factor: LINEAR, json: true },
  { fixture: 'kmeans', label: 'K-Means', factor: LINEAR },
  { fixture: 'sw_deep_learning_prostate', label: 'Deep Learning 200x200', factor: DEEP },
];

export function fixturePath(name: string, file = 'model.zip'): string {
  return join(FIXTURES_DIR, name, file);
}

export function haveFixture(name: string): boolean {
  return existsSync(fixturePath(name));
}

/** input.csv rows as objects of column → string cell (empty cells are absent = missing). */
export function fixtureRows(name: string): Record<string, string>[] {
  const cells = parse(readFileSync(fixturePath(name, 'input.csv')), { relax_column_count: true }) as string[][];
  const [header, ...rows] = cells;
  return rows.map((r) => {
    const o: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) if (r[i] !== undefined && r[i] !== '') o[header[i]] = r[i];
    return o;
  });
}

/** The header line and the data lines of the fixture's input.csv (as text, unparsed). */
export function fixtureLines(name: string): { header: string; lines: string[] } {
  const [header, ...lines] = readFileSync(fixturePath(name, 'input.csv'), 'utf8').trimEnd().split(/\r?\n/);
  return { header, lines };
}

/** How many leading rows of input.csv are edge cases ("abc", ±1e308, all missing), from meta.json. */
export function edgeRowCount(name: string): number {
  const meta = JSON.parse(readFileSync(fixturePath(name, 'meta.json'), 'utf8')) as { n_edge_rows?: number };
  return meta.n_edge_rows ?? 0;
}
