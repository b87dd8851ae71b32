/**
 * A real MOJO for tests that need the CLI: the bundled demo model when it exists, else the
 * first shared fixture this build can load. Undefined (with the reason) when there is none.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { decodeModel } from '../../src/algos/index.ts';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';
import { FIXTURES_DIR } from './fixtures.ts';

const CANDIDATES = ['jmh_gbm_prostate', 'gbm_titanic_from_se', 'drf_binomial_from_se', 'glm_prostate', 'xgboost_java', 'xgboost'];

/** The first of the demo model and a few fixtures that loads, or why none did. */
export function realModel(): { path: string } | { skip: string } {
  const tried: string[] = [];
  const paths = [DEMO_MODEL_PATH, ...CANDIDATES.map((c) => join(FIXTURES_DIR, c, 'model.zip'))];
  for (const p of paths) {
    if (!existsSync(p)) continue;
    try {
      decodeModel(p);
      return { path: p };
    } catch (e) {
      tried.push(`${p}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return {
    skip: tried.length
      ? `no loadable model yet (${tried.join('; ')})`
      : `no demo model (${DEMO_MODEL_PATH}) and no fixtures at ${FIXTURES_DIR}`,
  };
}
