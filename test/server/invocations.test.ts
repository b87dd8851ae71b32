import { describe, expect, test } from 'bun:test';
import { CSV_CT, JSON_CT, post, testApp } from '../support/test-app.ts';

const app = testApp();
/** p(yes) = logistic(x + level(color) - y) in the fake model. */
const p = (z: number) => 1 / (1 + Math.exp(-z));

describe('POST /invocations request forms', () => {
  test('one JSON object → one record', async () => {
    const r = await post(app, '{"x": 1, "color": "green", "y": 0.5}', JSON_CT);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.json()).toEqual({ predict: 'yes', no: 1 - p(1.5), yes: p(1.5) });
  });

  test('numeric strings are numbers; null and absent are missing', async () => {
    const a = (await post(app, '{"x": " 2 ", "color": null}', JSON_CT)).json();
    const b = (await post(app, '{"x": 2}', JSON_CT)).json();
    expect(a).toEqual(b);
    expect(b.yes).toBe(p(2));
  });

  test('categoricals accept numbers and booleans (stringified)', async () => {
    const r = await post(app, '{"color": 5, "x": true}', JSON_CT);
    // x: true is not a number → 400; a boolean level is fine
    expect(r.status).toBe(400);
    expect((await post(app, '{"color": false}', JSON_CT)).status).toBe(200);
  });

  test('a JSON array of objects → an array of records', async () => {
    const r = await post(app, '[{"x": 1}, {"x": -1}]', JSON_CT);
    expect(r.json().map((o: { yes: number }) => o.yes)).toEqual([p(1), p(-1)]);
  });

  test('an empty array → an empty array', async () => {
    expect((await post(app, '[]', JSON_CT)).json()).toEqual([]);
  });

  test('a JSON array of arrays: positional rows in model input order', async () => {
    const r = await post(app, '[[1, "blue", 0.5]]', JSON_CT);
    expect(r.json()[0].yes).toBe(p(1 + 2 - 0.5));
  });

  test("H2O's {fields, rows} form → an array", async () => {
    const r = await post(app, '{"fields": ["y", "x"], "rows": [[1, 3], ["2", null]]}', JSON_CT);
    expect(r.json().map((o: { yes: number }) => o.yes)).toEqual([p(2), p(-2)]);
  });

  test('text/csv with a header line (a batch: the error column is always there)', async () => {
    const r = await post(app, 'y,x,color\n1,3,red\n', CSV_CT);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.text).toBe(`predict,no,yes,error\nyes,${1 - p(2)},${p(2)},\n`);
  });

  test('text/csv without a header: model input order, and no header in the answer', async () => {
    const r = await post(app, '3,red,1\n-3,green,\n', CSV_CT);
    expect(r.text).toBe(`yes,${1 - p(2)},${p(2)},\nno,${1 - p(-2)},${p(-2)},\n`);
  });

  test('a header with mostly model names is a header (unknown names are ignored)', async () => {
    const r = await post(app, 'x,color,extra\n1,red,zzz\n', { ...CSV_CT, accept: 'application/json' });
    expect(r.json()).toEqual([{ predict: 'yes', no: 1 - p(1), yes: p(1) }]);
    expect(r.headers.get('x-ignored-columns')).toBe('extra');
  });

  test('quoted CSV fields and CRLF line ends', async () => {
    const r = await post(app, 'x,color\r\n"1","red"\r\n', { ...CSV_CT, accept: 'application/json' });
    expect(r.json()[0].yes).toBe(p(1));
  });

  for (const ct of ['application/jsonlines', 'application/x-ndjson', 'application/jsonl']) {
    test(`${ct} → JSON Lines`, async () => {
      const r = await post(app, '{"x": 1}\n\n{"x": 2}\n', { 'content-type': ct });
      expect(r.headers.get('content-type')).toBe('application/jsonlines');
      expect(r.text.split('\n')).toHaveLength(3);
      expect(JSON.parse(r.text.split('\n')[1]).yes).toBe(p(2));
    });
  }

  describe('sniffing (octet-stream, none, curl -d form type)', () => {
    const kinds: Record<string, string>[] = [
      {},
      { 'content-type': 'application/octet-stream' },
      { 'content-type': 'application/x-www-form-urlencoded' },
    ];
    for (const h of kinds) {
      const name = h['content-type'] ?? 'no content type';
      test(`${name}: object, array, JSON Lines, CSV`, async () => {
        expect((await post(app, '{"x": 1}', h)).json().yes).toBe(p(1));
        expect((await post(app, ' [{"x": 1}]', h)).json()[0].yes).toBe(p(1));
        const jl = await post(app, '{"x": 1}\n{"x": 2}\n', h);
        expect(jl.headers.get('content-type')).toBe('application/jsonlines');
        const csv = await post(app, 'x\n1\n', h);
        expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
        expect(csv.text.startsWith('predict,no,yes,error\n')).toBe(true);
      });
    }
  });
});

describe('Accept', () => {
  const body = '[{"x": 1}, {"x": 2}]';
  test('application/json, text/csv, application/jsonlines', async () => {
    expect((await post(app, body, { ...JSON_CT, accept: 'application/json' })).json()).toHaveLength(2);
    const csv = await post(app, body, { ...JSON_CT, accept: 'text/csv' });
    expect(csv.text.split('\n')[0]).toBe('predict,no,yes,error');
    expect(csv.text.split('\n')).toHaveLength(4);
    const jl = await post(app, body, { ...JSON_CT, accept: 'application/jsonlines' });
    expect(
      jl.text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).yes),
    ).toEqual([p(1), p(2)]);
  });

  test('*/* and a missing Accept answer in the request format', async () => {
    expect((await post(app, 'x\n1\n', { ...CSV_CT, accept: '*/*' })).headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect((await post(app, '{"x":1}', { ...JSON_CT, accept: '*/*' })).headers.get('content-type')).toBe('application/json');
  });

  test('q values pick the preferred format', async () => {
    const r = await post(app, body, { ...JSON_CT, accept: 'application/json;q=0.5, text/csv' });
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  });

  test('one object answered as CSV has a header and one line', async () => {
    const r = await post(app, '{"x": 1}', { ...JSON_CT, accept: 'text/csv' });
    expect(r.text).toBe(`predict,no,yes\nyes,${1 - p(1)},${p(1)}\n`);
  });

  test('406 when nothing acceptable', async () => {
    const r = await post(app, body, { ...JSON_CT, accept: 'application/xml' });
    expect(r.status).toBe(406);
    expect(r.json().error.code).toBe('NOT_ACCEPTABLE');
  });
});

describe('per-row errors', () => {
  test('a row the model cannot score is {"error"} in its place', async () => {
    const r = await post(app, '[{"x": 1}, {"x": 666}]', JSON_CT);
    expect(r.status).toBe(200);
    expect(r.json()[1]).toEqual({ error: 'Predicted class probability NaN!' });
  });

  test('CSV gets an error column', async () => {
    const r = await post(app, 'x\n1\n666\n', CSV_CT);
    const lines = r.text.trim().split('\n');
    expect(lines[0]).toBe('predict,no,yes,error');
    expect(lines[1].endsWith(',')).toBe(true);
    expect(lines[2]).toBe(',,,Predicted class probability NaN!');
  });

  test('a single object the model cannot score is a 422', async () => {
    const r = await post(app, '{"x": 666}', JSON_CT);
    expect(r.status).toBe(422);
    expect(r.json().error).toEqual({ code: 'ROW_ERROR', message: 'Predicted class probability NaN!' });
  });
});

describe('compatibility style', () => {
  const compat = { 'label.no': String(1 - p(1)), 'label.yes': String(p(1)) };
  test('?style=compat', async () => {
    expect((await post(app, '{"x": 1}', JSON_CT, '?style=compat')).json()).toEqual(compat);
  });
  test('X-Output-Style: compat', async () => {
    expect((await post(app, '{"x": 1}', { ...JSON_CT, 'x-output-style': 'compat' })).json()).toEqual(compat);
  });
  test('OUTPUT_STYLE=compat (server default), overridable per request', async () => {
    const c = testApp({ style: 'compat' });
    expect((await post(c, '{"x": 1}', JSON_CT)).json()).toEqual(compat);
    expect((await post(c, '{"x": 1}', JSON_CT, '?style=record')).json().predict).toBe('yes');
  });
  test('compat as CSV', async () => {
    const r = await post(app, '{"x": 1}', { ...JSON_CT, accept: 'text/csv', 'x-output-style': 'compat' });
    expect(r.text).toBe(`label.no,label.yes\n${compat['label.no']},${compat['label.yes']}\n`);
  });
  test('an unknown style is a 400', async () => {
    expect((await post(app, '{"x": 1}', JSON_CT, '?style=fancy')).json().error.code).toBe('BAD_REQUEST');
  });
});

describe('validation', () => {
  test('a non-numeric string for a numeric column is a 400 naming row and column', async () => {
    const r = await post(app, '[{"x": 1}, {"y": "abc"}]', JSON_CT);
    expect(r.status).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'INVALID_VALUE', column: 'y', row: 1 });
    expect(r.json().error.message).toContain("'abc' is not a number");
  });

  test('wrong JSON types are 400 INVALID_VALUE', async () => {
    for (const body of ['{"x": true}', '{"x": [1]}', '{"x": {}}', '{"color": [1]}', '{"color": {"a": 1}}']) {
      const r = await post(app, body, JSON_CT);
      expect(r.status).toBe(400);
      expect(r.json().error.code).toBe('INVALID_VALUE');
      expect(['x', 'color']).toContain(r.json().error.column);
    }
  });

  test('CSV: a non-numeric cell is a 400 naming row and column', async () => {
    const r = await post(app, 'x,y\n1,2\n3,oops\n', CSV_CT);
    expect(r.status).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'INVALID_VALUE', column: 'y', row: 1 });
  });

  test('lenient mode: env default, ?lenient=true, X-Lenient-Numbers', async () => {
    const missing = (await post(app, '{}', JSON_CT)).json();
    expect((await post(app, '{"x": "abc"}', JSON_CT, '?lenient=true')).json()).toEqual(missing);
    expect((await post(app, '{"x": "abc"}', { ...JSON_CT, 'x-lenient-numbers': 'true' })).json()).toEqual(missing);
    const lenient = testApp({ lenient: true });
    expect((await post(lenient, 'x\nabc\n', { ...CSV_CT, accept: 'application/json' })).json()).toEqual([missing]);
    expect((await post(lenient, '{"x": "abc"}', JSON_CT, '?lenient=false')).status).toBe(400);
    // lenient is about numbers only: a wrong JSON type is still an error
    expect((await post(lenient, '{"x": true}', JSON_CT)).status).toBe(400);
  });

  test('unknown columns are ignored and listed in X-Ignored-Columns', async () => {
    const r = await post(app, '{"x": 1, "zeta": 3, "alpha": "q"}', JSON_CT);
    expect(r.status).toBe(200);
    expect(r.headers.get('x-ignored-columns')).toBe('zeta, alpha');
    expect((await post(app, '{"x": 1}', JSON_CT)).headers.get('x-ignored-columns')).toBeNull();
  });

  test('ignored column names with unsafe characters are escaped in the header', async () => {
    const r = await post(app, '{"a\\nb": 1, "é,": 2, "x": 1}', JSON_CT);
    expect(r.status).toBe(200);
    expect(r.headers.get('x-ignored-columns')).toBe('a\\u000ab, \\u00e9\\u002c');
  });

  test('unseen levels score as missing, never an error', async () => {
    const missing = (await post(app, '{}', JSON_CT)).json();
    expect((await post(app, '{"color": "purple"}', JSON_CT)).json()).toEqual(missing);
    expect((await post(app, '{"color": ""}', JSON_CT)).json()).toEqual(missing);
  });

  const bad: [string, string, Record<string, string>][] = [
    ['empty body', '', JSON_CT],
    ['whitespace body', '  \n ', CSV_CT],
    ['malformed JSON', '{"x": ', JSON_CT],
    ['a JSON scalar', '42', JSON_CT],
    ['a non-object row', '[{"x": 1}, 3]', JSON_CT],
    ['malformed JSON Lines', '{"x": 1}\n{"x"\n', { 'content-type': 'application/jsonlines' }],
    ['malformed CSV', 'x,y\n"1,2\n', CSV_CT],
    ['bad H2O fields', '{"fields": [1], "rows": []}', JSON_CT],
    ['bad H2O row', '{"fields": ["x"], "rows": [5]}', JSON_CT],
  ];
  for (const [name, body, h] of bad) {
    test(`${name} is a 400 BAD_REQUEST`, async () => {
      const r = await post(app, body, h);
      expect(r.status).toBe(400);
      expect(r.json().error.code).toBe('BAD_REQUEST');
    });
  }

  test('415 for an unsupported Content-Type', async () => {
    const r = await post(app, '<x/>', { 'content-type': 'application/xml' });
    expect(r.status).toBe(415);
    expect(r.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  test('413 beyond MAX_PAYLOAD_MB (declared and actual length)', async () => {
    const small = testApp({ maxPayloadBytes: 100 });
    const body = JSON.stringify(Array.from({ length: 30 }, (_, i) => ({ x: i })));
    const r = await post(small, body, JSON_CT);
    expect(r.status).toBe(413);
    expect(r.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const declared = await post(small, '{}', { ...JSON_CT, 'content-length': '1000' });
    expect(declared.status).toBe(413);
    expect((await post(small, '{"x": 1}', JSON_CT)).status).toBe(200);
  });
});

describe('reference record writer (fast path switched off)', () => {
  test('same bodies as the fast writer', async () => {
    const ref = testApp({ fastRecords: false });
    for (const [body, h] of [
      ['[{"x": 1}, {"x": 666}, {"color": "blue", "y": 1e300}]', JSON_CT],
      ['x,color\n1,red\n666,\n', CSV_CT],
    ] as const) {
      expect((await post(ref, body, h)).text).toBe((await post(app, body, h)).text);
    }
  });
});

describe('content negotiation honours q-values', () => {
  test('Accept: application/json;q=0 is a 406 JSON error, not a JSON answer', async () => {
    const r = await post(testApp(), '{"x": 1}', { ...JSON_CT, accept: 'application/json;q=0' });
    expect(r.status).toBe(406);
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.json().error.code).toBe('NOT_ACCEPTABLE');
  });
});
