/** A known path asked with the wrong method is a 405 with `Allow`, on every route of both apps. */
import { describe, expect, test } from 'bun:test';
import { tmpdir } from 'node:os';
import { silentLogger } from '../../src/server/log.ts';
import { buildMultiModelApp } from '../../src/server/multi-model/index.ts';
import { send, testApp } from '../support/test-app.ts';

const app = testApp();
const mme = buildMultiModelApp({ root: tmpdir(), memoryBudgetBytes: 1 << 30, evictLru: false }, { log: silentLogger }).app;

async function expect405(a: { handle(r: Request): Promise<Response> }, method: string, path: string, allow: string) {
  const res = await a.handle(new Request(`http://localhost${path}`, { method }));
  expect(`${method} ${path} ${res.status} ${res.headers.get('allow')}`).toBe(`${method} ${path} 405 ${allow}`);
  expect(res.headers.get('content-type')).toBe('application/json');
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe('METHOD_NOT_ALLOWED');
}

describe('405 with Allow', () => {
  test('single-model routes', async () => {
    for (const path of ['/ping', '/execution-parameters', '/predict_parameters', '/metrics', '/swagger', '/swagger/json', '/']) {
      await expect405(app, 'POST', path, 'GET, HEAD');
    }
    await expect405(app, 'DELETE', '/swagger/assets/swagger-ui.css', 'GET, HEAD');
    for (const method of ['GET', 'PUT', 'DELETE']) await expect405(app, method, '/invocations', 'POST');
    // GET /model/score is H2O's score-a-server-file route: 400/501 (test/server/h2o/not-implemented.test.ts).
    await expect405(app, 'PUT', '/model/score', 'GET, HEAD, POST');
    await expect405(app, 'GET', '/model/media-score', 'POST');
    await expect405(app, 'GET', '/model/contribution', 'POST');
    await expect405(app, 'POST', '/model/id', 'GET, HEAD');
    await expect405(app, 'PATCH', '/model/schema', 'GET, HEAD');
  });

  test('multi-model routes', async () => {
    await expect405(mme, 'PUT', '/models', 'GET, HEAD, POST');
    await expect405(mme, 'POST', '/models/demo', 'DELETE, GET, HEAD');
    await expect405(mme, 'GET', '/models/demo/invoke', 'POST');
    await expect405(mme, 'PUT', '/models/demo/model/score', 'GET, HEAD, POST');
    await expect405(mme, 'POST', '/ping', 'GET, HEAD');
  });

  test('unknown paths stay 404s', async () => {
    for (const path of ['/nope', '/ping/x', '/models/a/b/c/d', '/__proto__', '/constructor', '/swagger/json/x']) {
      const r = await send(app, 'GET', path);
      expect(`${path} ${r.status}`).toBe(`${path} 404`);
      expect(r.json().error.code).toBe('NOT_FOUND');
    }
  });
});

test('swagger asset lookups never find inherited properties', async () => {
  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
    const r = await send(app, 'GET', `/swagger/assets/${name}`);
    expect(`${name} ${r.status}`).toBe(`${name} 404`);
    expect(r.json().error.code).toBe('NOT_FOUND');
  }
  expect((await send(app, 'GET', '/swagger/assets/swagger-ui.css')).status).toBe(200);
});

test('multi-model swagger asset lookups never find inherited properties', async () => {
  for (const name of ['__proto__', 'constructor', 'toString']) {
    const res = await mme.handle(new Request(`http://localhost/swagger/assets/${name}`));
    expect(`${name} ${res.status}`).toBe(`${name} 404`);
  }
});

describe('a 405 never names the request method as allowed (issue 18 #18)', () => {
  const paths: [string, string][] = [
    ['POST', '//invocations'],
    ['POST', '/invocations//'],
    ['GET', '/ping#x'],
    ['GET', '//ping'],
    ['GET', '/model//id'],
    ['GET', '/swagger/assets//swagger-ui.css'],
    ['HEAD', '/ping#x'],
  ];
  for (const [name, a] of [
    ['single-model', app],
    ['multi-model', mme],
  ] as const) {
    test(name, async () => {
      for (const [method, path] of [
        ...paths,
        ['GET', '/models//invoke'] as [string, string],
        ['POST', '/models/a//invoke'] as [string, string],
      ]) {
        const res = await a.handle(new Request(`http://localhost${path}`, { method }));
        const allow = res.headers.get('allow');
        expect(`${method} ${path} ${allow?.split(', ').includes(method) ?? false}`).toBe(`${method} ${path} false`);
        if (res.status === 405) expect(allow).not.toBeNull();
        else expect(`${method} ${path} ${res.status}`).toBe(`${method} ${path} 404`);
      }
    });
  }

  test('a trailing slash is still the route, so its 405 stays', async () => {
    await expect405(app, 'POST', '/ping/', 'GET, HEAD');
    expect((await send(app, 'GET', '/ping/')).status).toBe(200);
    expect((await send(app, 'HEAD', '/ping')).status).toBe(200);
  });
});
