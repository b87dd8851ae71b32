/** Property: whatever a client sends, the server answers without a 5xx (and errors are JSON). */
import { expect, test } from 'bun:test';
import fc from 'fast-check';
import { testApp } from '../support/test-app.ts';

const app = testApp({ maxPayloadBytes: 4096 });
const columns = fc.constantFrom('x', 'color', 'y', 'fields', 'rows', '__proto__', 'constructor', 'other', '');
const cell = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('1', ' 2 ', 'NaN', 'red', 'color.red', 'abc', '', '1e999', 666));
const row = fc.dictionary(columns, cell);
const jsonBody = fc.oneof(
  row.map((r) => JSON.stringify(r)),
  fc.array(row, { maxLength: 5 }).map((r) => JSON.stringify(r)),
  fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 4 }).map((r) => JSON.stringify(r)),
  fc
    .record({
      fields: fc.array(fc.oneof(columns, fc.integer()), { maxLength: 4 }),
      rows: fc.array(fc.oneof(fc.array(cell, { maxLength: 4 }), cell), { maxLength: 4 }),
    })
    .map((r) => JSON.stringify(r)),
  fc.array(row, { maxLength: 4 }).map((rs) => rs.map((r) => JSON.stringify(r)).join('\n')),
  fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
);
const csvBody = fc
  .tuple(
    fc.array(fc.array(fc.oneof(columns, fc.constantFrom('1', '"q""', 'red', '', 'x,y', '\r', '"', 'abc')), { maxLength: 5 }), {
      maxLength: 5,
    }),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([lines, eol]) => lines.map((l) => l.join(',')).join(eol));
const body = fc.oneof(
  jsonBody,
  csvBody,
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((b) => new TextDecoder().decode(b)),
);
const contentType = fc.option(
  fc.constantFrom(
    'application/json',
    'text/csv',
    'application/jsonlines',
    'application/x-ndjson',
    'application/octet-stream',
    'application/x-www-form-urlencoded',
    'text/plain',
    'image/png',
    'application/json; charset=utf-8',
    ';;',
    'text/csv; header=present',
  ),
  { nil: undefined },
);
const accept = fc.option(
  fc.constantFrom(
    '*/*',
    'application/json',
    'text/csv',
    'application/jsonlines',
    'text/html',
    'application/*;q=0.5, text/csv;q=0',
    'q=;,,',
    '',
  ),
  { nil: undefined },
);
const query = fc.constantFrom('', '?style=compat', '?lenient=true', '?style=bad', '?lenient=zz&style=record', '?%zz');

test('arbitrary requests to /invocations never yield a 5xx', async () => {
  await fc.assert(
    fc.asyncProperty(body, contentType, accept, query, async (b, ct, acc, q) => {
      const headers: Record<string, string> = {};
      if (ct !== undefined) headers['content-type'] = ct;
      if (acc !== undefined) headers.accept = acc;
      const res = await app.handle(new Request(`http://localhost/invocations${q}`, { method: 'POST', body: b, headers }));
      const text = await res.text();
      expect(res.status).toBeLessThan(500);
      if (res.status >= 400) expect(typeof JSON.parse(text).error.code).toBe('string');
    }),
    { numRuns: 1500 },
  );
});

test('arbitrary query strings to /predict_parameters never yield a 5xx', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(columns, fc.string({ maxLength: 10 })), { maxLength: 5 }), accept, async (pairs, acc) => {
      const qs = new URLSearchParams(pairs).toString();
      const res = await app.handle(
        new Request(`http://localhost/predict_parameters?${qs}`, { headers: acc === undefined ? {} : { accept: acc } }),
      );
      await res.text();
      expect(res.status).toBeLessThan(500);
    }),
    { numRuns: 500 },
  );
});
