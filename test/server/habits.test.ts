/**
 * What every answer goes through (src/server/habits): the request id (the client's or a new
 * one, echoed), 5xx logged with it, the opt-in access log, CORS for listed origins, and gzip
 * for clients that accept it — short answers left as they are, streamed answers compressed as
 * they stream.
 */
import { describe, expect, test } from 'bun:test';
import { gunzipSync } from 'fflate';
import { GZIP_MIN_BYTES, type HttpHabits, httpHabitsFromEnv, NO_HABITS, withHttpHabits } from '../../src/server/habits/index.ts';
import type { Logger, LogLevel } from '../../src/server/log.ts';
import { csvRows } from '../support/batch-bodies.ts';
import { codeOf } from '../support/errors.ts';
import { testApp } from '../support/test-app.ts';

type Line = { level: LogLevel; msg: string; fields: Record<string, unknown> };

function recorder(): { log: Logger; lines: Line[] } {
  const lines: Line[] = [];
  return { log: (level, msg, fields = {}) => lines.push({ level, msg, fields }), lines };
}

const app = testApp({ maxPayloadBytes: 64 * 1024 * 1024 });
const served = (habits: Partial<HttpHabits> = {}, log: Logger = () => {}) =>
  withHttpHabits((r) => app.handle(r), { ...NO_HABITS, ...habits }, log);
const req = (path: string, init: RequestInit = {}) => new Request(`http://localhost${path}`, init);
const ROW = JSON.stringify({ x: 1, color: 'red', y: 2 });
const JSON_POST = { method: 'POST', body: ROW, headers: { 'content-type': 'application/json' } };

describe('request id', () => {
  test("the client's X-Request-Id or X-Amzn-RequestId is echoed; a logged answer without one gets a new UUID", async () => {
    const fetch = served();
    expect((await fetch(req('/ping', { headers: { 'x-request-id': 'abc-123' } }))).headers.get('x-request-id')).toBe('abc-123');
    expect((await fetch(req('/ping', { headers: { 'x-amzn-requestid': 'sm-9' } }))).headers.get('x-request-id')).toBe('sm-9');
    // An answer that is not logged carries no made-up id (it would name no log line).
    expect((await fetch(req('/ping'))).headers.get('x-request-id')).toBeNull();
    // A 5xx is logged: it carries the id its log line names, new for every request.
    const { log, lines } = recorder();
    const failing = withHttpHabits(() => new Response('x', { status: 500 }), NO_HABITS, log);
    const a = (await failing(req('/invocations'))).headers.get('x-request-id');
    const b = (await failing(req('/invocations'))).headers.get('x-request-id');
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
    expect(lines.map((l) => l.fields.requestId)).toEqual([a, b]);
    // An id that would be a log injection is replaced.
    const odd = (await failing(req('/invocations', { headers: { 'x-request-id': 'a b' } }))).headers.get('x-request-id');
    expect(odd).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('every 5xx is logged with its id; a 4xx is not', async () => {
    const { log, lines } = recorder();
    const statuses = [500, 503, 504, 404];
    for (const status of statuses) {
      const fetch = withHttpHabits(() => new Response('x', { status }), NO_HABITS, log);
      await fetch(req('/invocations?secret=1', { headers: { 'x-request-id': `id-${status}` } }));
    }
    expect(lines.map((l) => [l.level, l.fields.requestId, l.fields.status, l.fields.path])).toEqual([
      ['error', 'id-500', 500, '/invocations'],
      ['warn', 'id-503', 503, '/invocations'],
      ['warn', 'id-504', 504, '/invocations'],
    ]);
  });
});

test('ACCESS_LOG: one line per request with id, method, path (no query), status and time', async () => {
  const { log, lines } = recorder();
  await served(
    { accessLog: true },
    log,
  )(req('/invocations?style=compat', { ...JSON_POST, headers: { ...JSON_POST.headers, 'x-request-id': 'r1' } }));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({
    level: 'info',
    msg: 'request',
    fields: { requestId: 'r1', method: 'POST', path: '/invocations', status: 200 },
  });
  expect(typeof lines[0].fields.ms).toBe('number');
  const quiet = recorder();
  await served({}, quiet.log)(req('/ping'));
  expect(quiet.lines).toHaveLength(0);
});

describe('CORS', () => {
  const fetch = served({ corsOrigins: ['https://app.example.com'] });

  test('a listed origin gets Access-Control-Allow-Origin, an unlisted one nothing', async () => {
    const ok = await fetch(req('/invocations', { ...JSON_POST, headers: { ...JSON_POST.headers, origin: 'https://app.example.com' } }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(ok.headers.get('access-control-expose-headers')).toContain('x-request-id');
    const other = await fetch(req('/ping', { headers: { origin: 'https://evil.example' } }));
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const none = await served()(req('/ping', { headers: { origin: 'https://app.example.com' } }));
    expect(none.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('a preflight from a listed origin is answered 204 with the methods and the asked headers', async () => {
    const r = await fetch(
      req('/invocations', {
        method: 'OPTIONS',
        headers: {
          origin: 'https://app.example.com',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      }),
    );
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-methods')).toContain('POST');
    expect(r.headers.get('access-control-allow-headers')).toBe('content-type');
    // Listed once: the preflight and the habits' CORS step both mark it.
    expect(r.headers.get('vary')).toBe('origin');
    const any = await served({ corsOrigins: ['*'] })(req('/ping', { headers: { origin: 'https://x.example' } }));
    expect(any.headers.get('access-control-allow-origin')).toBe('*');
  });

  test('CORS_ORIGINS takes origins or *; anything else is CONFIGURATION', () => {
    expect(httpHabitsFromEnv({ CORS_ORIGINS: 'https://a.example, http://b.example:8080' }).corsOrigins).toEqual([
      'https://a.example',
      'http://b.example:8080',
    ]);
    expect(httpHabitsFromEnv({ CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
    expect(httpHabitsFromEnv({}).corsOrigins).toEqual([]);
    for (const bad of ['app.example.com', 'https://a.example/path', 'ftp//x'])
      expect(codeOf(() => httpHabitsFromEnv({ CORS_ORIGINS: bad }))).toBe('CONFIGURATION');
  });
});

describe('gzip', () => {
  const fetch = served({ gzip: true });
  const gz = { 'accept-encoding': 'gzip, deflate, br' };

  test('a batch answer above the threshold is gzipped for a client that accepts it, and decodes to the same bytes', async () => {
    const body = csvRows(2000);
    const plain = await served()(req('/invocations', { method: 'POST', body, headers: { 'content-type': 'text/csv' } }));
    const plainText = await plain.text();
    expect(plainText.length).toBeGreaterThan(GZIP_MIN_BYTES);
    const r = await fetch(req('/invocations', { method: 'POST', body, headers: { 'content-type': 'text/csv', ...gz } }));
    expect(r.headers.get('content-encoding')).toBe('gzip');
    expect(r.headers.get('vary')).toContain('accept-encoding');
    expect(r.headers.get('content-type')).toBe(plain.headers.get('content-type'));
    const bytes = new Uint8Array(await r.arrayBuffer());
    expect(bytes.length).toBeLessThan(plainText.length);
    expect(new TextDecoder().decode(gunzipSync(bytes))).toBe(plainText);
  });

  test('gzip and CORS together: Vary names each once', async () => {
    const both = served({ gzip: true, corsOrigins: ['https://app.example.com'] });
    const headers = { 'content-type': 'text/csv', ...gz, origin: 'https://app.example.com' };
    const r = await both(req('/invocations', { method: 'POST', body: csvRows(2000), headers }));
    expect(r.headers.get('content-encoding')).toBe('gzip');
    const vary = (r.headers.get('vary') ?? '').split(',').map((v) => v.trim());
    expect(vary.sort()).toEqual(['accept-encoding', 'origin']);
  });

  test('a short answer, a client that does not accept gzip (or refuses it with q=0), and GZIP off: left as they are', async () => {
    const single = await fetch(req('/invocations', { ...JSON_POST, headers: { ...JSON_POST.headers, ...gz } }));
    expect(single.headers.get('content-encoding')).toBeNull();
    expect(JSON.parse(await single.text())).toHaveProperty('predict');
    const body = csvRows(2000);
    for (const [f, headers] of [
      [fetch, { 'content-type': 'text/csv' }],
      [fetch, { 'content-type': 'text/csv', 'accept-encoding': 'gzip;q=0, identity' }],
      [served(), { 'content-type': 'text/csv', ...gz }],
    ] as const) {
      const r = await f(req('/invocations', { method: 'POST', body, headers }));
      expect(r.headers.get('content-encoding')).toBeNull();
    }
    expect(httpHabitsFromEnv({}).gzip).toBe(true);
    expect(httpHabitsFromEnv({ GZIP: 'off' }).gzip).toBe(false);
    expect(codeOf(() => httpHabitsFromEnv({ GZIP: 'maybe' }))).toBe('CONFIGURATION');
    expect(codeOf(() => httpHabitsFromEnv({ ACCESS_LOG: 'sometimes' }))).toBe('CONFIGURATION');
  });

  test('a streamed answer is compressed as it streams: the response leaves before the stream ends', async () => {
    let finish: () => void = () => {};
    const rest = new Promise<void>((resolve) => (finish = resolve));
    const chunk = new TextEncoder().encode('0.5,0.5\n'.repeat(400));
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(chunk);
        await rest;
        controller.enqueue(chunk);
        controller.close();
      },
    });
    const f = withHttpHabits(
      () => new Response(stream, { headers: { 'content-type': 'text/csv' } }),
      { ...NO_HABITS, gzip: true },
      () => {},
    );
    const r = await f(req('/invocations', { method: 'POST', headers: gz }));
    expect(r.headers.get('content-encoding')).toBe('gzip');
    finish();
    const text = new TextDecoder().decode(gunzipSync(new Uint8Array(await r.arrayBuffer())));
    expect(text).toBe('0.5,0.5\n'.repeat(800));
  });
});
