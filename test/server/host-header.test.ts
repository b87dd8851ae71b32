/**
 * Every route answers whatever the Host header says (a short one, or none over HTTP/1.0): raw
 * HTTP over a TCP socket to a real server, since the URL is built by Bun.serve from that header.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { tmpdir } from 'node:os';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';
import { REPO_ROOT } from '../support/fixtures.ts';
import { freePort } from '../support/free-port.ts';

const ROOT = REPO_ROOT;

/** Sends one raw request, returns the status code of the answer (the server closes the connection). */
async function rawStatus(port: number, head: string, body = ''): Promise<number> {
  let text = '';
  const done = Promise.withResolvers<void>();
  const socket = await Bun.connect({
    hostname: '127.0.0.1',
    port,
    socket: {
      data(_s, chunk) {
        text += new TextDecoder().decode(chunk);
      },
      close() {
        done.resolve();
      },
      error(_s, e) {
        done.reject(e);
      },
    },
  });
  socket.write(`${head}\r\n${body}`);
  socket.flush();
  await Promise.race([done.promise, Bun.sleep(10_000)]);
  socket.end();
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  if (m === null) throw new Error(`no HTTP answer: ${JSON.stringify(text.slice(0, 200))}`);
  return Number(m[1]);
}

const GETS = ['/ping', '/execution-parameters', '/metrics', '/swagger', '/swagger/json', '/model/id', '/', '/predict_parameters?x=1'];
const ROW = '{"tenure_months": 3}';

/** Starts `serve` with `args` on a free port of 127.0.0.1; resolves once /ping answers. */
async function startServer(args: string[]): Promise<{ port: number; proc: ReturnType<typeof Bun.spawn> }> {
  const port = await freePort();
  const proc = Bun.spawn([process.execPath, 'src/cli.ts', 'serve', ...args, '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', SAGEMAKER_MODEL_SERVER_WORKERS: '1', MULTI_MODEL_ROOT: tmpdir() },
    stdout: 'ignore',
    stderr: 'ignore',
  });
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}`);
    const up = await fetch(`http://127.0.0.1:${port}/ping`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { port, proc };
    await Bun.sleep(20);
  }
}

describe('a real server routes every path whatever the Host header', () => {
  let port = 0;
  let proc: ReturnType<typeof Bun.spawn> | undefined;

  beforeAll(async () => {
    ({ port, proc } = await startServer(['--model', DEMO_MODEL_PATH]));
  }, 60_000);

  afterAll(async () => {
    proc?.kill('SIGTERM');
    await proc?.exited;
  });

  for (const host of ['Host: ml', 'Host: a', 'Host: ', null]) {
    test(`${host ?? 'no Host (HTTP/1.0)'}: every GET route is a 200, and so is POST /invocations`, async () => {
      const version = host === null ? 'HTTP/1.0' : 'HTTP/1.1';
      const hostLine = host === null ? '' : `${host}\r\n`;
      for (const path of GETS) {
        expect(`${path} ${await rawStatus(port, `GET ${path} ${version}\r\n${hostLine}Connection: close\r\n`)}`).toBe(`${path} 200`);
      }
      const post = `POST /invocations ${version}\r\n${hostLine}Connection: close\r\nContent-Type: application/json\r\nContent-Length: ${ROW.length}\r\n`;
      expect(await rawStatus(port, post, ROW)).toBe(200);
      const score = `POST /model/score ${version}\r\n${hostLine}Connection: close\r\nContent-Type: application/json\r\n`;
      const body = '{"fields": ["tenure_months"], "rows": [["3"]]}';
      expect(await rawStatus(port, `${score}Content-Length: ${body.length}\r\n`, body)).toBe(200);
      expect(await rawStatus(port, `DELETE /ping ${version}\r\n${hostLine}Connection: close\r\n`)).toBe(405);
      // Also on the paths Bun.serve routes itself (the scoring hot paths).
      expect(await rawStatus(port, `GET /invocations ${version}\r\n${hostLine}Connection: close\r\n`)).toBe(405);
      expect(await rawStatus(port, `POST /predict_parameters ${version}\r\n${hostLine}Connection: close\r\nContent-Length: 0\r\n`)).toBe(
        405,
      );
    }, 60_000);
  }
});

test('the multi-model server too', async () => {
  const { port, proc } = await startServer(['--multi-model']);
  try {
    for (const path of ['/ping', '/models', '/swagger', '/swagger/json']) {
      expect(`${path} ${await rawStatus(port, `GET ${path} HTTP/1.1\r\nHost: ml\r\nConnection: close\r\n`)}`).toBe(`${path} 200`);
    }
    expect(await rawStatus(port, 'GET /models/none HTTP/1.0\r\n')).toBe(404);
    expect(await rawStatus(port, 'PUT /models HTTP/1.1\r\nHost: ml\r\nConnection: close\r\nContent-Length: 0\r\n')).toBe(405);
  } finally {
    proc.kill('SIGTERM');
    await proc.exited;
  }
}, 60_000);
