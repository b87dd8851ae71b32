/**
 * The multi-model endpoint on every core, over real sockets: 2 worker processes share the port.
 * A load reaches one worker, invokes on fresh connections reach both (each loads its own copy
 * on first use), list and describe agree whichever worker answers, an unload reaches every
 * worker before it is answered, and /metrics counts requests per model across the workers.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_MODEL_PATH } from '../../../src/demo/index.ts';
import { silentLogger } from '../../../src/server/log.ts';
import { buildMultiModelApp } from '../../../src/server/multi-model/index.ts';
import { writeGlmMojo } from '../../support/mojo-writer/index.ts';
import { lineGlm } from '../../support/price-glm.ts';
import { killStarted, type Served, startServer } from '../../support/spawned-server.ts';

const glm = lineGlm('tenure_months');

let base: string;
const JSON_CT = { 'content-type': 'application/json' };
/** Fresh connections per check: enough that the kernel hands some to each worker. */
const SPREAD = 40;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'mojo-mme-workers-'));
  mkdirSync(join(base, 'demo/model'), { recursive: true });
  copyFileSync(DEMO_MODEL_PATH, join(base, 'demo/model/demo-gbm.zip'));
  mkdirSync(join(base, 'glm/model'), { recursive: true });
  writeFileSync(join(base, 'glm/model/model.zip'), writeGlmMojo(glm));
});

afterAll(() => {
  killStarted();
  rmSync(base, { recursive: true, force: true });
});

/** A 2-worker endpoint, once both workers listen (/ping answers as soon as one does). */
async function serveMme(env: Record<string, string> = {}): Promise<Served> {
  const s = await startServer({ workers: 2, env: { SAGEMAKER_MULTI_MODEL: 'true', MULTI_MODEL_ROOT: base, ...env } });
  for (let i = 0; i < 600 && !s.stdout().includes('"msg":"all workers ready"'); i++) await Bun.sleep(50);
  return s;
}

/** One request on a new connection (so the kernel may pick either worker). */
async function call(s: Served, method: string, path: string, body?: unknown) {
  const init: RequestInit = { method, headers: JSON_CT, keepalive: false };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(`${s.base}${path}`, init);
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) };
}

/** Parsed log lines of the server so far. */
function logLines(s: Served): { msg?: string; pid?: number; model?: string; why?: string }[] {
  return s
    .stdout()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

/** The pids of the processes that logged they serve (the workers). */
function workerPids(s: Served): Set<number> {
  return new Set(logLines(s).flatMap((l) => (l.msg === 'serving (multi-model)' && l.pid !== undefined ? [l.pid] : [])));
}

/** The pids that loaded `model` (the worker that answered the load, and those that made a copy). */
function loadedBy(s: Served, model: string): Set<number> {
  return new Set(logLines(s).flatMap((l) => (l.msg === 'model loaded' && l.model === model && l.pid !== undefined ? [l.pid] : [])));
}

async function scrape(s: Served): Promise<string> {
  return (await call(s, 'GET', '/metrics')).text;
}

describe('multi-model endpoint with 2 workers', () => {
  test('load once, invoke on every worker, list everywhere, unload everywhere, metrics per model', async () => {
    const s = await serveMme();
    try {
      expect(workerPids(s).size).toBe(2);
      const load = await call(s, 'POST', '/models', { model_name: 'demo', url: 'demo/model' });
      expect(load.status).toBe(200);
      expect(load.json()).toEqual({ modelName: 'demo', modelUrl: 'demo/model' });
      expect(loadedBy(s, 'demo').size).toBe(1);

      // Loading it again is a 409 whichever worker answers.
      for (let i = 0; i < 6; i++) {
        const again = await call(s, 'POST', '/models', { model_name: 'demo', url: 'demo/model' });
        expect(again.status).toBe(409);
        expect(again.json().error.code).toBe('MODEL_ALREADY_LOADED');
      }

      const row = { tenure_months: 3, monthly_charges: 95.5, plan: 'basic' };
      const answers = new Set<string>();
      for (let i = 0; i < SPREAD; i++) {
        const r = await call(s, 'POST', '/models/demo/invoke', row);
        expect(r.status).toBe(200);
        answers.add(r.text);
      }
      // Every worker scored it (each loaded its own copy), with the same answer.
      expect(loadedBy(s, 'demo')).toEqual(workerPids(s));
      expect(answers.size).toBe(1);
      const copy = logLines(s).find((l) => l.msg === 'model loaded' && l.why === 'first request here');
      expect(copy?.model).toBe('demo');

      // H2O's routes below the model, on every worker too.
      for (let i = 0; i < 10; i++) {
        const h2o = await call(s, 'POST', '/models/demo/model/score', { fields: ['tenure_months'], rows: [['12']] });
        expect(h2o.status).toBe(200);
      }

      for (let i = 0; i < 10; i++) {
        expect((await call(s, 'GET', '/models')).json()).toEqual({ models: [{ modelName: 'demo', modelUrl: 'demo/model' }] });
        expect((await call(s, 'GET', '/models/demo')).json()).toEqual({ modelName: 'demo', modelUrl: 'demo/model' });
      }

      // Per-model counters, summed over the workers (pushed every 500 ms; a scrape waits for none).
      await Bun.sleep(2000);
      const text = await scrape(s);
      expect(text).toContain(`mojo_model_requests_total{model="demo",route="invocations",status="200"} ${SPREAD}`);
      expect(text).toContain('mojo_model_requests_total{model="demo",route="model/score",status="200"} 10');
      expect(text).toContain(`mojo_model_rows_scored_total{model="demo",outcome="ok"} ${SPREAD + 10}`);
      expect(text).toContain('mojo_models_loaded 1');
      expect(text).toMatch(/mojo_model_memory_bytes\{model="demo"\} [1-9]/);

      const gone = await call(s, 'DELETE', '/models/demo');
      expect(gone.status).toBe(200);
      expect(gone.json()).toEqual({ modelName: 'demo', modelUrl: 'demo/model' });
      for (let i = 0; i < SPREAD; i++) {
        const r = await call(s, 'POST', '/models/demo/invoke', row);
        expect(r.status).toBe(404);
        expect(r.json().error.code).toBe('MODEL_NOT_LOADED');
      }
      for (let i = 0; i < 10; i++) {
        expect((await call(s, 'GET', '/models/demo')).status).toBe(404);
        expect((await call(s, 'DELETE', '/models/demo')).status).toBe(404);
        expect((await call(s, 'GET', '/models')).json()).toEqual({ models: [] });
      }
      await Bun.sleep(2000);
      const after = await scrape(s);
      expect(after).not.toContain('model="demo"');
      expect(after).toContain('mojo_models_loaded 0');

      // The name again, for another model: no worker answers with its old copy.
      expect((await call(s, 'POST', '/models', { model_name: 'demo', url: 'glm/model' })).status).toBe(200);
      for (let i = 0; i < SPREAD; i++) {
        const r = await call(s, 'POST', '/models/demo/invoke', { tenure_months: 3 });
        expect(r.status).toBe(200);
        expect(r.json()).toEqual({ predict: 2 * 3 + 1 });
      }
    } finally {
      s.proc.kill('SIGTERM');
    }
    expect(await s.proc.exited).toBe(0);
  }, 120_000);

  test('failed loads free the name on every worker; concurrent loads of one name: one 200, one 409', async () => {
    const s = await serveMme();
    try {
      for (let i = 0; i < 4; i++) {
        const missing = await call(s, 'POST', '/models', { model_name: 'm', url: 'nothing/here' });
        expect(missing.status).toBe(404);
        expect(missing.json().error.code).toBe('MODEL_URL_NOT_FOUND');
        expect((await call(s, 'POST', '/models/m/invoke', { tenure_months: 1 })).status).toBe(404);
      }
      const bad = await call(s, 'POST', '/models', { model_name: 'm', url: '../escape' });
      expect(bad.status).toBe(403);
      const [a, b] = await Promise.all([
        call(s, 'POST', '/models', { model_name: 'm', url: 'glm/model' }),
        call(s, 'POST', '/models', { model_name: 'm', url: 'glm/model' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      // Invokes right after the load, and while other workers still load their copies, all answer.
      const invokes = await Promise.all(
        Array.from({ length: 20 }, () => call(s, 'POST', '/models/m/invoke', { tenure_months: 1 }).then((r) => r.status)),
      );
      expect(invokes).toEqual(Array(20).fill(200));
      await Bun.sleep(2000);
      const text = await scrape(s);
      // Failed names leave no series; the one failed-load series is per process.
      expect(text).toContain('mojo_model_requests_total{model="m",route="invocations",status="200"} 20');
      expect(text).not.toContain('nothing');
    } finally {
      s.proc.kill('SIGTERM');
    }
    expect(await s.proc.exited).toBe(0);
  }, 120_000);

  test('the memory budget is per process: a model over it is a 507 from any worker, and nothing is listed', async () => {
    const s = await serveMme({ MULTI_MODEL_MEMORY_MB: '0.001' });
    try {
      for (let i = 0; i < 4; i++) {
        const r = await call(s, 'POST', '/models', { model_name: 'demo', url: 'demo/model' });
        expect(r.status).toBe(507);
        expect(r.json().error.code).toBe('INSUFFICIENT_MEMORY');
        expect(r.json().error.message).toContain('MULTI_MODEL_MEMORY_MB');
      }
      for (let i = 0; i < 6; i++) expect((await call(s, 'GET', '/models')).json()).toEqual({ models: [] });
    } finally {
      s.proc.kill('SIGTERM');
    }
    expect(await s.proc.exited).toBe(0);
  }, 120_000);

  test('with eviction on, a load that needs room unloads the least recently used model from every worker', async () => {
    // The demo model's estimated size, measured as the server will (the estimate is deterministic).
    const probe = buildMultiModelApp({ root: base, memoryBudgetBytes: 1 << 30, evictLru: false }, { log: silentLogger });
    await probe.registry.load('probe', 'demo/model');
    const budgetMb = (probe.registry.bytes * 1.5) / 1048576;
    const s = await serveMme({ MULTI_MODEL_MEMORY_MB: String(budgetMb), MULTI_MODEL_EVICT_LRU: 'true' });
    try {
      expect((await call(s, 'POST', '/models', { model_name: 'first', url: 'demo/model' })).status).toBe(200);
      for (let i = 0; i < SPREAD; i++) expect((await call(s, 'POST', '/models/first/invoke', { tenure_months: 1 })).status).toBe(200);
      expect((await call(s, 'POST', '/models', { model_name: 'second', url: 'demo/model' })).status).toBe(200);
      for (let i = 0; i < SPREAD; i++) {
        expect((await call(s, 'POST', '/models/first/invoke', { tenure_months: 1 })).status).toBe(404);
        expect((await call(s, 'POST', '/models/second/invoke', { tenure_months: 1 })).status).toBe(200);
      }
      expect((await call(s, 'GET', '/models')).json()).toEqual({ models: [{ modelName: 'second', modelUrl: 'demo/model' }] });
      expect(logLines(s).some((l) => l.msg === 'model evicted (least recently used)' && l.model === 'first')).toBe(true);
    } finally {
      s.proc.kill('SIGTERM');
    }
    expect(await s.proc.exited).toBe(0);
  }, 120_000);
});
