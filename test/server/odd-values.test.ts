/**
 * Values and names a client controls: numbers beyond a double (1e400 is Infinity, as Java's
 * Double.parseDouble reads it, in every form) and keys that are Object.prototype names
 * (`__proto__`, `constructor`), which are plain unknown columns, never a row's prototype.
 */
import { describe, expect, test } from 'bun:test';
import { CSV_CT, JSON_CT, post, send, testApp } from '../support/test-app.ts';

const app = testApp();
/** p(yes) = logistic(x + level(color) - y) in the fake model; missing inputs count as 0. */
const p = (z: number) => 1 / (1 + Math.exp(-z));

describe('numbers beyond a double', () => {
  test('JSON 1e400 scores as +Infinity, like the text "1e400" and "Infinity"', async () => {
    const text = (await post(app, '{"y": "1e400"}', JSON_CT)).json();
    expect(text.yes).toBe(p(-Infinity));
    for (const body of ['{"y": 1e400}', '{"y": "Infinity"}', '[{"y": 1e400}]', '{"fields": ["y"], "rows": [[1e400]]}']) {
      const r = await post(app, body, JSON_CT);
      expect(`${body} ${r.status}`).toBe(`${body} 200`);
      const rec = Array.isArray(r.json()) ? r.json()[0] : r.json();
      expect(rec).toEqual(text);
    }
    expect((await post(app, '{"y": -1e400}', JSON_CT)).json().yes).toBe(p(Infinity));
    expect((await post(app, 'y\n1e400\n', CSV_CT)).status).toBe(200);
  });

  test("H2O's REST API reads 1e400 as Double.parseDouble does", async () => {
    const r = await send(app, 'POST', '/model/score', '{"fields": ["x", "y"], "rows": [[1, 1e400], [1, "1e400"]]}', JSON_CT);
    expect(r.status).toBe(200);
    expect(r.json().score[0]).toEqual(r.json().score[1]);
  });

  test('a value of the wrong JSON type says what it got', async () => {
    const cases: [string, string][] = [
      ['{"x": {}}', "row 0, column 'x': expected a number, got an object"],
      ['{"x": [1]}', "row 0, column 'x': expected a number, got an array"],
      ['{"x": true}', "row 0, column 'x': expected a number, got a boolean"],
    ];
    for (const [body, message] of cases) expect((await post(app, body, JSON_CT)).json().error.message).toBe(message);
    const h2o = await send(app, 'POST', '/model/score', '{"fields": ["x"], "rows": [[{"x": 1}]]}', JSON_CT);
    expect(h2o.status).toBe(400);
    expect(h2o.json().detail).toContain('/rows/0/0: a cell must be a string, number, boolean or null, got an object');
  });
});

describe('__proto__, constructor and other Object.prototype names are plain unknown columns', () => {
  const alone = async () => (await post(app, '{"x": 1}', JSON_CT)).json();

  test('{fields, rows} naming __proto__ does not score the inner object', async () => {
    const r = await post(app, '{"fields": ["x", "__proto__"], "rows": [[1, {"x": 5, "color": "blue"}]]}', JSON_CT);
    expect(r.status).toBe(200);
    expect(r.json()[0]).toEqual(await alone());
    expect(r.headers.get('x-ignored-columns')).toBe('__proto__');
  });

  test('a JSON object with a __proto__ key (an own property after JSON.parse)', async () => {
    const r = await post(app, '{"x": 1, "__proto__": {"y": 7}, "constructor": 3, "toString": "a"}', JSON_CT);
    expect(r.status).toBe(200);
    expect(r.json()).toEqual(await alone());
    expect(r.headers.get('x-ignored-columns')).toBe('__proto__, constructor, toString');
  });

  test('CSV headers, JSON Lines and query strings', async () => {
    const csv = await post(app, 'x,y,__proto__,constructor\n1,,2,3\n', { ...CSV_CT, accept: 'application/json' });
    expect(csv.json()[0]).toEqual(await alone());
    const jl = await post(app, '{"x": 1, "__proto__": {"x": 9}}\n', { 'content-type': 'application/jsonlines' });
    expect(JSON.parse(jl.text)).toEqual(await alone());
    const q = await send(app, 'GET', '/predict_parameters?x=1&__proto__=5&constructor=2&hasOwnProperty=1');
    expect(q.json()).toEqual(await alone());
  });
});
