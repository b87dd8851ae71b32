/**
 * Each optional surface can be switched off (MODEL_PAGE, SWAGGER, METRICS, SERVE_MODEL_FILE);
 * /healthz and /livez; SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT as the answer type when the
 * request leaves it open.
 */
import { describe, expect, test } from 'bun:test';
import { buildMultiModelApp } from '../../src/server/multi-model/app.ts';
import { optionsFromEnv } from '../../src/server/options.ts';
import { silentLogger } from '../../src/server/log.ts';
import { tmpdir } from 'node:os';
import { codeOf } from '../support/errors.ts';
import { JSON_CT, post, send, testApp } from '../support/test-app.ts';

const ROW = JSON.stringify({ x: 1, color: 'red', y: 2 });

describe('switches', () => {
  test('on by default: page, Swagger, metrics; the model file off', () => {
    const o = optionsFromEnv({});
    expect([o.modelPage, o.swagger, o.metrics, o.serveModelFile]).toEqual([true, true, true, false]);
    const off = optionsFromEnv({ MODEL_PAGE: 'off', SWAGGER: 'false', METRICS: '0', SERVE_MODEL_FILE: 'yes' });
    expect([off.modelPage, off.swagger, off.metrics, off.serveModelFile]).toEqual([false, false, false, true]);
  });

  test('each turned off is a 404, and the rest still answers', async () => {
    const app = testApp({ modelPage: false, swagger: false, metrics: false });
    for (const path of ['/', '/page.js', '/swagger', '/swagger/json', '/metrics', '/model.mojo']) {
      expect(`${path} ${(await send(app, 'GET', path)).status}`).toBe(`${path} 404`);
    }
    expect((await post(app, ROW, JSON_CT)).status).toBe(200);
    const on = testApp();
    for (const path of ['/', '/swagger', '/metrics']) expect(`${path} ${(await send(on, 'GET', path)).status}`).toBe(`${path} 200`);
  });

  test('without Swagger the page does not link to it', async () => {
    expect((await send(testApp({ swagger: false }), 'GET', '/')).text).not.toContain('href="/swagger"');
    expect((await send(testApp(), 'GET', '/')).text).toContain('href="/swagger"');
  });

  test('multi-model: Swagger switched off too', async () => {
    const mme = buildMultiModelApp(
      { root: tmpdir(), memoryBudgetBytes: 1 << 30, evictLru: false },
      { log: silentLogger, swagger: false },
    ).app;
    expect((await mme.handle(new Request('http://localhost/swagger'))).status).toBe(404);
    expect((await mme.handle(new Request('http://localhost/ping'))).status).toBe(200);
  });
});

test('/healthz and /livez answer 200 ok, single- and multi-model', async () => {
  const mme = buildMultiModelApp({ root: tmpdir(), memoryBudgetBytes: 1 << 30, evictLru: false }, { log: silentLogger }).app;
  for (const path of ['/healthz', '/livez']) {
    const r = await send(testApp(), 'GET', path);
    expect([r.status, r.text]).toEqual([200, 'ok']);
    const m = await mme.handle(new Request(`http://localhost${path}`));
    expect([m.status, await m.text()]).toEqual([200, 'ok']);
  }
});

describe('SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT', () => {
  test('answers in that type when the request has no Accept or */*; an explicit Accept still wins', async () => {
    const app = testApp({ defaultAccept: 'text/csv' });
    for (const accept of [undefined, '*/*', '']) {
      const r = await post(app, ROW, { ...JSON_CT, ...(accept === undefined ? {} : { accept }) });
      expect(`${accept} ${r.headers.get('content-type')}`).toBe(`${accept} text/csv; charset=utf-8`);
    }
    const explicit = await post(app, ROW, { ...JSON_CT, accept: 'application/json' });
    expect(explicit.headers.get('content-type')).toBe('application/json');
    // Unset: the request's own format, as before.
    expect((await post(testApp(), ROW, JSON_CT)).headers.get('content-type')).toBe('application/json');
  });

  test('read from the environment; a type we cannot answer in is CONFIGURATION', () => {
    expect(optionsFromEnv({ SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT: 'application/jsonlines' }).defaultAccept).toBe('application/jsonlines');
    expect(optionsFromEnv({}).defaultAccept).toBeNull();
    for (const bad of ['image/png', '*/*', 'text/html'])
      expect(codeOf(() => optionsFromEnv({ SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT: bad }))).toBe('CONFIGURATION');
  });
});
