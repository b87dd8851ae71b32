/**
 * The real-time calls reach their handlers through Bun's own router in a served process, and
 * through the app's router under app.handle: both must answer every request alike, including
 * the methods and spellings the Bun routes leave to the app (405, a trailing slash, HEAD).
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { decodeModel } from '../../src/algos/index.ts';
import { createApp } from '../../src/server/app.ts';
import { exampleInputs } from '../../src/server/schema.ts';
import { REPO_ROOT } from '../support/fixtures.ts';
import { freePort } from '../support/free-port.ts';
import { realModel } from '../support/real-model.ts';

const found = realModel();
if ('skip' in found) console.warn(`[skip] test/server/real-time-routes.test.ts: ${found.skip}`);

interface Call {
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

describe.skipIf('skip' in found)('real-time routes: Bun router and app router answer alike', () => {
  const path = 'path' in found ? found.path : '';
  let proc: ReturnType<typeof Bun.spawn>;
  let base = '';

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    proc = Bun.spawn([process.execPath, 'src/cli.ts', 'serve', '--model', path, '--port', String(port)], {
      cwd: REPO_ROOT,
      env: { ...process.env, SAGEMAKER_MODEL_SERVER_WORKERS: '1', GZIP: 'false' },
      stdout: 'ignore',
      stderr: 'ignore',
    });
    for (let i = 0; i < 1500; i++) {
      try {
        if ((await fetch(`${base}/ping`)).ok) return;
      } catch {
        /* not listening yet */
      }
      await Bun.sleep(20);
    }
    throw new Error('the server did not start');
  }, 60_000);

  afterAll(async () => {
    proc.kill('SIGTERM');
    await proc.exited;
  });

  const calls = (): Call[] => {
    const row = exampleInputs(decodeModel(path));
    const query = new URLSearchParams(Object.entries(row).map(([k, v]) => [k, String(v)])).toString();
    const json = { 'content-type': 'application/json' };
    return [
      { method: 'GET', path: '/ping' },
      { method: 'HEAD', path: '/ping' },
      { method: 'GET', path: '/ping/' },
      { method: 'POST', path: '/ping', body: '{}' },
      { method: 'POST', path: '/invocations', body: JSON.stringify(row), headers: json },
      { method: 'POST', path: '/invocations', body: JSON.stringify(row), headers: { ...json, 'x-request-id': 'abc-123' } },
      { method: 'POST', path: '/invocations', body: '{"broken', headers: json },
      { method: 'POST', path: '/invocations?style=java', body: JSON.stringify(row), headers: json },
      { method: 'POST', path: '/invocations', body: `${Object.values(row).join(',')}\n`, headers: { 'content-type': 'text/csv' } },
      { method: 'GET', path: '/invocations' },
      { method: 'GET', path: `/predict_parameters?${query}` },
      { method: 'GET', path: '/predict_parameters?no_such_column=1' },
      { method: 'POST', path: '/predict_parameters', body: '{}' },
    ];
  };

  test('status, content type, request id and body agree', async () => {
    const app = createApp(decodeModel(path), { log: () => {} });
    for (const c of calls()) {
      const init = { method: c.method, body: c.body, headers: c.headers };
      const served = await fetch(base + c.path, init);
      const handled = await app.handle(new Request(`http://localhost${c.path}`, init));
      const what = `${c.method} ${c.path}`;
      expect(`${what} → ${served.status}`).toBe(`${what} → ${handled.status}`);
      expect(served.headers.get('content-type')).toBe(handled.headers.get('content-type'));
      if (c.headers?.['x-request-id']) expect(served.headers.get('x-request-id')).toBe(c.headers['x-request-id']);
      expect(await served.text()).toBe(c.method === 'HEAD' ? '' : await handled.text());
    }
  }, 60_000);
});
