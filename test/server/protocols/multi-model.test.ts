/**
 * The Open Inference Protocol and KServe v1 in multi-model mode: `{name}` is a model loaded
 * through SageMaker's multi-model API; a name that is not loaded is a 404 in the protocol's
 * error shape, and unloading a model takes it off these routes too.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../src/server/log.ts';
import { buildMultiModelApp } from '../../../src/server/multi-model/index.ts';
import { writeGlmMojo } from '../../support/mojo-writer/index.ts';
import { PRICE_GLM, price } from '../../support/price-glm.ts';

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mojo-protocols-'));
  mkdirSync(join(root, 'price/model'), { recursive: true });
  writeFileSync(join(root, 'price/model/model.zip'), writeGlmMojo(PRICE_GLM));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function call(app: ReturnType<typeof buildMultiModelApp>['app'], method: string, path: string, body?: unknown) {
  const init: RequestInit = { method, headers: { 'content-type': 'application/json' } };
  if (body !== undefined) init.body = JSON.stringify(body);
  const res = await app.handle(new Request(`http://localhost${path}`, init));
  const text = await res.text();
  return { status: res.status, json: () => JSON.parse(text) };
}

describe('multi-model mode', () => {
  test('a loaded model by its name: metadata, readiness, infer, KServe v1 predict; then unloaded, 404', async () => {
    const { app } = buildMultiModelApp({ root, memoryBudgetBytes: 1 << 30, evictLru: false }, { log: silentLogger });
    expect((await call(app, 'GET', '/v2/health/ready')).status).toBe(200);
    const before = await call(app, 'GET', '/v2/models/price');
    expect(before.status).toBe(404);
    expect(before.json()).toEqual({ error: "model 'price' is not loaded" });

    expect((await call(app, 'POST', '/models', { model_name: 'price', url: join(root, 'price/model') })).status).toBe(200);
    const meta = await call(app, 'GET', '/v2/models/price');
    expect(meta.json()).toEqual({
      name: 'price',
      versions: [],
      platform: 'h2o_mojo',
      inputs: [
        { name: 'color', datatype: 'BYTES', shape: [-1] },
        { name: 'x', datatype: 'FP64', shape: [-1] },
      ],
      outputs: [{ name: 'predict', datatype: 'FP64', shape: [-1] }],
    });
    expect((await call(app, 'GET', '/v2/models/price/ready')).json()).toEqual({ name: 'price', ready: true });

    const infer = await call(app, 'POST', '/v2/models/price/infer', {
      id: '1',
      inputs: [
        { name: 'color', shape: [2, 1], datatype: 'BYTES', data: ['red', 'blue'] },
        { name: 'x', shape: [2, 1], datatype: 'FP32', data: [1, 0.25] },
      ],
    });
    expect(infer.json()).toEqual({
      model_name: 'price',
      id: '1',
      outputs: [{ name: 'predict', datatype: 'FP64', shape: [2], data: [price(true, 1), price(false, 0.25)] }],
    });
    const rows = await call(app, 'POST', '/v2/models/price/infer', {
      inputs: [{ name: 'input-0', shape: [1, 2], datatype: 'BYTES', data: [['red', '3']] }],
    });
    expect(rows.json().outputs[0].data).toEqual([price(true, 3)]);

    expect((await call(app, 'GET', '/v1/models/price')).json()).toEqual({ name: 'price', ready: true });
    const v1 = await call(app, 'POST', '/v1/models/price:predict', { instances: [{ color: 'red', x: 2 }, ['blue', 1]] });
    expect(v1.status).toBe(400); // objects and arrays are not mixed in one request
    const v1ok = await call(app, 'POST', '/v1/models/price:predict', { instances: [{ color: 'red', x: 2 }] });
    expect(v1ok.json()).toEqual({ predictions: [{ predict: price(true, 2) }] });

    expect((await call(app, 'DELETE', '/models/price')).status).toBe(200);
    for (const [method, path, body] of [
      ['GET', '/v2/models/price/ready', undefined],
      ['POST', '/v2/models/price/infer', { inputs: [{ name: 'x', shape: [1], datatype: 'FP64', data: [1] }] }],
      ['GET', '/v1/models/price', undefined],
      ['POST', '/v1/models/price:predict', { instances: [{ x: 1 }] }],
    ] as const) {
      const r = await call(app, method, path, body);
      expect(r.status).toBe(404);
      expect(r.json()).toEqual({ error: "model 'price' is not loaded" });
    }
  });
});
