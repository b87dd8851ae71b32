/**
 * /metrics of a multi-worker server counts the whole server: every scrape, whichever worker
 * answers it, shows the sum over the workers, never goes backwards, and keeps the counts of a
 * worker that died.
 */
import { afterAll, describe, expect, test } from 'bun:test';
import { decodeModel } from '../../src/algos/index.ts';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';
import { exampleInputs } from '../../src/server/schema.ts';
import { killStarted, servingPids, startServer, type Served } from '../support/spawned-server.ts';

afterAll(killStarted);

/** Longer than a worker's push interval (metrics-ipc.ts), with room for a busy machine. */
const SETTLE_MS = 2000;
const body = JSON.stringify(exampleInputs(decodeModel(DEMO_MODEL_PATH)));

/** Scores `n` rows, each on a new connection (so the kernel spreads them over the workers). */
async function invoke(s: Served, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${s.base}/invocations`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
      keepalive: false,
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  }
}

/** mojo_requests_total for /invocations (status 200), from one scrape on a new connection. */
async function scrapeInvocations(s: Served): Promise<number> {
  const text = await (await fetch(`${s.base}/metrics`, { keepalive: false })).text();
  const m = /^mojo_requests_total\{route="invocations",status="200"\} (\d+)$/m.exec(text);
  return m ? Number(m[1]) : 0;
}

describe('whole-server metrics (2 workers)', () => {
  test('scrapes are monotonic and settle on the number of requests sent, across a worker restart', async () => {
    const s = await startServer({ workers: 2 });
    try {
      let sent = 0;
      let last = 0;
      const scrapeMany = async (times: number) => {
        for (let i = 0; i < times; i++) {
          const v = await scrapeInvocations(s);
          expect(v).toBeGreaterThanOrEqual(last);
          expect(v).toBeLessThanOrEqual(sent);
          last = v;
        }
      };
      for (let round = 0; round < 4; round++) {
        await invoke(s, 25);
        sent += 25;
        await scrapeMany(5);
      }
      await Bun.sleep(SETTLE_MS);
      for (let i = 0; i < 10; i++) expect(await scrapeInvocations(s)).toBe(sent);
      last = sent;

      // A worker dies (kill -9) and is restarted: what it counted stays in the total.
      const [victim] = servingPids(s);
      process.kill(victim, 'SIGKILL');
      // (Connections the kernel had queued for the dying worker are reset: wait for its successor.)
      for (let i = 0; i < 300 && servingPids(s).length < 3; i++) await Bun.sleep(100);
      expect(servingPids(s)).toHaveLength(3);
      await scrapeMany(10);
      await invoke(s, 20);
      sent += 20;
      await Bun.sleep(SETTLE_MS);
      for (let i = 0; i < 10; i++) expect(await scrapeInvocations(s)).toBe(sent);
    } finally {
      s.proc.kill('SIGTERM');
    }
    expect(await s.proc.exited).toBe(0);
  }, 120_000);
});
