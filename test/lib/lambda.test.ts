/**
 * mojo-scorer/lambda against recorded events in AWS's documented shapes (test/lib/lambda-events:
 * API Gateway REST payload 1.0, HTTP API payload 2.0, function URLs; JSON and CSV bodies, plain
 * and base64): every answer must be the one the server gives the same request on /invocations or
 * /predict_parameters, and the model must be loaded once per container.
 */
import { afterAll, describe, expect, test } from 'bun:test';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeModel as loadAlgoModel } from '../../src/algos/index.ts';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';
import { loadModel } from '../../src/lib/index.ts';
import { createHandler, handler, type LambdaHttpEvent, type LambdaHttpResult } from '../../src/lib/lambda.ts';
import { createApp } from '../../src/server/index.ts';
import { silentLogger } from '../../src/server/log.ts';

const EVENTS_DIR = join(import.meta.dir, 'lambda-events');
const events = new Map<string, LambdaHttpEvent>(
  readdirSync(EVENTS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f): [string, LambdaHttpEvent] => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(EVENTS_DIR, f), 'utf8'))]),
);
const lambda = createHandler({ model: DEMO_MODEL_PATH, log: false, env: {} });
const server = createApp(loadAlgoModel(DEMO_MODEL_PATH), { log: silentLogger, metrics: false });

interface EventFields {
  version?: string;
  httpMethod?: string;
  requestContext?: { http?: { method: string } };
  rawQueryString?: string;
  queryStringParameters?: Record<string, string> | null;
  headers?: Record<string, string>;
  body?: string | null;
  isBase64Encoded?: boolean;
}

/** The request a client would send the server for `event`, built from the event's fields independently of the handler. */
function serverRequest(event: LambdaHttpEvent): Request {
  const e = event as EventFields;
  const v2 = e.version === '2.0';
  const method = (v2 ? e.requestContext?.http?.method : e.httpMethod) ?? '';
  const path = method === 'GET' ? '/predict_parameters' : '/invocations';
  const query = v2 ? e.rawQueryString : new URLSearchParams(e.queryStringParameters ?? {}).toString();
  const body = e.body == null ? undefined : e.isBase64Encoded ? Buffer.from(e.body, 'base64') : e.body;
  return new Request(`http://localhost${path}${query ? `?${query}` : ''}`, {
    method,
    headers: e.headers,
    body: method === 'GET' ? undefined : body,
  });
}

async function both(name: string): Promise<{ lambda: LambdaHttpResult; server: Response; serverBody: string }> {
  const event = events.get(name);
  if (event === undefined) throw new Error(`no event ${name}`);
  const res = await server.handle(serverRequest(event));
  return { lambda: await lambda(structuredClone(event)), server: res, serverBody: await res.text() };
}

describe('mojo-scorer/lambda answers recorded events as the server answers the same requests', () => {
  for (const name of events.keys()) {
    if (name === 'function-url-put') continue;
    test(name, async () => {
      const r = await both(name);
      expect(r.lambda.statusCode).toBe(r.server.status);
      expect<string | null>(r.lambda.headers['content-type'] ?? null).toEqual(r.server.headers.get('content-type'));
      expect<string | null>(r.lambda.headers['x-ignored-columns'] ?? null).toEqual(r.server.headers.get('x-ignored-columns'));
      expect(r.lambda.body).toBe(r.serverBody);
      expect(r.lambda.isBase64Encoded).toBe(false);
    });
  }
});

describe('mojo-scorer/lambda answers', () => {
  const demo = loadModel(readFileSync(DEMO_MODEL_PATH));

  test('a REST API (payload 1.0) JSON row with the record the library scores', async () => {
    const r = await lambda(events.get('rest-v1-json-row')!);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/json');
    const row = { tenure_months: 3, monthly_charges: 95.5, support_calls: 4, plan: 'basic', region: 'east' };
    expect(JSON.parse(r.body)).toEqual(demo.score(row));
  });

  test('a base64 CSV body (payload 1.0) as CSV, one line per row, and the same values as the plain CSV body (payload 2.0)', async () => {
    const csv = await lambda(events.get('rest-v1-csv-base64')!);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toStartWith('text/csv');
    expect(csv.body.trim().split('\n')).toHaveLength(4);
    const plain = await lambda(
      JSON.parse(JSON.stringify(events.get('http-v2-csv')!).replace('"contributions=true"', '"style=record"')) as LambdaHttpEvent,
    );
    const records = JSON.parse(plain.body) as Record<string, unknown>[];
    expect(csv.body.split('\n')[1]).toStartWith(`${records[0].predict},${records[0].no},${records[0].yes}`);
  });

  test('a batch with a bad number: 400 INVALID_VALUE when strict, a scored missing value with ?lenient=true', async () => {
    const strict = await lambda(events.get('http-v2-json-batch-strict')!);
    expect(strict.statusCode).toBe(400);
    expect(JSON.parse(strict.body).error.code).toBe('INVALID_VALUE');
    const lenient = await lambda(events.get('http-v2-json-batch-lenient')!);
    expect(lenient.statusCode).toBe(200);
    expect(
      lenient.body
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))[1],
    ).toEqual(demo.score({ plan: 'premium' }));
  });

  test('custom attributes ask for contributions, as on SageMaker', async () => {
    const r = await lambda(events.get('http-v2-csv')!);
    expect(r.statusCode).toBe(200);
    expect(Object.keys(JSON.parse(r.body)[0])).toContain('BiasTerm');
  });

  test('a GET with a query string scores that row (payload 1.0), in the compat style it asks for', async () => {
    const r = await lambda(events.get('rest-v1-get-query')!);
    expect(r.statusCode).toBe(200);
    expect(Object.keys(JSON.parse(r.body))).toEqual(['churned.no', 'churned.yes']);
  });

  test('another method is a 405 naming the allowed ones', async () => {
    const r = await lambda(events.get('function-url-put')!);
    expect(r.statusCode).toBe(405);
    expect(r.headers.allow).toBe('GET, POST');
  });

  test('a body marked base64 that is not: 400 BAD_REQUEST', async () => {
    const e = { ...events.get('function-url-base64-json')!, body: '{not base64}' } as LambdaHttpEvent;
    const r = await lambda(e);
    expect(r.statusCode).toBe(400);
    expect(JSON.parse(r.body).error.code).toBe('BAD_REQUEST');
  });

  test('bundled model bytes work like a path', async () => {
    const fromBytes = createHandler({ model: new Uint8Array(readFileSync(DEMO_MODEL_PATH)), log: false, env: {} });
    const e = events.get('rest-v1-json-row')!;
    expect((await fromBytes(e)).body).toBe((await lambda(e)).body);
  });

  test('no model named: CONFIGURATION; an unreadable one: MOJO_FORMAT', () => {
    expect(() => createHandler({ env: {} })).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
    expect(() => createHandler({ model: new Uint8Array([1, 2, 3]), env: {} })).toThrow(expect.objectContaining({ code: 'MOJO_FORMAT' }));
  });
});

describe('the ready-made handler', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mojo-lambda-'));
  const saved = process.env.MOJO_MODEL_PATH;
  afterAll(() => {
    if (saved === undefined) delete process.env.MOJO_MODEL_PATH;
    else process.env.MOJO_MODEL_PATH = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  test('loads MOJO_MODEL_PATH on the first event and keeps it for the container', async () => {
    const path = join(dir, 'model.zip');
    copyFileSync(DEMO_MODEL_PATH, path);
    process.env.MOJO_MODEL_PATH = path;
    const e = events.get('rest-v1-json-row')!;
    const first = await handler(e);
    expect(first.statusCode).toBe(200);
    // Gone from disk: a handler that loaded per event would fail now.
    rmSync(path);
    const second = await handler(e);
    expect(second.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
  });
});
