/**
 * SIGTERM while a long batch keeps the drain open must not lose a request sent on a keep-alive
 * connection (issue 18 #9). Clients send request after request on one connection each; the
 * server is stopped in the middle. Every client must end with a response that says
 * `Connection: close` (the last one it gets), and no request it wrote may go unanswered: Bun's
 * stop() resets connections whose request has arrived but is not parsed yet, so the drain reads
 * what has arrived and holds its answers until the listener is closed.
 */
import { afterAll, expect, test } from 'bun:test';
import { connect } from 'node:net';
import { decodeModel } from '../../src/algos/index.ts';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';
import { exampleInputs } from '../../src/server/schema.ts';
import { killStarted, startServer } from '../support/spawned-server.ts';

afterAll(killStarted);

const model = decodeModel(DEMO_MODEL_PATH);
const row = exampleInputs(model) as Record<string, unknown>;
const body = JSON.stringify(row);
const names = model.inputs.map((c) => c.name);
const csvRow = names.map((n) => String(row[n])).join(',');
/** Long enough that scoring it spans many slices (the drain stays open while it runs). */
const BATCH_ROWS = 60_000;
const batch = `${names.join(',')}\n${`${csvRow}\n`.repeat(BATCH_ROWS)}`;
const REQUEST = `POST /invocations HTTP/1.1\r\nHost: scorer\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const CLIENTS = 16;

interface Outcome {
  answered: number;
  /** The last response said Connection: close and the server then closed the connection. */
  closedGracefully: boolean;
  /** A request written and never answered (reset or closed under it). */
  lost: string | null;
}

/** One keep-alive connection sending request after request until told to close, or until `stopped()`. */
function keepAliveClient(port: number, out: Outcome, stopped: () => boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    const sock = connect(port, '127.0.0.1');
    let buf = '';
    let outstanding = false;
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      sock.destroy();
      resolve(out);
    };
    const send = () => {
      if (stopped()) return done();
      outstanding = true;
      buf = '';
      sock.write(REQUEST);
    };
    sock.on('connect', send);
    sock.on('data', (d) => {
      buf += d.toString('latin1');
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buf.slice(0, end);
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
      if (buf.length < end + 4 + length) return;
      outstanding = false;
      out.answered++;
      expect(head).toStartWith('HTTP/1.1 200');
      if (/connection: close/i.test(head)) {
        out.closedGracefully = true;
        return; // the server closes it
      }
      send();
    });
    sock.on('error', (e: NodeJS.ErrnoException) => {
      if (outstanding) out.lost = e.code ?? e.message;
      done();
    });
    sock.on('close', () => {
      if (outstanding && out.lost === null) out.lost = 'closed with a request unanswered';
      done();
    });
  });
}

for (const workers of [2, 1]) {
  test(`workers=${workers}: SIGTERM during a long batch loses no request on keep-alive connections`, async () => {
    const s = await startServer({ workers });
    let exited = false;
    const outcomes: Outcome[] = Array.from({ length: CLIENTS }, () => ({ answered: 0, closedGracefully: false, lost: null }));
    const clients = outcomes.map((o) => keepAliveClient(s.port, o, () => exited));
    // Every client is mid-conversation (a few answers each) before the batch and the signal.
    while (outcomes.some((o) => o.answered < 3)) await Bun.sleep(10);
    const batchStatus = fetch(`${s.base}/invocations`, {
      method: 'POST',
      body: batch,
      headers: { 'content-type': 'text/csv' },
    }).then(
      async (r) => {
        await r.arrayBuffer();
        return r.status;
      },
      (e: Error) => e.message,
    );
    await Bun.sleep(300);
    s.proc.kill('SIGTERM');
    const code = await s.proc.exited;
    exited = true;
    await Promise.all(clients);
    expect(await batchStatus).toBe(200);
    expect(code).toBe(0);
    expect(outcomes.filter((o) => o.lost !== null)).toEqual([]);
    for (const o of outcomes) {
      expect(o.answered).toBeGreaterThan(0);
      expect(o.closedGracefully).toBe(true);
    }
  }, 120_000);
}
