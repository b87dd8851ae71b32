/**
 * The shipped demo model (src/demo/demo-gbm.zip):
 * - is exactly what `npm run build:demo` produces (it cannot drift silently);
 * - the writer's reference traversal matches what h2o-genmodel itself computed for it
 *   (golden file recorded once with the Java runtime, see src/demo/README.md);
 * - our own GBM reader scores it like the trainer's trees say it should.
 */
import { describe, expect, test } from 'bun:test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';
import { decodeModel, supportedAlgos } from '../../src/algos/index.ts';
import { openMojoBytes, readHeader } from '../../src/mojo/index.ts';
import { buildDemoModel, DEMO_FEATURES, encodeDemoRow, generateChurnData, PLAN_LEVELS, REGION_LEVELS } from '../support/demo/index.ts';
import { gbmLeafPaths, gbmPredict, treeDepth } from '../support/mojo-writer/index.ts';

const committed = new Uint8Array(readFileSync(DEMO_MODEL_PATH));
const demo = buildDemoModel();

interface GoldenRow {
  row: Record<string, string>;
  label: string;
  p: [number, number];
  leaf: string[];
  contributions: number[];
}
const goldenLines = readFileSync(new URL('./demo-gbm.h2o-genmodel.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n');
const goldenMeta = JSON.parse(goldenLines[0]) as { model_sha256: string };
const golden = goldenLines.slice(1).map((l) => JSON.parse(l) as GoldenRow);

/** A golden CSV-style row encoded the way the model reads it (unknown level → missing). */
function encodeGolden(r: Record<string, string>): Float64Array {
  const num = (k: string): number => (r[k] === undefined ? NaN : Number(r[k]));
  const lvl = (k: string, levels: readonly string[]): number => {
    const i = r[k] === undefined ? -1 : levels.indexOf(r[k]);
    return i < 0 ? NaN : i;
  };
  return Float64Array.from([
    num('tenure_months'),
    num('monthly_charges'),
    num('support_calls'),
    lvl('plan', PLAN_LEVELS),
    lvl('region', REGION_LEVELS),
  ]);
}

describe('demo model artifact', () => {
  test('regenerating gives byte-identical output to the committed zip', () => {
    const same = committed.length === demo.zip.length && committed.every((b, i) => b === demo.zip[i]);
    if (!same) throw new Error('src/demo/demo-gbm.zip is out of date: run `npm run build:demo` and commit it');
    expect(same).toBe(true);
  });

  test('building twice is deterministic', () => {
    expect(buildDemoModel().zip).toEqual(demo.zip);
  });

  test('shape: 20 bernoulli trees of depth ≤ 3 over the documented columns', () => {
    expect(demo.spec.trees.length).toBe(20);
    for (const [t] of demo.spec.trees) expect(treeDepth(t!)).toBeLessThanOrEqual(3);
    const header = readHeader(openMojoBytes(committed, 'demo-gbm.zip'));
    expect(header.algo).toBe('gbm');
    expect(header.category).toBe('Binomial');
    expect(header.mojoVersion).toBe(1.4);
    expect(header.columns).toEqual([...DEMO_FEATURES.map((c) => c.name), 'churned']);
    expect(header.domains[3]).toEqual([...PLAN_LEVELS]);
    expect(header.domains[4]).toEqual([...REGION_LEVELS]);
    expect(header.domains[5]).toEqual(['no', 'yes']);
  });
});

describe('demo model vs h2o-genmodel (recorded golden)', () => {
  test('golden was recorded for this exact zip', () => {
    const sha = createHash('sha256').update(committed).digest('hex');
    if (sha !== goldenMeta.model_sha256) {
      throw new Error(
        'demo-gbm.zip changed since test/demo/demo-gbm.h2o-genmodel.jsonl was recorded with h2o-genmodel; ' +
          're-record it (src/demo/README.md, "Validation against h2o-genmodel")',
      );
    }
  });

  test('reference traversal reproduces h2o-genmodel bit for bit (probabilities, label, leaf paths)', () => {
    for (const g of golden) {
      const row = encodeGolden(g.row);
      const p = gbmPredict(demo.spec, row);
      expect([p[1], p[2]]).toEqual(g.p);
      expect(['no', 'yes'][p[0]]).toBe(g.label);
      expect(gbmLeafPaths(demo.spec, row)).toEqual(g.leaf);
    }
  });
});

const hasGbm = supportedAlgos().includes('gbm');

describe.skipIf(!hasGbm)('demo model through our decodeModel (GBM reader)', () => {
  const rows = [
    ...generateChurnData(99, 60).map(encodeDemoRow),
    ...golden.map((g) => encodeGolden(g.row)),
    Float64Array.from([NaN, NaN, NaN, NaN, NaN]),
  ];

  test('predictions equal the trainer-side reference for every row', () => {
    const model = decodeModel(DEMO_MODEL_PATH);
    expect(model.inputs.map((c) => c.name)).toEqual(DEMO_FEATURES.map((c) => c.name));
    const names = model.outputs.map((o) => o.name);
    expect(names).toEqual(['predict', 'no', 'yes']);
    const out = new Float64Array(model.outWidth);
    for (const row of rows) {
      model.score(row, out, 0);
      const ref = gbmPredict(demo.spec, row);
      expect([out[0], out[1], out[2]]).toEqual([ref[0], ref[1], ref[2]]);
    }
  });

  test('leaf assignments and contributions agree with h2o-genmodel where supported', () => {
    const model = decodeModel(DEMO_MODEL_PATH);
    for (const g of golden) {
      const row = encodeGolden(g.row);
      if (model.explanations.leaf) expect(model.explanations.leaf.compute(row, 0)).toEqual(g.leaf);
      if (model.explanations.contributions) {
        const c = model.explanations.contributions.compute(row, 0) as number[];
        expect(c.length).toBe(g.contributions.length);
        // h2o computes SHAP in float32; allow float32-level differences
        for (const [i, v] of c.entries()) expect(Math.abs(v - g.contributions[i])).toBeLessThan(1e-5);
      }
    }
  });
});
