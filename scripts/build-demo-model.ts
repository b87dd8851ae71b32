/**
 * Regenerates src/demo/demo-gbm.zip: trains the demo GBM on the seeded synthetic churn data and
 * writes it with the test-side MOJO writer. Deterministic: same bytes on every run and machine.
 *
 *   npm run build:demo              write the file
 *   npm run build:demo -- --check   exit 1 if the committed file is not what the build produces
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { DEMO_MODEL_PATH } from '../src/demo/index.ts';
import { buildDemoModel } from '../test/support/demo/index.ts';

const { zip, spec } = buildDemoModel();
const current = existsSync(DEMO_MODEL_PATH) ? new Uint8Array(readFileSync(DEMO_MODEL_PATH)) : null;
const same = current !== null && Buffer.compare(Buffer.from(current), Buffer.from(zip)) === 0;

if (process.argv.includes('--check')) {
  if (!same) {
    console.error(`${DEMO_MODEL_PATH} is out of date; run: npm run build:demo`);
    process.exit(1);
  }
  console.log(`${DEMO_MODEL_PATH} is up to date (${zip.length} bytes)`);
} else {
  if (!same) writeFileSync(DEMO_MODEL_PATH, zip);
  console.log(
    `${same ? 'unchanged' : 'wrote'} ${DEMO_MODEL_PATH}: ${zip.length} bytes, ${spec.trees.length} trees, init_f ${spec.initF}, threshold ${spec.defaultThreshold}`,
  );
}
