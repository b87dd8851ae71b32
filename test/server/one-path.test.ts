/**
 * Every scoring route runs on the session's one row path: H2O's routes are scored in slices
 * (stopped by the time limit and the stop signal, counted in the metrics like /invocations),
 * and the stop signal of a multi-model server reaches every model's session.
 */
import { afterAll, describe, expect, test } from 'bun:test';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';
import { silentLogger } from '../../src/server/log.ts';
import { buildMultiModelApp } from '../../src/server/multi-model/index.ts';
import { slowModel } from '../support/fake-model.ts';
import { send, testApp } from '../support/test-app.ts';

/** An H2O score request of `n` rows for the fake binomial. */
function h2oRows(n: number): string {
  return JSON.stringify({ fields: ['x', 'color', 'y'], rows: Array.from({ length: n }, (_, i) => [String(i % 7), 'red', '1']) });
}

const JSON_CT = { 'content-type': 'application/json' };

describe("H2O's routes on the sliced row path", () => {
  test("past the time limit: 504 in H2O's error shape", async () => {
    const app = testApp({ timeoutMs: 200 }, slowModel(1));
    const r = await send(app, 'POST', '/model/score', h2oRows(5_000), JSON_CT); // ≥ 5 s of work
    expect(r.status).toBe(504);
    expect(r.json().detail).toStartWith('504 ');
  });

  test('the stop signal stops a long contribution request (503)', async () => {
    const stop = new AbortController();
    const model = slowModel(1);
    const slowShap = () => {
      const end = performance.now() + 1;
      while (performance.now() < end) {}
      return [1, 2];
    };
    const withShap = { ...model, explanations: { contributions: { names: ['x', 'BiasTerm'], compute: slowShap } } };
    const app = testApp({ signal: stop.signal }, withShap);
    const pending = send(
      app,
      'POST',
      '/model/contribution',
      JSON.stringify({ ...JSON.parse(h2oRows(5_000)), requestShapleyValueType: 'ORIGINAL' }),
      JSON_CT,
    );
    setTimeout(() => stop.abort(), 100);
    const r = await pending;
    expect(r.status).toBe(503);
  });

  test('/model/score and /model/contribution are counted in mojo_requests_total', async () => {
    const app = testApp({ metrics: true });
    expect((await send(app, 'POST', '/model/score', h2oRows(3), JSON_CT)).status).toBe(200);
    expect((await send(app, 'POST', '/model/score', '{"fields": ["x"]}', JSON_CT)).status).toBe(400);
    const text = (await send(app, 'GET', '/metrics')).text;
    expect(text).toContain('mojo_requests_total{route="model/score",status="200"} 1');
    expect(text).toContain('mojo_requests_total{route="model/score",status="400"} 1');
    expect(text).toContain('mojo_rows_scored_total{outcome="ok"} 3');
  });
});

describe('multi-model: the stop signal reaches every session', () => {
  const root = mkdtempSync(join(tmpdir(), 'one-path-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'demo/model'), { recursive: true });
  copyFileSync(DEMO_MODEL_PATH, join(root, 'demo/model/demo-gbm.zip'));

  test("after a forced drain, a loaded model's batch is refused (503), single rows too", async () => {
    const stop = new AbortController();
    const { app } = buildMultiModelApp({ root, memoryBudgetBytes: 1 << 30, evictLru: false }, { log: silentLogger, signal: stop.signal });
    const post = (path: string, body: string, type: string) =>
      app.handle(new Request(`http://localhost${path}`, { method: 'POST', body, headers: { 'content-type': type } }));
    expect((await post('/models', JSON.stringify({ model_name: 'demo', url: 'demo/model' }), 'application/json')).status).toBe(200);
    const batch = 'tenure_months,monthly_charges,support_calls\n12,50,1\n30,70,0\n';
    expect((await post('/models/demo/invoke', batch, 'text/csv')).status).toBe(200);
    stop.abort();
    const r = await post('/models/demo/invoke', batch, 'text/csv');
    expect(r.status).toBe(503);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('SHUTTING_DOWN');
    const h2o = await post('/models/demo/model/score', JSON.stringify({ fields: ['tenure_months'], rows: [['12']] }), 'application/json');
    expect(h2o.status).toBe(503);
  });
});
