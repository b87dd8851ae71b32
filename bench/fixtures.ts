/** The fixtures the performance goals name, with the Java runtime's single-thread anchors. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

export const FIXTURES_DIR = process.env.FIXTURES_DIR ?? resolve(import.meta.dir, '../../shared/fixtures');

export interface Goal {
  fixture: string;
  label: string;
  javaRowsPerSec: number;
  factor: number;
}

/** Anchors: h2o-genmodel EasyPredictModelWrapper, JIT-warmed, one thread, this machine class. */
export const GOALS: Goal[] = [
  { fixture: 'jmh_gbm_prostate', label: 'GBM, 50 trees', javaRowsPerSec: 343_000, factor: 3 },
  { fixture: 'drf_binomial_from_se', label: 'DRF, 50 trees', javaRowsPerSec: 187_000, factor: 3 },
  { fixture: 'xgboost_java', label: 'XGBoost', javaRowsPerSec: 372_000, factor: 3 },
  { fixture: 'isofor', label: 'Isolation Forest', javaRowsPerSec: 671_000, factor: 3 },
  { fixture: 'se_binomial', label: 'Stacked Ensemble', javaRowsPerSec: 72_000, factor: 3 },
  { fixture: 'glm_prostate', label: 'GLM', javaRowsPerSec: 2_140_000, factor: 1.5 },
  { fixture: 'jmh_glm_mnist', label: 'GLM multinomial, 784 cols', javaRowsPerSec: 120_000, factor: 1.5 },
  { fixture: 'kmeans', label: 'K-Means', javaRowsPerSec: 1_960_000, factor: 1.5 },
  { fixture: 'sw_deep_learning_prostate', label: 'Deep Learning 200x200', javaRowsPerSec: 48_000, factor: 1 },
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
