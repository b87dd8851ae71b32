/**
 * Metrics of the multi-model endpoint carry the model: requests and rows per loaded model for
 * /models/{name}/invoke and H2O's routes below it, summed over the workers, and gone once the
 * model is unloaded (the label set stays bounded by the loaded models).
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../src/server/log.ts';
import { MetricsTotals } from '../../../src/server/metrics-ipc.ts';
import { emptySnapshot, type MetricsSnapshot, sumSnapshots } from '../../../src/server/metrics-snapshot.ts';
import { buildMultiModelApp } from '../../../src/server/multi-model/index.ts';
import { writeGlmMojo } from '../../support/mojo-writer/index.ts';
import { lineGlm } from '../../support/price-glm.ts';

const glm = lineGlm();

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mojo-mme-metrics-'));
  mkdirSync(join(root, 'glm/model'), { recursive: true });
  writeFileSync(join(root, 'glm/model/model.zip'), writeGlmMojo(glm));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function call(
  app: ReturnType<typeof buildMultiModelApp>['app'],
  method: string,
  path: string,
  body?: unknown,
  type = 'application/json',
) {
  const init: RequestInit = { method, headers: { 'content-type': type } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await app.handle(new Request(`http://localhost${path}`, init));
  return { status: res.status, text: await res.text() };
}

describe('per-model metrics (one process)', () => {
  test('requests and rows per model, for invoke and H2O routes; an unloaded model leaves no series', async () => {
    const { app } = buildMultiModelApp({ root, memoryBudgetBytes: 1 << 30, evictLru: false }, { log: silentLogger });
    for (const name of ['a', 'b']) expect((await call(app, 'POST', '/models', { model_name: name, url: 'glm/model' })).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await call(app, 'POST', '/models/a/invoke', { x: i })).status).toBe(200);
    expect((await call(app, 'POST', '/models/a/invoke', 'x\n1\n2\n3\n', 'text/csv')).status).toBe(200);
    expect((await call(app, 'POST', '/models/a/invoke', { x: 'abc' })).status).toBe(400);
    expect((await call(app, 'POST', '/models/b/model/score', { fields: ['x'], rows: [['1'], ['2']] })).status).toBe(200);
    // A name that is not loaded is a 404 that adds no series.
    expect((await call(app, 'POST', '/models/nope/invoke', { x: 1 })).status).toBe(404);

    const text = (await call(app, 'GET', '/metrics')).text;
    expect(text).toContain('mojo_model_requests_total{model="a",route="invocations",status="200"} 4');
    expect(text).toContain('mojo_model_requests_total{model="a",route="invocations",status="400"} 1');
    expect(text).toContain('mojo_model_requests_total{model="b",route="model/score",status="200"} 1');
    expect(text).toContain('mojo_model_rows_scored_total{model="a",outcome="ok"} 6');
    expect(text).toContain('mojo_model_rows_scored_total{model="b",outcome="ok"} 2');
    // The route-level totals count them too.
    expect(text).toContain('mojo_requests_total{route="invocations",status="200"} 4');
    expect(text).toContain('mojo_models_loaded 2');
    expect(text).not.toContain('nope');

    expect((await call(app, 'DELETE', '/models/a')).status).toBe(200);
    const after = (await call(app, 'GET', '/metrics')).text;
    expect(after).not.toContain('model="a"');
    expect(after).toContain('mojo_model_rows_scored_total{model="b",outcome="ok"} 2');
    expect(after).toContain('mojo_models_loaded 1');
  });
});

describe('per-model totals over workers', () => {
  const worker = (requests: MetricsSnapshot['modelRequests'], rows: MetricsSnapshot['modelRows']): MetricsSnapshot => ({
    ...emptySnapshot(),
    modelRequests: requests,
    modelRows: rows,
  });

  test('sumSnapshots adds per-model counters and keeps only the models asked for', () => {
    const total = sumSnapshots(
      [
        worker([['a', 'invocations', 200, 3]], [['a', 5, 1]]),
        worker(
          [
            ['a', 'invocations', 200, 2],
            ['b', 'invocations', 200, 7],
          ],
          [
            ['a', 1, 0],
            ['b', 9, 0],
          ],
        ),
      ],
      (m) => m === 'a',
    );
    expect(total.modelRequests).toEqual([['a', 'invocations', 200, 5]]);
    expect(total.modelRows).toEqual([['a', 6, 1]]);
  });

  test("the primary's totals drop an unloaded model, an exited worker's counts included, and carry its catalog", () => {
    const loaded = new Set(['a', 'b']);
    const totals = new MetricsTotals({
      keepModel: (m) => loaded.has(m),
      catalog: () => ({ models: [...loaded].map((m): [string, number] => [m, 10]), budgetBytes: 100 }),
    });
    const reply = () => {};
    totals.receive(1, { metrics: worker([['a', 'invocations', 200, 1]], [['a', 1, 0]]) }, reply);
    totals.receive(2, { metrics: worker([['b', 'invocations', 200, 2]], [['b', 2, 0]]) }, reply);
    totals.exited(1);
    expect(totals.totals().modelRows).toEqual([
      ['a', 1, 0],
      ['b', 2, 0],
    ]);
    loaded.delete('a');
    const t = totals.totals();
    expect(t.modelRows).toEqual([['b', 2, 0]]);
    expect(t.modelRequests).toEqual([['b', 'invocations', 200, 2]]);
    expect(t.catalog).toEqual({ models: [['b', 10]], budgetBytes: 100 });
    // Loaded again under the same name: it starts from zero (the exited worker's counts are gone).
    loaded.add('a');
    expect(totals.totals().modelRows).toEqual([['b', 2, 0]]);
  });
});
