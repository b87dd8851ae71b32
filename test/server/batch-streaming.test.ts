/**
 * Batches scored in slices: output held until HOLD_BYTES then streamed, byte for byte what
 * the same rows give in small requests; per-request buffers (interleaved batches do not mix);
 * the time limit (504) and the stop signal (503) between slices; failures past the commit
 * break the stream off.
 */
import { describe, expect, test } from 'bun:test';
import { HOLD_BYTES } from '../../src/server/batch-response.ts';
import { slowModel } from '../support/fake-model.ts';
import { CSV_TYPE_BODY, csvRows, jsonLinesRows } from '../support/batch-bodies.ts';
import { post, testApp } from '../support/test-app.ts';

const JSONL = { 'content-type': 'application/jsonlines' };
/** Rows enough for an answer well past HOLD_BYTES (each CSV answer line is ~45 characters). */
const BIG = Math.ceil((HOLD_BYTES * 3) / 40);

/** The rows' answer assembled from requests small enough never to stream. */
async function inSmallRequests(
  app: ReturnType<typeof testApp>,
  rows: (n: number, from: number) => string,
  n: number,
  headers: Record<string, string>,
) {
  const parts: string[] = [];
  for (let from = 0; from < n; from += 20_000) {
    const r = await post(app, rows(Math.min(20_000, n - from), from), headers);
    expect(r.status).toBe(200);
    parts.push(r.text);
  }
  return parts.join('');
}

describe('streamed batches', () => {
  const app = testApp({ maxPayloadBytes: 64 * 1024 * 1024 });

  test('a streamed CSV answer is byte for byte the answer of the same rows in small requests', async () => {
    const big = await post(app, csvRows(BIG), CSV_TYPE_BODY);
    expect(big.status).toBe(200);
    expect(big.text.length).toBeGreaterThan(HOLD_BYTES * 2);
    expect(big.text).toBe(await inSmallRequests(app, csvRows, BIG, CSV_TYPE_BODY));
  }, 120_000);

  test('JSON Lines likewise, and a CSV header line stays first', async () => {
    const big = await post(app, jsonLinesRows(BIG), JSONL);
    expect(big.status).toBe(200);
    expect(big.text).toBe(await inSmallRequests(app, jsonLinesRows, BIG, JSONL));
    const withHeader = await post(app, `x,color,y\n${csvRows(BIG)}`, CSV_TYPE_BODY);
    expect(withHeader.text.startsWith('predict,no,yes,error\n')).toBe(true);
    expect(withHeader.text.slice('predict,no,yes,error\n'.length)).toBe(await inSmallRequests(app, csvRows, BIG, CSV_TYPE_BODY));
  }, 120_000);

  test('interleaved batches keep their own buffers: each answer is what it is alone', async () => {
    const a = csvRows(BIG);
    const b = csvRows(BIG, 1_000_003);
    const [ra, rb] = await Promise.all([post(app, a, CSV_TYPE_BODY), post(app, b, CSV_TYPE_BODY)]);
    expect(ra.text).toBe((await post(app, a, CSV_TYPE_BODY)).text);
    expect(rb.text).toBe((await post(app, b, CSV_TYPE_BODY)).text);
    expect(ra.text).not.toBe(rb.text);
  }, 120_000);

  test('a bad cell while the answer is held is a 400 naming its row (counted across pieces)', async () => {
    const n = 50_000;
    const r = await post(app, `${csvRows(n)}abc,red,1\n`, CSV_TYPE_BODY);
    expect(r.status).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'INVALID_VALUE', row: n, column: 'x' });
  });

  test('a bad cell past the committed 200 breaks the stream off (never a short success)', async () => {
    const res = await app.handle(
      new Request('http://localhost/invocations', { method: 'POST', body: `${csvRows(BIG)}abc,red,1\n`, headers: CSV_TYPE_BODY }),
    );
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  }, 120_000);
});

describe('time limit and stop signal', () => {
  test('a batch past SAGEMAKER_MODEL_SERVER_TIMEOUT stops and is the JSON 504', async () => {
    const app = testApp({ timeoutMs: 200 }, slowModel(1));
    const t0 = performance.now();
    const r = await post(app, csvRows(5_000), CSV_TYPE_BODY); // ≥ 5 s of work
    expect(r.status).toBe(504);
    expect(r.json().error.code).toBe('TIMEOUT');
    expect(performance.now() - t0).toBeLessThan(4_000);
  });

  test('aborting the server signal stops in-flight batches (503)', async () => {
    const stop = new AbortController();
    const app = testApp({ signal: stop.signal }, slowModel(1));
    const pending = post(app, csvRows(5_000), CSV_TYPE_BODY);
    setTimeout(() => stop.abort(), 100);
    const r = await pending;
    expect(r.status).toBe(503);
    expect(r.json().error.code).toBe('SHUTTING_DOWN');
  });
});
