/**
 * SageMaker's multi-model contract: load, list (paginated), get, invoke, unload, the 404 /
 * 409 / 507 answers, eviction, url confinement and concurrent loads. Models are written by the
 * test MOJO writer (and the bundled demo model) into a temporary model root.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { gzipSync } from 'fflate';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_MODEL_PATH } from '../../../src/demo/index.ts';
import { buildMultiModelApp, type MultiModelOptions } from '../../../src/server/multi-model/index.ts';
import type { Logger } from '../../../src/server/log.ts';
import { glmMojoFiles, writeGlmMojo } from '../../support/mojo-writer/index.ts';
import { PRICE_GLM, price } from '../../support/price-glm.ts';
import { makeTar } from '../../support/tar.ts';
import { deflateZeros, rawZip } from '../../support/zip-bomb.ts';
import { putFile } from '../../support/put-file.ts';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'mojo-mme-'));
  root = join(base, 'models');
  putFile(join(root, 'glm/model/model.zip'), writeGlmMojo(PRICE_GLM));
  for (const [name, data] of glmMojoFiles(PRICE_GLM)) putFile(join(root, 'folder/model', name), data);
  const entries = [...glmMojoFiles(PRICE_GLM)].map(([name, data]) => ({ name, data }));
  putFile(join(root, 'tarball/model/model.tar.gz'), gzipSync(makeTar(entries)));
  mkdirSync(join(root, 'demo/model'), { recursive: true });
  copyFileSync(DEMO_MODEL_PATH, join(root, 'demo/model/demo-gbm.zip'));
  putFile(join(root, 'two/model/a.zip'), writeGlmMojo(PRICE_GLM));
  putFile(join(root, 'two/model/b.zip'), writeGlmMojo(PRICE_GLM));
  putFile(join(base, 'outside/model/model.zip'), writeGlmMojo(PRICE_GLM));
  symlinkSync(join(base, 'outside'), join(root, 'escape'));
  for (const [name, data] of glmMojoFiles(PRICE_GLM)) putFile(join(root, 'linky/model', name), data);
  putFile(join(base, 'secret.txt'), 'not a model');
  const corrupt = writeGlmMojo(PRICE_GLM);
  corrupt.fill(0x55, 40); // keeps the zip signature, wrecks the rest
  putFile(join(root, 'corrupt/model/model.zip'), corrupt);
  // 64 MB of zeros (~400 KB deflated) as the model.ini every load reads, declared honestly or as 100 bytes.
  const zeros = deflateZeros(64 * 1024 * 1024);
  putFile(join(root, 'bomb/model/model.zip'), rawZip([{ name: 'model.ini', data: zeros, method: 8, size: 64 * 1024 * 1024 }]));
  putFile(join(root, 'liar/model/model.zip'), rawZip([{ name: 'model.ini', data: zeros, method: 8, size: 100 }]));
  symlinkSync(join(base, 'secret.txt'), join(root, 'linky/model/leak.txt'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const logged: { msg: string; fields?: Record<string, unknown> }[] = [];
const capture: Logger = (_level, msg, fields) => void logged.push({ msg, fields });

function mme(over: Partial<MultiModelOptions> = {}) {
  return buildMultiModelApp({ root, memoryBudgetBytes: 1 << 30, evictLru: false, ...over }, { log: capture });
}
type Mme = ReturnType<typeof mme>;

async function call(m: Mme, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { 'content-type': 'application/json', ...headers } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await m.app.handle(new Request(`http://localhost${path}`, init));
  const text = await res.text();
  return { status: res.status, text, headers: res.headers, json: () => JSON.parse(text) };
}
const load = (m: Mme, name: string, url: string) => call(m, 'POST', '/models', { model_name: name, url });

describe('load, get, invoke, unload', () => {
  test('the contract round trip', async () => {
    const m = mme();
    const url = join(root, 'glm/model');
    const loaded = await load(m, 'glm', url);
    expect(loaded.status).toBe(200);
    expect(loaded.json()).toEqual({ modelName: 'glm', modelUrl: url });
    expect((await call(m, 'GET', '/models/glm')).json()).toEqual({ modelName: 'glm', modelUrl: url });

    const inv = await call(
      m,
      'POST',
      '/models/glm/invoke',
      [
        { color: 'red', x: 1 },
        { color: 'blue', x: 0.25 },
      ],
      {
        'x-amzn-sagemaker-target-model': 'glm.tar.gz',
      },
    );
    expect(inv.status).toBe(200);
    expect(inv.json()).toEqual([{ predict: price(true, 1) }, { predict: price(false, 0.25) }]);
    // Same bodies and options as /invocations: CSV in and out, per-request style.
    const csv = await call(m, 'POST', '/models/glm/invoke', 'color,x\nred,2\n', { 'content-type': 'text/csv', accept: 'text/csv' });
    expect(csv.text).toBe(`predict,error\n${price(true, 2)},\n`);
    const bad = await call(m, 'POST', '/models/glm/invoke', { x: 'abc' });
    expect(bad.status).toBe(400);
    expect(bad.json().error.code).toBe('INVALID_VALUE');

    const again = await load(m, 'glm', url);
    expect(again.status).toBe(409);
    expect(again.json().error.code).toBe('MODEL_ALREADY_LOADED');

    const gone = await call(m, 'DELETE', '/models/glm');
    expect(gone.status).toBe(200);
    expect(gone.json()).toEqual({ modelName: 'glm', modelUrl: url });
    for (const [method, path] of [
      ['POST', '/models/glm/invoke'],
      ['GET', '/models/glm'],
      ['DELETE', '/models/glm'],
      ['GET', '/models/glm/schema'],
    ]) {
      const r = await call(m, method, path, method === 'POST' ? { x: 1 } : undefined);
      expect(r.status).toBe(404);
      expect(r.json().error.code).toBe('MODEL_NOT_LOADED');
    }
    // Loadable again once unloaded.
    expect((await load(m, 'glm', url)).status).toBe(200);
  });

  test('every artifact layout: zip in a folder, MOJO folder, model.tar.gz, a file, a path relative to the root', async () => {
    const m = mme();
    const urls = {
      folder: join(root, 'folder/model'),
      tarball: join(root, 'tarball/model'),
      file: join(root, 'glm/model/model.zip'),
      relative: 'glm/model',
      demo: join(root, 'demo/model'),
    };
    for (const [name, url] of Object.entries(urls)) {
      const r = await load(m, name, url);
      expect(r.status, `${name}: ${r.text}`).toBe(200);
    }
    for (const name of ['folder', 'tarball', 'file', 'relative']) {
      expect((await call(m, 'POST', `/models/${name}/invoke`, { color: 'red', x: 3 })).json()).toEqual({ predict: price(true, 3) });
    }
    expect(Object.keys((await call(m, 'POST', '/models/demo/invoke', { tenure_months: 3, plan: 'basic' })).json())).toEqual([
      'predict',
      'no',
      'yes',
    ]);
  });

  test('GET /models/{name}/schema is the JSON schema of the input row', async () => {
    const m = mme();
    await load(m, 'glm', join(root, 'glm/model'));
    const schema = (await call(m, 'GET', '/models/glm/schema')).json();
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties).sort()).toEqual(['color', 'x']);
  });

  test("H2O's REST API answers below /models/{name}", async () => {
    const m = mme();
    await load(m, 'glm', join(root, 'glm/model'));
    const r = await call(m, 'POST', '/models/glm/model/score', { fields: ['color', 'x'], rows: [['red', '1']] });
    expect(r.json()).toEqual({ id: '42', fields: ['price'], score: [['3.5']] });
    expect((await call(m, 'GET', '/models/glm/model/id')).text).toBe('42');
    const missing = await call(m, 'POST', '/models/nope/model/score', { fields: ['x'], rows: [['1']] });
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual({ detail: `404 NOT_FOUND "Failed scoring request due to: model 'nope' is not loaded"` });
    expect((await call(m, 'GET', '/readyz')).text).toBe('Ready');
  });
});

describe('bad loads', () => {
  test('urls outside the root are 403: .., a symlink leaving it, a symlink inside a MOJO folder', async () => {
    const m = mme();
    for (const url of [
      join(root, '../outside/model'),
      join(root, 'escape/model'),
      join(base, 'outside/model'),
      join(root, 'linky/model'),
    ]) {
      const r = await load(m, 'x', url);
      expect(r.status, url).toBe(403);
      expect(r.json().error.code).toBe('MODEL_PATH_FORBIDDEN');
    }
    expect((await call(m, 'GET', '/models')).json()).toEqual({ models: [] });
  });

  test('missing artifacts are 404, several MOJOs 400, a malformed body 400', async () => {
    const m = mme();
    const missing = await load(m, 'x', join(root, 'nothing/here'));
    expect(missing.status).toBe(404);
    expect(missing.json().error.code).toBe('MODEL_URL_NOT_FOUND');
    const two = await load(m, 'x', join(root, 'two/model'));
    expect(two.status).toBe(400);
    expect(two.json().error.message).toContain('several MOJOs');
    for (const body of ['{', { model_name: 'a' }, { model_name: 'a/b', url: 'glm/model' }, { model_name: '', url: 'glm/model' }]) {
      const r = await call(m, 'POST', '/models', body);
      expect(r.status).toBe(400);
      expect(r.json().error.code).toBe('BAD_REQUEST');
    }
  });
});

describe('trial loads on a worker thread', () => {
  test('every form loads the same after its trial load on a worker', async () => {
    const m = mme({ trialLoadInWorker: true });
    const rs = await Promise.all([load(m, 'glm', 'glm/model'), load(m, 'demo', 'demo/model'), load(m, 'file', 'glm/model/model.zip')]);
    expect(rs.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await call(m, 'POST', '/models/glm/invoke', { color: 'red', x: 3 })).json()).toEqual({ predict: price(true, 3) });
    expect((await call(m, 'POST', '/models/file/invoke', { color: 'blue', x: 1 })).json()).toEqual({ predict: price(false, 1) });
    const direct = mme({ trialLoadInWorker: false });
    await load(direct, 'demo', 'demo/model');
    const row = { tenure_months: 7, monthly_charges: 55, plan: 'basic' };
    expect((await call(m, 'POST', '/models/demo/invoke', row)).json()).toEqual(
      (await call(direct, 'POST', '/models/demo/invoke', row)).json(),
    );
  });

  test('a corrupt zip is MOJO_FORMAT, on the worker as on the request thread', async () => {
    for (const trialLoadInWorker of [true, false]) {
      const r = await load(mme({ trialLoadInWorker }), 'bad', 'corrupt/model');
      expect(r.status).toBe(500);
      expect(r.json().error.code).toBe('MOJO_FORMAT');
    }
  });

  test('the worker keeps the archive caps: a zip bomb is MOJO_TOO_LARGE, a lying size MOJO_FORMAT', async () => {
    const saved = process.env.MOJO_MAX_ENTRY_MB;
    process.env.MOJO_MAX_ENTRY_MB = '1';
    try {
      const m = mme();
      const bomb = await load(m, 'bomb', 'bomb/model');
      expect(bomb.json().error.code).toBe('MOJO_TOO_LARGE');
      expect(bomb.status).toBe(500);
      expect(bomb.text).toContain('MOJO_MAX_ENTRY_MB');
      const liar = await load(m, 'liar', 'liar/model');
      expect(liar.json().error.code).toBe('MOJO_FORMAT');
      expect(liar.text).toContain('more than its declared 100 bytes');
    } finally {
      if (saved === undefined) delete process.env.MOJO_MAX_ENTRY_MB;
      else process.env.MOJO_MAX_ENTRY_MB = saved;
    }
  }, 60_000);
});

describe('listing', () => {
  test('pages of max_results names, followed by nextPageToken until it is absent', async () => {
    const m = mme();
    const names = ['e', 'a', 'd', 'c', 'b'];
    for (const n of names) expect((await load(m, n, 'glm/model')).status).toBe(200);
    expect((await call(m, 'GET', '/models')).json().models.map((x: { modelName: string }) => x.modelName)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const q = token === undefined ? '?max_results=2' : `?max_results=2&next_page_token=${token}`;
      const page = (await call(m, 'GET', `/models${q}`)).json();
      expect(page.models.length).toBeLessThanOrEqual(2);
      for (const x of page.models) {
        expect(x).toEqual({ modelName: x.modelName, modelUrl: 'glm/model' });
        seen.push(x.modelName);
      }
      token = page.nextPageToken;
      pages++;
    } while (token !== undefined && pages < 10);
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(pages).toBe(3);
    expect((await call(m, 'GET', '/models?max_results=0')).status).toBe(400);
    expect((await call(m, 'GET', '/models?next_page_token=%2F%2F')).status).toBe(400);
  });
});

describe('memory budget', () => {
  async function sizeOfGlm(): Promise<number> {
    const m = mme();
    await load(m, 'probe', 'glm/model');
    return m.registry.bytes;
  }

  test('507 when the model does not fit and eviction is off', async () => {
    const one = await sizeOfGlm();
    const m = mme({ memoryBudgetBytes: Math.floor(one * 1.5) });
    expect((await load(m, 'a', 'glm/model')).status).toBe(200);
    const full = await load(m, 'b', 'glm/model');
    expect(full.status).toBe(507);
    expect(full.json().error.code).toBe('INSUFFICIENT_MEMORY');
    expect((await call(m, 'GET', '/models')).json().models).toHaveLength(1);
  });

  test('with eviction on, the least recently used models make room', async () => {
    const one = await sizeOfGlm();
    const m = mme({ memoryBudgetBytes: Math.floor(one * 2.5), evictLru: true });
    await load(m, 'a', 'glm/model');
    await load(m, 'b', 'glm/model');
    await call(m, 'POST', '/models/a/invoke', { x: 1 }); // a is now more recent than b
    expect((await load(m, 'c', 'glm/model')).status).toBe(200);
    const names = (await call(m, 'GET', '/models')).json().models.map((x: { modelName: string }) => x.modelName);
    expect(names).toEqual(['a', 'c']);
    expect(m.registry.bytes).toBeLessThanOrEqual(Math.floor(one * 2.5));
    // A model larger than the whole budget is still a 507.
    const tiny = mme({ memoryBudgetBytes: 10, evictLru: true });
    expect((await load(tiny, 'a', 'glm/model')).status).toBe(507);
  });
});

describe('concurrency', () => {
  test('concurrent loads of one name load it once: one 200, one 409', async () => {
    const m = mme();
    logged.length = 0;
    const [x, y] = await Promise.all([load(m, 'same', 'demo/model'), load(m, 'same', 'demo/model')]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    expect(logged.filter((l) => l.msg === 'model loaded' && l.fields?.model === 'same')).toHaveLength(1);
  });

  test('requests for a model being loaded wait for that load', async () => {
    const m = mme();
    logged.length = 0;
    const first = m.registry.load('slow', 'demo/model'); // registered before its first await
    const [again, inv, get] = await Promise.all([
      load(m, 'slow', 'demo/model'),
      call(m, 'POST', '/models/slow/invoke', { tenure_months: 3 }),
      call(m, 'GET', '/models/slow'),
    ]);
    await first;
    expect(again.status).toBe(409);
    expect(inv.status).toBe(200);
    expect(get.json()).toEqual({ modelName: 'slow', modelUrl: 'demo/model' });
    expect(logged.filter((l) => l.msg === 'model loaded')).toHaveLength(1);
  });

  test('loads of different models proceed together', async () => {
    const m = mme();
    const names = ['p', 'q', 'r', 's'];
    const urls = ['glm/model', 'folder/model', 'tarball/model', 'demo/model'];
    const rs = await Promise.all(names.map((n, i) => load(m, n, urls[i])));
    expect(rs.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(m.registry.count).toBe(4);
  });

  test('a failed load is not remembered: the name can be loaded again', async () => {
    const m = mme();
    const [a, b] = await Promise.all([load(m, 'f', 'nothing'), load(m, 'f', 'nothing')]);
    expect([a.status, b.status]).toEqual([404, 404]);
    expect((await load(m, 'f', 'glm/model')).status).toBe(200);
  });
});

describe('operations', () => {
  test('/metrics reports load time per model and the memory in use', async () => {
    const m = mme();
    await load(m, 'glm', 'glm/model');
    await load(m, 'bad', 'nothing');
    const text = (await call(m, 'GET', '/metrics')).text;
    expect(text).toContain('mojo_model_load_seconds_count{model="glm",outcome="ok"} 1');
    expect(text).toContain('mojo_model_load_seconds_count{model="",outcome="error"} 1');
    expect(text).toContain('mojo_models_loaded 1');
    expect(text).toMatch(/mojo_model_memory_bytes\{model="glm"\} [1-9]/);
    expect(text).toContain(`mojo_models_memory_bytes{kind="budget"} ${1 << 30}`);
    await call(m, 'DELETE', '/models/glm');
    const after = (await call(m, 'GET', '/metrics')).text;
    expect(after).not.toContain('mojo_model_memory_bytes{model="glm"}');
    expect(after).not.toContain('model="glm"');
  });

  test('the load log names the model and its read and decode times', async () => {
    const m = mme();
    logged.length = 0;
    await load(m, 'timed', 'glm/model');
    const line = logged.find((l) => l.msg === 'model loaded');
    expect(line?.fields).toMatchObject({ model: 'timed', algo: 'glm' });
    for (const k of ['readMs', 'decodeMs', 'loadMs', 'bytes']) expect(typeof line?.fields?.[k]).toBe('number');
  });

  test('Swagger documents the multi-model routes; /ping is healthy', async () => {
    const m = mme();
    const doc = (await call(m, 'GET', '/swagger/json')).json();
    for (const p of ['/models', '/models/{name}', '/models/{name}/invoke', '/models/{name}/schema', '/models/{name}/model/score']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    expect((await call(m, 'GET', '/ping')).json()).toEqual({ status: 'healthy' });
  });
});
