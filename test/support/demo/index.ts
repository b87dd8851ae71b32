/**
 * Builds the project's demo model (src/demo/demo-gbm.zip): a 20-tree, depth-3 bernoulli GBM
 * trained on the seeded synthetic churn data, written with the test-side MOJO writer.
 */
import { writeGbmMojo, type GbmMojoSpec } from '../mojo-writer/index.ts';
import { DEMO_FEATURES, DEMO_RESPONSE, DEMO_ROWS, DEMO_SEED, encodeDemoRow, generateChurnData, type DemoRow } from './dataset.ts';
import { trainGbm, type TrainParams } from './trainer.ts';
import { sigmoid } from './dmath.ts';

export * from './dataset.ts';
export { trainGbm, type TrainData, type TrainParams, type TrainedGbm } from './trainer.ts';
export { dexp, dlog, sigmoid } from './dmath.ts';
export { Rng } from './prng.ts';

export const DEMO_PARAMS: TrainParams = {
  distribution: 'bernoulli',
  ntrees: 20,
  maxDepth: 3,
  learnRate: 0.1,
  minRows: 10,
};

export interface DemoModel {
  rows: DemoRow[];
  spec: GbmMojoSpec;
  zip: Uint8Array;
}

/**
 * The probability cut-off maximising F1 on the training rows (what H2O stores as
 * default_threshold), placed halfway between two neighbouring predicted probabilities so no
 * training row sits exactly on it.
 */
export function maxF1Threshold(p: readonly number[], y: readonly number[]): number {
  const order = p.map((_, i) => i).sort((a, b) => p[b] - p[a] || a - b);
  let positives = 0;
  for (const v of y) positives += v;
  let tp = 0;
  let fp = 0;
  let bestF1 = -1;
  let bestThr = 0.5;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    if (y[i] === 1) tp++;
    else fp++;
    const next = k + 1 < order.length ? p[order[k + 1]] : 0;
    if (next === p[i]) continue; // threshold can only fall between distinct probabilities
    const f1 = (2 * tp) / (2 * tp + fp + (positives - tp));
    if (f1 > bestF1) {
      bestF1 = f1;
      bestThr = (p[i] + next) / 2;
    }
  }
  return bestThr;
}

export function buildDemoModel(): DemoModel {
  const rows = generateChurnData(DEMO_SEED, DEMO_ROWS);
  const x = rows.map(encodeDemoRow);
  const y = rows.map((r) => (r.churned === 'yes' ? 1 : 0));
  const cardinality = DEMO_FEATURES.map((c) => ('domain' in c ? c.domain.length : 0));
  const trained = trainGbm({ x, y, cardinality }, DEMO_PARAMS);
  let pos = 0;
  for (const v of y) pos += v;
  const prior = [(rows.length - pos) / rows.length, pos / rows.length];
  const spec: GbmMojoSpec = {
    features: DEMO_FEATURES,
    response: DEMO_RESPONSE,
    distribution: 'bernoulli',
    linkFunction: 'logit',
    initF: trained.initF,
    trees: trained.trees.map((t) => [t]),
    priorClassDistrib: prior,
    modelClassDistrib: prior,
    uuid: '2024010100000000001',
    timestamp: '2024-01-01T12:00:00.000Z',
    h2oVersion: '3.46.0.1',
    extraInfo: [['_written_by', 'mojo-scorer test/support/mojo-writer (demo model, see src/demo/README.md)']],
  };
  // trained.f sums the float32 leaves in tree order and then adds init_f, as a MOJO scorer does;
  // the arithmetic-only sigmoid keeps the threshold identical on every machine.
  spec.defaultThreshold = maxF1Threshold(Array.from(trained.f, sigmoid), y);
  return { rows, spec, zip: writeGbmMojo(spec) };
}
