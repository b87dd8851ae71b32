/** One server per port: a second server on a taken port exits 1 with one line naming the port. */
import { afterAll, describe, expect, test } from 'bun:test';
import { freePort } from '../support/free-port.ts';
import { killStarted, spawnServer, startServer, type Served } from '../support/spawned-server.ts';

afterAll(killStarted);

async function expectRefused(second: Served): Promise<void> {
  expect(await second.proc.exited).toBe(1);
  const lines = (await new Response(second.proc.stderr).text()).trim().split('\n');
  expect(lines).toEqual([`mojo-scorer: [CONFIGURATION] port ${second.port} is already in use (another server is listening on it)`]);
}

async function expectServing(s: Served): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const res = await fetch(`${s.base}/ping`, { keepalive: false });
    expect(res.status).toBe(200);
  }
  expect(s.proc.exitCode).toBeNull();
}

describe('a port serves one server', () => {
  for (const first of [1, 2]) {
    for (const second of [1, 2]) {
      test(`workers ${first}, then workers ${second} on the same port: the second exits 1, the first keeps serving`, async () => {
        const a = await startServer({ workers: first });
        try {
          await expectRefused(spawnServer(second, a.port));
          await expectServing(a);
        } finally {
          a.proc.kill('SIGTERM');
        }
        expect(await a.proc.exited).toBe(0);
      }, 60_000);
    }
  }

  for (const workers of [1, 2]) {
    test(`workers ${workers}: another program sharing the port with SO_REUSEPORT is not joined`, async () => {
      const port = await freePort();
      const other = Bun.serve({ port, hostname: '127.0.0.1', reusePort: true, fetch: () => new Response('other') });
      try {
        await expectRefused(spawnServer(workers, port));
        expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('other');
      } finally {
        await other.stop(true);
      }
    }, 60_000);
  }
});
