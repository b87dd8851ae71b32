/**
 * `npm start` hands SIGTERM to the server: the script execs bun, so the signal npm forwards to
 * its child reaches the server itself (with `sh -c bun …` the shell took it and bun kept
 * serving). The test kills npm, not the server, and checks the port is free again.
 */
import { expect, test } from 'bun:test';
import { freePort } from '../support/free-port.ts';
import { REPO_ROOT } from '../support/fixtures.ts';

const HAVE_NPM = Bun.which('npm') !== null;
if (!HAVE_NPM) console.warn('[skip] test/cli/npm-start.test.ts: no npm on PATH');

async function pings(base: string): Promise<boolean> {
  return fetch(`${base}/ping`).then(
    (r) => r.ok,
    () => false,
  );
}

async function until(what: () => Promise<boolean>, tries: number): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (await what()) return true;
    await Bun.sleep(100);
  }
  return false;
}

test.skipIf(!HAVE_NPM)(
  'SIGTERM to `npm start` stops the server and releases its port',
  async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const npm = Bun.spawn(['npm', 'start'], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SAGEMAKER_MODEL_SERVER_WORKERS: '1', MODEL_PATH: '' },
      stdout: 'ignore',
      stderr: 'ignore',
    });
    try {
      expect(await until(() => pings(base), 600)).toBe(true);
      npm.kill('SIGTERM');
      await npm.exited;
      // Nothing answers on the port any more, and it can be bound again.
      expect(await until(async () => !(await pings(base)), 100)).toBe(true);
      const again = Bun.serve({ port, hostname: '127.0.0.1', fetch: () => new Response() });
      await again.stop(true);
    } finally {
      npm.kill('SIGKILL');
    }
  },
  90_000,
);
