/**
 * One worker over a real socket (SageMaker settings from the environment): /ping keeps being
 * answered while a large batch is scored, /execution-parameters reports the payload limit,
 * bodies far over the limit are the JSON 413, a body shorter than its Content-Length is a
 * 408 (not a hang, not a 500). Bounds are generous: CI is a loaded 2-core machine.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { connect } from 'node:net';
import { decodeModel } from '../../src/algos/index.ts';
import { exampleInputs } from '../../src/server/schema.ts';
import { REPO_ROOT } from '../support/fixtures.ts';
import { freePort } from '../support/free-port.ts';
import { realModel } from '../support/real-model.ts';

const ROOT = REPO_ROOT;
const found = realModel();
if ('skip' in found) console.warn(`[skip] test/server/sagemaker-socket.test.ts: ${found.skip}`);

/** Sends raw bytes, keeps the socket open, and returns the first response's status line and body. */
function rawExchange(port: number, request: string, waitMs: number): Promise<{ status: number; body: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let data = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no response within ${waitMs} ms (got ${JSON.stringify(data)})`));
    }, waitMs);
    socket.on('data', (b) => {
      data += b.toString();
      const end = data.indexOf('\r\n\r\n');
      const length = /content-length:\s*(\d+)/i.exec(data);
      if (end >= 0 && length && data.length >= end + 4 + Number(length[1])) {
        clearTimeout(timer);
        socket.destroy();
        resolve({ status: Number(data.slice(9, 12)), body: data.slice(end + 4), ms: performance.now() - t0 });
      }
    });
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

describe.skipIf('skip' in found)('SageMaker settings over a real socket (1 worker)', () => {
  const path = 'path' in found ? found.path : '';
  let proc: ReturnType<typeof Bun.spawn>;
  let port = 0;
  let base = '';

  beforeAll(async () => {
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    proc = Bun.spawn([process.execPath, 'src/cli.ts', 'serve', '--model', path, '--port', String(port)], {
      cwd: ROOT,
      env: {
        ...process.env,
        SAGEMAKER_MODEL_SERVER_WORKERS: '1',
        SAGEMAKER_MAX_PAYLOAD_IN_MB: '48',
        MAX_PAYLOAD_MB: '1',
        HOST: '127.0.0.1',
      },
      stdout: 'ignore',
      stderr: 'ignore',
    });
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}`);
      try {
        if ((await fetch(`${base}/ping`)).ok) break;
      } catch {
        /* not listening yet */
      }
      await Bun.sleep(20);
    }
  }, 30_000);

  afterAll(async () => {
    proc?.kill('SIGTERM');
    await proc?.exited;
  });

  test('/execution-parameters reports SAGEMAKER_MAX_PAYLOAD_IN_MB', async () => {
    expect(await (await fetch(`${base}/execution-parameters`)).json()).toMatchObject({ MaxPayloadInMB: 48, MaxConcurrentTransforms: 1 });
  });

  test('/ping is answered while a large CSV batch is scored', async () => {
    const line = `${Object.values(exampleInputs(decodeModel(path))).join(',')}\n`;
    const rows = Math.floor((16 * 1024 * 1024) / line.length);
    const batch = fetch(`${base}/invocations`, { method: 'POST', body: line.repeat(rows), headers: { 'content-type': 'text/csv' } }).then(
      async (r) => ({ status: r.status, lines: (await r.text()).split('\n').length - 1 }),
    );
    let running = true;
    void batch.finally(() => {
      running = false;
    });
    const latencies: number[] = [];
    while (running) {
      const t0 = performance.now();
      const r = await fetch(`${base}/ping`);
      await r.text();
      if (running) latencies.push(performance.now() - t0);
      await Bun.sleep(10);
    }
    expect(await batch).toEqual({ status: 200, lines: rows });
    latencies.sort((a, b) => a - b);
    expect(latencies.length).toBeGreaterThanOrEqual(3);
    expect(latencies[Math.floor(latencies.length * 0.99)]).toBeLessThan(1000);
  }, 120_000);

  test('a client that sends its whole body before it reads the answer gets all of it (the body is not left waiting on the answer)', async () => {
    // A long CSV body is read as scoring reaches it; its answer (about twice its size) fills the
    // socket's buffers long before such a client has sent the rest.
    const line = `${Object.values(exampleInputs(decodeModel(path))).join(',')}\n`;
    const rows = Math.floor((16 * 1024 * 1024) / line.length);
    const body = Buffer.from(line.repeat(rows));
    const answer = await new Promise<{ head: string; lines: number }>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      socket.pause();
      const chunks: Buffer[] = [];
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error('no complete answer within 60 s'));
      }, 60_000);
      socket.on('data', (b: Buffer) => chunks.push(b));
      socket.on('end', () => {
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString();
        const end = text.indexOf('\r\n\r\n');
        resolve({
          head: text.slice(0, end),
          lines: text
            .slice(end + 4)
            .split('\n')
            .filter((l) => /^[^\r]*,/.test(l)).length,
        });
      });
      socket.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      socket.write(
        `POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
      );
      // Reads nothing until every byte of the body is sent.
      socket.write(body, () => socket.resume());
    });
    expect(answer.head).toStartWith('HTTP/1.1 200');
    expect(answer.lines).toBeGreaterThanOrEqual(rows);
  }, 90_000);

  test('a body declared far over the limit is the JSON 413', async () => {
    const r = await rawExchange(
      port,
      'POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: 100000000000\r\n\r\n1,2,3\n',
      10_000,
    );
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  test('a body shorter than its Content-Length is a 408 after a short stall, not a 500', async () => {
    const r = await rawExchange(
      port,
      'POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: 1000\r\n\r\n1,2,3\n',
      15_000,
    );
    expect(r.status).toBe(408);
    expect(JSON.parse(r.body).error.code).toBe('REQUEST_TIMEOUT');
    expect(r.ms).toBeLessThan(9_000);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).not.toMatch(/mojo_requests_total\{[^}]*status="500"/);
  }, 20_000);
});
