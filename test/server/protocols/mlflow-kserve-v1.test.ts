/**
 * MLflow's scoring-server bodies on /invocations and KServe v1's predict route, with the requests
 * from those platforms' documentation (MLflow's dataframe_split / dataframe_records / instances /
 * inputs examples over columns a, b, c; KServe's sklearn iris `instances`), and the rule that a
 * row whose keys match none of the model's columns is a 400, never a prediction from all-missing
 * inputs. Expected values follow from the GLM's formula.
 */
import { describe, expect, test } from 'bun:test';
import { decodeModelBytes } from '../../../src/algos/index.ts';
import { h2oModelId } from '../../../src/server/h2o/index.ts';
import { writeGlmMojo } from '../../support/mojo-writer/index.ts';
import { JSON_CT, post, send, testApp } from '../../support/test-app.ts';

/** MLflow's example columns: y = 10·[a = s2] + 20·[a = s3] + 2b + 3c + 0.5. */
const abc = decodeModelBytes(
  writeGlmMojo({
    cats: [{ name: 'a', domain: ['s1', 's2', 's3'] }],
    nums: [{ name: 'b' }, { name: 'c' }],
    response: { name: 'y' },
    family: 'gaussian',
    link: 'identity',
    beta: [10, 20, 2, 3, 0.5],
    uuid: '5',
  }),
  'abc.zip',
);
const app = testApp({}, abc);
const y = (a: string, b: number, c: number) => (a === 's2' ? 10 : a === 's3' ? 20 : 0) + 2 * b + 3 * c + 0.5;
const predictions = (...ys: number[]) => ({ predictions: ys.map((v) => ({ predict: v })) });
const json = (body: unknown, headers: Record<string, string> = JSON_CT) => post(app, JSON.stringify(body), headers);

describe('MLflow scoring-server bodies on /invocations', () => {
  test('dataframe_split, as MLflow documents it and as its client sends it (with index and params)', async () => {
    const split = {
      columns: ['a', 'b', 'c'],
      data: [
        ['s1', 2, 3],
        ['s2', 5, 6],
      ],
    };
    const r = await json({ dataframe_split: split });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual(predictions(y('s1', 2, 3), y('s2', 5, 6)));
    expect((await json({ dataframe_split: { index: [0, 1], ...split }, params: { k: 1 } })).json()).toEqual(r.json());
  });

  test('dataframe_split without columns is positional in model input order', async () => {
    expect((await json({ dataframe_split: { data: [['s3', 1, 1]] } })).json()).toEqual(predictions(y('s3', 1, 1)));
  });

  test('dataframe_records', async () => {
    const r = await json({
      dataframe_records: [
        { a: 's1', b: 2, c: 3 },
        { a: 's2', b: 5, c: 6 },
      ],
    });
    expect(r.json()).toEqual(predictions(y('s1', 2, 3), y('s2', 5, 6)));
  });

  test("instances (TF serving's row format): objects, or arrays in model input order", async () => {
    const objects = await json({
      instances: [
        { a: 's1', b: 1, c: 1 },
        { a: 's2', b: 2, c: 2 },
        { a: 's3', b: 3, c: 3 },
      ],
    });
    expect(objects.json()).toEqual(predictions(y('s1', 1, 1), y('s2', 2, 2), y('s3', 3, 3)));
    expect((await json({ instances: [['s2', 2, 2]] })).json()).toEqual(predictions(y('s2', 2, 2)));
  });

  test("inputs (TF serving's columnar format), rows, or one value per column", async () => {
    const columnar = await json({ inputs: { a: ['s1', 's2', 's3'], b: [1, 2, 3], c: [1, 2, 3] } });
    expect(columnar.json()).toEqual(predictions(y('s1', 1, 1), y('s2', 2, 2), y('s3', 3, 3)));
    expect(
      (
        await json({
          inputs: [
            ['s1', 1, 2],
            ['s3', 4, 5],
          ],
        })
      ).json(),
    ).toEqual(predictions(y('s1', 1, 2), y('s3', 4, 5)));
    expect((await json({ inputs: { a: 's2', b: 1, c: 0 } })).json()).toEqual(predictions(y('s2', 1, 0)));
  });

  test('asked for CSV, an MLflow body is answered in CSV like any other', async () => {
    const r = await json({ dataframe_records: [{ a: 's1', b: 1, c: 0 }] }, { ...JSON_CT, accept: 'text/csv' });
    expect(r.text).toBe(`predict,error\n${y('s1', 1, 0)},\n`);
  });

  test('a model column named like an MLflow key is read as a column', async () => {
    const m = decodeModelBytes(
      writeGlmMojo({ cats: [], nums: [{ name: 'inputs' }], response: { name: 'y' }, family: 'gaussian', link: 'identity', beta: [2, 1] }),
      'inputs.zip',
    );
    expect((await post(testApp({}, m), '{"inputs": 3}', JSON_CT)).json()).toEqual({ predict: 7 });
  });

  const bad: [string, unknown, RegExp][] = [
    ['two input keys', { instances: [], inputs: [] }, /exactly one of/],
    ['instances that are not a list', { instances: 3 }, /instances must be a list of rows/],
    ['dataframe_split without data', { dataframe_split: { columns: ['a'] } }, /dataframe_split must be/],
    [
      'columns none of which the model reads',
      { dataframe_split: { columns: ['p', 'q'], data: [[1, 2]] } },
      /none of the column names \(p, q\)/,
    ],
    ['a ragged dataframe_split row', { dataframe_split: { columns: ['a', 'b'], data: [['s1']] } }, /columns has 2 names/],
    ['columnar inputs of different lengths', { inputs: { a: ['s1'], b: [1, 2] } }, /column 'b' has 2 values, 'a' has 1/],
    ['records of unknown keys only', { dataframe_records: [{ a: 's1' }, { q: 1 }] }, /row 1: none of its keys \(q\)/],
  ];
  for (const [what, body, message] of bad) {
    test(`400: ${what}`, async () => {
      const r = await json(body);
      expect(r.status).toBe(400);
      expect(r.json().error.code).toBe('BAD_REQUEST');
      expect(r.json().error.message).toMatch(message);
    });
  }
});

describe('a row whose keys match none of the model columns', () => {
  test('is a 400 naming its keys (cut to what a message may quote), not a prediction from missing inputs', async () => {
    const r = await json({ columns: ['a'], data: [['s1']] });
    expect(r.status).toBe(400);
    expect(r.json().error).toEqual({
      code: 'BAD_REQUEST',
      message: 'row 0: none of its keys (columns, data) is a column of the model; expected some of: a, b, c',
      row: 0,
      keys: 'columns, data',
    });
    const long = await json({ ['k'.repeat(300)]: 1 });
    expect(long.status).toBe(400);
    expect(long.json().error.keys).toBe(`${'k'.repeat(100)}…`);
  });

  test('in a batch, names the row; in JSON Lines too', async () => {
    const arr = await json([{ a: 's1' }, { z: 1 }]);
    expect(arr.status).toBe(400);
    expect(arr.json().error.message).toMatch(/^row 1: none of its keys \(z\)/);
    const lines = await post(app, '{"b": 1}\n{"zz": 2}\n', { 'content-type': 'application/jsonlines' });
    expect(lines.status).toBe(400);
    expect(lines.json().error.message).toMatch(/^row 1: none of its keys \(zz\)/);
  });

  test('unknown keys beside known ones stay lenient; {} stays a row of missing values', async () => {
    const r = await json({ a: 's1', b: 1, c: 1, nope: 2 });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-ignored-columns')).toBe('nope');
    // The toy binomial scores missing inputs (this GLM answers a row of missing values with a 422).
    const fake = testApp();
    const empty = await post(fake, '{}', JSON_CT);
    expect(empty.status).toBe(200);
    expect(empty.json()).toEqual((await post(fake, '{"x": null}', JSON_CT)).json());
  });

  test("H2O's fields none of which the model reads: a 400 on /invocations and on /model/score", async () => {
    const body = JSON.stringify({ fields: ['p'], rows: [['1']] });
    const inv = await post(app, body, JSON_CT);
    expect(inv.status).toBe(400);
    expect(inv.json().error.message).toMatch(/none of the column names \(p\)/);
    const h2o = await send(app, 'POST', '/model/score', body, JSON_CT);
    expect(h2o.status).toBe(400);
    expect(h2o.json().detail).toMatch(/none of the column names \(p\)/);
  });
});

describe('KServe v1', () => {
  const name = h2oModelId(process.env)({ session: { model: abc } } as never);

  test('readiness: GET /v1/models/{name}', async () => {
    const r = await send(app, 'GET', `/v1/models/${name}`);
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ name, ready: true });
    const other = await send(app, 'GET', '/v1/models/other');
    expect(other.status).toBe(404);
    expect(other.json()).toEqual({ error: expect.stringContaining("model 'other' is not served here") });
  });

  test("KServe's documented predict request: instances as positional arrays", async () => {
    const r = await send(
      app,
      'POST',
      `/v1/models/${name}:predict`,
      JSON.stringify({
        instances: [
          ['s1', 6.8, 2.8],
          ['s3', 6.0, 3.4],
        ],
      }),
      JSON_CT,
    );
    expect(r.status).toBe(200);
    expect(r.json()).toEqual(predictions(y('s1', 6.8, 2.8), y('s3', 6.0, 3.4)));
  });

  test('instances as objects, rows the model cannot score in their place, style by header', async () => {
    const r = await send(app, 'POST', `/v1/models/${name}:predict`, JSON.stringify({ instances: [{ a: 's2', b: 1, c: 1 }] }), JSON_CT);
    expect(r.json()).toEqual(predictions(y('s2', 1, 1)));
    const fake = testApp();
    const rows = await send(fake, 'POST', '/v1/models/1:predict', JSON.stringify({ instances: [{ x: 666 }, { x: 0 }] }), JSON_CT);
    expect(rows.status).toBe(200);
    expect(rows.json().predictions[0]).toEqual({ error: 'Predicted class probability NaN!' });
    expect(rows.json().predictions[1].predict).toBe('yes');
  });

  const bad: [string, string, string, number, RegExp][] = [
    ['not JSON', ':predict', '{', 400, /malformed JSON/],
    ['no instances', ':predict', '{"rows": []}', 400, /\{"instances": \[...\]\}/],
    ['instances of unknown keys only', ':predict', '{"instances": [{"q": 1}]}', 400, /none of its keys \(q\)/],
    ['a verb other than predict', ':explain', '{"instances": []}', 404, /only \{name\}:predict is served/],
  ];
  for (const [what, verb, body, status, message] of bad) {
    test(`${status}: ${what}`, async () => {
      const r = await send(app, 'POST', `/v1/models/${name}${verb}`, body, JSON_CT);
      expect(r.status).toBe(status);
      expect(Object.keys(r.json())).toEqual(['error']);
      expect(r.json().error).toMatch(message);
    });
  }

  test('another model name is a 404', async () => {
    const r = await send(app, 'POST', '/v1/models/other:predict', '{"instances": []}', JSON_CT);
    expect(r.status).toBe(404);
    expect(r.json().error).toMatch(/'other' is not served here/);
  });
});
