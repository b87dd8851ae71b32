/** `serve --multi-model` over a real socket, as the CLI starts it with 2 workers (workers.test.ts checks what they share). */
import { afterAll, expect, test } from 'bun:test';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_MODEL_PATH } from '../../../src/demo/index.ts';
import { freePort } from '../../support/free-port.ts';
import { REPO_ROOT } from '../../support/fixtures.ts';

const base = mkdtempSync(join(tmpdir(), 'mojo-mme-socket-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

test('load, invoke, unload, SIGTERM → exit 0', async () => {
  mkdirSync(join(base, 'demo/model'), { recursive: true });
  copyFileSync(DEMO_MODEL_PATH, join(base, 'demo/model/demo-gbm.zip'));
  const port = await freePort();
  const proc = Bun.spawn([process.execPath, 'src/cli.ts', 'serve', '--multi-model', '--port', String(port)], {
    cwd: REPO_ROOT,
    env: { ...process.env, HOST: '127.0.0.1', MULTI_MODEL_ROOT: base, SAGEMAKER_MODEL_SERVER_WORKERS: '2' },
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    for (let ready = false; !ready; ) {
      if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}`);
      ready = await fetch(`${url}/ping`).then(
        (r) => r.ok,
        () => false,
      );
      if (!ready) await Bun.sleep(20);
    }
    const json = { 'content-type': 'application/json' };
    const load = await fetch(`${url}/models`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ model_name: 'demo', url: join(base, 'demo/model') }),
    });
    expect(load.status).toBe(200);
    const inv = await fetch(`${url}/models/demo/invoke`, { method: 'POST', headers: json, body: '{"tenure_months": 3}' });
    expect(inv.status).toBe(200);
    expect(Object.keys((await inv.json()) as object)).toEqual(['predict', 'no', 'yes']);
    expect((await fetch(`${url}/models/demo`, { method: 'DELETE' })).status).toBe(200);
    expect((await fetch(`${url}/models/demo/invoke`, { method: 'POST', headers: json, body: '{}' })).status).toBe(404);
  } finally {
    proc.kill('SIGTERM');
  }
  expect(await proc.exited).toBe(0);
  const log = await new Response(proc.stdout).text();
  expect(log).toContain('"msg":"serving (multi-model)"');
  expect(log).toContain('"msg":"model loaded"');
}, 60_000);
