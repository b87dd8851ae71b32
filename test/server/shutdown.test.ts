/**
 * SIGTERM drains: requests the server has received (here: bodies still arriving on keep-alive
 * connections) are all answered, with `Connection: close`; idle keep-alive connections are
 * closed; the process exits 0. With 2 workers the primary forwards the signal and exits 0
 * once both have drained.
 */
import { afterAll, describe, expect, test } from 'bun:test';
import { decodeModel } from '../../src/algos/index.ts';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';
import { exampleInputs } from '../../src/server/schema.ts';
import { DRAIN_TIMEOUT_MS } from '../../src/server/drain.ts';
import { answers, killStarted, RawClient, startServer } from '../support/spawned-server.ts';

afterAll(killStarted);

const body = JSON.stringify(exampleInputs(decodeModel(DEMO_MODEL_PATH)));
const half = Math.floor(body.length / 2);
const head = `POST /invocations HTTP/1.1\r\nHost: scorer\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
const CLIENTS = 8;

describe('SIGTERM drains keep-alive connections', () => {
  for (const workers of [1, 2]) {
    test(`workers=${workers}: every request in flight is answered with Connection: close, then exit 0`, async () => {
      const s = await startServer({ workers });
      const clients = Array.from({ length: CLIENTS }, () => new RawClient(s.port));
      try {
        // One full request each: the connections are now open, kept alive, spread over the workers.
        for (const c of clients) c.socket.write(head + body);
        for (const c of clients) await c.responses(1);
        // All but one start a second request and send half of its body...
        const busy = clients.slice(1);
        for (const c of busy) c.socket.write(head + body.slice(0, half));
        await Bun.sleep(500);
        s.proc.kill('SIGTERM');
        await Bun.sleep(500);
        // ...and the rest of it after SIGTERM.
        for (const c of busy) c.socket.write(body.slice(half));
        for (const c of busy) {
          await c.responses(2);
          await c.closed;
          expect(c.statuses()).toEqual(['HTTP/1.1 200', 'HTTP/1.1 200']);
          const second = c.text.slice(c.text.lastIndexOf('HTTP/1.1 200'));
          expect(second.toLowerCase()).toContain('connection: close');
        }
        // The idle connection is closed by the server, not left open.
        await clients[0].closed;
        expect(clients[0].statuses()).toEqual(['HTTP/1.1 200']);
      } finally {
        for (const c of clients) c.socket.destroy();
      }
      expect(await s.proc.exited).toBe(0);
      expect(await answers(s.port)).toBe(false);
    }, 60_000);
  }

  test(
    'a request that never completes cannot hold the process past DRAIN_TIMEOUT_MS: exit 0 in time',
    async () => {
      const s = await startServer({ workers: 1 });
      const stuck = new RawClient(s.port);
      // A byte a second: a body slower than any drain. (Bun's own request timeout, idleTimeout,
      // may end it first; either way the process must be gone within the drain bound.)
      let sent = half;
      const trickle = setInterval(() => {
        if (sent < body.length - 1) stuck.socket.write(body[sent++]);
      }, 1000);
      try {
        stuck.socket.write(head + body.slice(0, half));
        await Bun.sleep(500);
        const t0 = Date.now();
        s.proc.kill('SIGTERM');
        expect(await s.proc.exited).toBe(0);
        expect(Date.now() - t0).toBeLessThan(DRAIN_TIMEOUT_MS + 10_000);
        await stuck.closed;
      } finally {
        clearInterval(trickle);
        stuck.socket.destroy();
      }
    },
    DRAIN_TIMEOUT_MS + 40_000,
  );
});
