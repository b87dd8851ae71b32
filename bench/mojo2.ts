/**
 * MOJO2 (Driverless AI pipeline.mojo) throughput, single thread: the rows of a case's input.csv
 * as objects of column → string, encoded, run through the pipeline and rendered into the output
 * record; and pre-encoded rows through `model.score` only. Cases come from ../shared/dai-fixtures.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { decodeModel } from '../src/algos/index.ts';
import { Session } from '../src/scoring/index.ts';
import { timeLoop } from './evaluator.ts';

export const DAI_FIXTURES_DIR = process.env.DAI_FIXTURES_DIR ?? resolve(import.meta.dir, '../../shared/dai-fixtures');

/** The credit LightGBM pipeline and two stacked ones (9 nested XGBoost folds; 5×5 TOML folds). */
export const MOJO2_CASES = [
  { folder: 'run_pipeline_credit_lightgbm', label: 'credit, LightGBM binary (protobuf)' },
  { folder: 'g5_prediction_interval_weather', label: 'stacked: 9 nested XGBoost folds + interval (protobuf)' },
  { folder: 'g1_mojo2data_prostate_age', label: 'stacked: 25 nested XGBoost text dumps (TOML)' },
] as const;

export interface Mojo2Result {
  rows: number;
  fullRowsPerSec: number;
  rawRowsPerSec: number;
}

/** Null when the case is absent. */
export function benchMojo2(folder: string, seconds = 2): Mojo2Result | null {
  const dir = join(DAI_FIXTURES_DIR, folder);
  if (!existsSync(join(dir, 'input.csv'))) return null;
  const model = decodeModel(join(dir, 'pipeline.mojo'));
  const scorer = new Session(model);
  const rows = parse(readFileSync(join(dir, 'input.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  const n = rows.length;
  let sink = 0;
  const fullRowsPerSec = timeLoop(seconds, () => {
    for (let i = 0; i < n; i++) if (scorer.record(rows[i], true) !== null) sink++;
    return n;
  });
  const encoded = rows.map((r) => {
    scorer.encoder.encodeObject(r, scorer.raw, true);
    return Float64Array.from(scorer.raw);
  });
  const out = new Float64Array(model.outWidth);
  const rawRowsPerSec = timeLoop(seconds, () => {
    for (let i = 0; i < n; i++) {
      model.score(encoded[i], out, 0);
      sink += out[0];
    }
    return n;
  });
  if (sink === 0.123456789) console.log('');
  return { rows: n, fullRowsPerSec, rawRowsPerSec };
}
