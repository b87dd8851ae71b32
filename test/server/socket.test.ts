/** The CLI over a real socket: /ping, /invocations, then SIGTERM and a clean exit. */
import { describe, expect, test } from 'bun:test';
import { decodeModel } from '../../src/algos/index.ts';
import { exampleInputs } from '../../src/server/schema.ts';
import { freePort } from '../support/free-port.ts';
import { realModel } from '../support/real-model.ts';
import { REPO_ROOT } from '../support/fixtures.ts';

const found = realModel();
if ('skip' in found) console.warn(`[skip] test/server/socket.test.ts: ${found.skip}`);

async function waitForPing(base: string, proc: { exitCode: number | null }): Promise<void> {
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}`);
    try {
      if ((await fetch(`${base}/ping`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await Bun.sleep(20);
  }
}

describe.skipIf('skip' in found)('bun src/cli.ts serve (real socket)', () => {
  const path = 'path' in found ? found.path : '';

  for (const workers of ['1', '2']) {
    test(`workers=${workers}: /ping, /invocations, SIGTERM → exit 0`, async () => {
      const port = await freePort();
      const proc = Bun.spawn([process.execPath, 'src/cli.ts', 'serve', '--model', path, '--port', String(port)], {
        cwd: REPO_ROOT,
        env: { ...process.env, SAGEMAKER_MODEL_SERVER_WORKERS: workers },
        stdout: 'pipe',
        stderr: 'pipe',
      });
      try {
        const base = `http://127.0.0.1:${port}`;
        await waitForPing(base, proc);
        const row = exampleInputs(decodeModel(path));
        const res = await fetch(`${base}/invocations`, {
          method: 'POST',
          body: JSON.stringify(row),
          headers: { 'content-type': 'application/json' },
        });
        expect(res.status).toBe(200);
        expect(Object.keys((await res.json()) as object)).toContain('predict');
        const csv = await fetch(`${base}/invocations`, {
          method: 'POST',
          body: `${Object.values(row).join(',')}\n`,
          headers: { 'content-type': 'text/csv' },
        });
        expect(csv.status).toBe(200);
        expect((await csv.text()).trim().split('\n')).toHaveLength(1);
      } finally {
        proc.kill('SIGTERM');
      }
      expect(await proc.exited).toBe(0);
      expect(proc.signalCode).toBeNull();
    });
  }
});
