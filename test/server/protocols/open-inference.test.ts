/**
 * The Open Inference Protocol (KServe v2, Triton, Seldon MLServer) over REST, single-model
 * mode, with the requests those platforms' clients send: KServe's sklearn v2 example (one FP32
 * tensor of rows), tritonclient's JSON request (outputs with binary_data false), MLServer's
 * pandas codec (one [n, 1] tensor per column, `content_type` parameters). Expected values come
 * from /invocations on the same rows (or the GLM's formula), never written by hand.
 */
import { describe, expect, test } from 'bun:test';
import { decodeModel, decodeModelBytes } from '../../../src/algos/index.ts';
import { DEMO_MODEL_PATH } from '../../../src/demo/index.ts';
import { writeGlmMojo } from '../../support/mojo-writer/index.ts';
import { JSON_CT, post, send, testApp, type TestApp } from '../../support/test-app.ts';

const demoModel = decodeModel(DEMO_MODEL_PATH);
const demo = testApp({}, demoModel);
const DEMO = demoModel.header.uuid;

/** Four numeric inputs (the iris layout of KServe's examples): predict = 1a + 2b + 3c + 4d + 0.5. */
const iris = decodeModelBytes(
  writeGlmMojo({
    cats: [],
    nums: [{ name: 'sepal_length' }, { name: 'sepal_width' }, { name: 'petal_length' }, { name: 'petal_width' }],
    response: { name: 'y' },
    family: 'gaussian',
    link: 'identity',
    beta: [1, 2, 3, 4, 0.5],
    uuid: '77',
  }),
  'iris.zip',
);
const irisApp = testApp({}, iris);
const glm = (r: number[]) => r[0] + 2 * r[1] + 3 * r[2] + 4 * r[3] + 0.5;

const infer = (app: TestApp, name: string, body: unknown) =>
  send(app, 'POST', `/v2/models/${name}/infer`, typeof body === 'string' ? body : JSON.stringify(body), JSON_CT);

/** The /invocations records of `rows` (objects), as columns: the reference for the tensors. */
async function reference(rows: Record<string, unknown>[]) {
  const records = (await post(demo, JSON.stringify(rows), JSON_CT)).json() as Record<string, unknown>[];
  return { predict: records.map((r) => r.predict), no: records.map((r) => r.no), yes: records.map((r) => r.yes) };
}

const ROWS = [
  { tenure_months: 3, monthly_charges: 89.5, support_calls: 4, plan: 'basic', region: 'east' },
  { tenure_months: 48, monthly_charges: 35, support_calls: 0, plan: 'premium', region: 'north' },
];

describe('health and metadata', () => {
  test('server metadata, liveness and readiness', async () => {
    const meta = await send(demo, 'GET', '/v2');
    expect(meta.status).toBe(200);
    expect(meta.json()).toEqual({ name: 'mojo-scorer', version: expect.any(String), extensions: [] });
    expect((await send(demo, 'GET', '/v2/health/live')).status).toBe(200);
    expect((await send(demo, 'GET', '/v2/health/ready')).status).toBe(200);
  });

  test('model metadata: inputs FP64 / BYTES for categoricals, outputs BYTES label and FP64 probabilities', async () => {
    const r = await send(demo, 'GET', `/v2/models/${DEMO}`);
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({
      name: DEMO,
      versions: [],
      platform: 'h2o_mojo',
      inputs: demoModel.inputs.map((c) => ({ name: c.name, datatype: c.domain === null ? 'FP64' : 'BYTES', shape: [-1] })),
      outputs: [
        { name: 'predict', datatype: 'BYTES', shape: [-1] },
        { name: 'no', datatype: 'FP64', shape: [-1] },
        { name: 'yes', datatype: 'FP64', shape: [-1] },
      ],
    });
    expect((await send(demo, 'GET', `/v2/models/${DEMO}/ready`)).json()).toEqual({ name: DEMO, ready: true });
  });

  test('the model answers to MODEL_ID when it is set', async () => {
    const before = process.env.MODEL_ID;
    process.env.MODEL_ID = 'churn';
    try {
      const app = testApp({}, demoModel);
      expect((await send(app, 'GET', '/v2/models/churn/ready')).status).toBe(200);
      expect((await send(app, 'GET', `/v2/models/${DEMO}/ready`)).status).toBe(404);
    } finally {
      if (before === undefined) delete process.env.MODEL_ID;
      else process.env.MODEL_ID = before;
    }
  });

  test('another name is a 404 in the protocol error shape', async () => {
    for (const path of ['/v2/models/other', '/v2/models/other/ready']) {
      const r = await send(demo, 'GET', path);
      expect(r.status).toBe(404);
      expect(r.json()).toEqual({ error: expect.stringContaining("model 'other' is not served here") });
    }
    const r = await infer(demo, 'other', { inputs: [{ name: 'plan', shape: [1], datatype: 'BYTES', data: ['basic'] }] });
    expect(r.status).toBe(404);
    expect(Object.keys(r.json())).toEqual(['error']);
  });
});

describe('POST /v2/models/{name}/infer', () => {
  test("KServe's sklearn v2 example: one FP32 tensor of rows, nested data", async () => {
    const data = [
      [6.8, 2.8, 4.8, 1.4],
      [6.0, 3.4, 4.5, 1.6],
    ];
    const r = await infer(irisApp, '77', { inputs: [{ name: 'input-0', shape: [2, 4], datatype: 'FP32', data }] });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.json()).toEqual({ model_name: '77', outputs: [{ name: 'predict', datatype: 'FP64', shape: [2], data: data.map(glm) }] });
  });

  test("tritonclient's JSON request: flat row-major data, outputs with binary_data false, the id echoed", async () => {
    const data = [5.1, 3.5, 1.4, 0.2, 6.2, 2.9, 4.3, 1.3];
    const r = await infer(irisApp, '77', {
      id: 'req-7',
      inputs: [{ name: 'INPUT0', shape: [2, 4], datatype: 'FP64', data }],
      outputs: [{ name: 'predict', parameters: { binary_data: false } }],
    });
    expect(r.json()).toEqual({
      model_name: '77',
      id: 'req-7',
      outputs: [{ name: 'predict', datatype: 'FP64', shape: [2], data: [glm(data.slice(0, 4)), glm(data.slice(4))] }],
    });
  });

  test("MLServer's pandas codec: one [n, 1] tensor per column, BYTES for categoricals, INT32 and FP32 numbers", async () => {
    const r = await infer(demo, DEMO, {
      parameters: { content_type: 'pd' },
      inputs: [
        { name: 'tenure_months', datatype: 'INT32', shape: [2, 1], data: [3, 48] },
        { name: 'monthly_charges', datatype: 'FP32', shape: [2, 1], data: [89.5, 35] },
        { name: 'support_calls', datatype: 'INT64', shape: [2, 1], data: [4, 0] },
        { name: 'plan', datatype: 'BYTES', shape: [2, 1], parameters: { content_type: 'str' }, data: ['basic', 'premium'] },
        { name: 'region', datatype: 'BYTES', shape: [2, 1], parameters: { content_type: 'str' }, data: ['east', 'north'] },
      ],
    });
    expect(r.status).toBe(200);
    const ref = await reference(ROWS);
    expect(r.json()).toEqual({
      model_name: DEMO,
      outputs: [
        { name: 'predict', datatype: 'BYTES', shape: [2], data: ref.predict },
        { name: 'no', datatype: 'FP64', shape: [2], data: ref.no },
        { name: 'yes', datatype: 'FP64', shape: [2], data: ref.yes },
      ],
    });
  });

  test('one BYTES tensor of rows, positional in model input order, equals the column tensors', async () => {
    const data = ROWS.map((row) => demoModel.inputs.map((c) => String(row[c.name as keyof typeof row])));
    const r = await infer(demo, DEMO, { inputs: [{ name: 'rows', shape: [2, 5], datatype: 'BYTES', data }] });
    const ref = await reference(ROWS);
    expect(r.json().outputs.map((o: { data: unknown }) => o.data)).toEqual([ref.predict, ref.no, ref.yes]);
  });

  test('outputs: only the named ones, in the order asked', async () => {
    const r = await infer(demo, DEMO, {
      inputs: [{ name: 'plan', shape: [2], datatype: 'BYTES', data: ['basic', 'premium'] }],
      outputs: [{ name: 'yes' }, { name: 'predict' }],
    });
    const ref = await reference([{ plan: 'basic' }, { plan: 'premium' }]);
    expect(r.json().outputs).toEqual([
      { name: 'yes', datatype: 'FP64', shape: [2], data: ref.yes },
      { name: 'predict', datatype: 'BYTES', shape: [2], data: ref.predict },
    ]);
  });

  test('BOOL for a numeric column is 1/0; null is missing; unknown tensors beside known ones are ignored', async () => {
    const r = await infer(demo, DEMO, {
      inputs: [
        { name: 'support_calls', shape: [2], datatype: 'BOOL', data: [true, false] },
        { name: 'plan', shape: [2], datatype: 'BYTES', data: [null, 'basic'] },
        { name: 'customer_id', shape: [2], datatype: 'INT64', data: [17, 18] },
      ],
    });
    expect(r.status).toBe(200);
    const ref = await reference([{ support_calls: 1 }, { support_calls: 0, plan: 'basic' }]);
    expect(r.json().outputs[2].data).toEqual(ref.yes);
  });

  test('zero rows answer empty tensors', async () => {
    const r = await infer(demo, DEMO, { inputs: [{ name: 'plan', shape: [0], datatype: 'BYTES', data: [] }] });
    expect(r.status).toBe(200);
    expect(r.json().outputs[0]).toEqual({ name: 'predict', datatype: 'BYTES', shape: [0], data: [] });
  });
});

describe('infer errors: 400 with {"error": "…"}', () => {
  const cases: [string, unknown, RegExp][] = [
    ['malformed JSON', '{"inputs": [', /malformed JSON/],
    ['no inputs', { inputs: [] }, /"inputs" must be a non-empty list/],
    [
      'a tensor named after no column',
      { inputs: [{ name: 'input-0', shape: [1], datatype: 'FP32', data: [1] }] },
      /none of the column names \(input-0\)/,
    ],
    [
      'data that does not fill the shape',
      { inputs: [{ name: 'plan', shape: [2], datatype: 'BYTES', data: ['basic'] }] },
      /1 values, but shape \[2\] holds 2/,
    ],
    ['text in an FP64 tensor', { inputs: [{ name: 'tenure_months', shape: [1], datatype: 'FP64', data: ['3'] }] }, /is not FP64 data/],
    [
      'a fraction in an INT64 tensor',
      { inputs: [{ name: 'tenure_months', shape: [1], datatype: 'INT64', data: [1.5] }] },
      /is not INT64 data/,
    ],
    ['an unknown datatype', { inputs: [{ name: 'plan', shape: [1], datatype: 'STRING', data: ['basic'] }] }, /datatype 'STRING'/],
    [
      'binary tensor data (tritonclient binary_data=True)',
      { inputs: [{ name: 'plan', shape: [1], datatype: 'BYTES', parameters: { binary_data_size: 9 } }] },
      /binary tensor data is not supported/,
    ],
    [
      'column tensors of different lengths',
      {
        inputs: [
          { name: 'plan', shape: [2], datatype: 'BYTES', data: ['basic', 'basic'] },
          { name: 'tenure_months', shape: [1], datatype: 'FP64', data: [1] },
        ],
      },
      /has 1 rows, input 'plan' has 2/,
    ],
    [
      'a tensor of rows beside another input',
      {
        inputs: [
          { name: 'rows', shape: [1, 5], datatype: 'BYTES', data: ['1', '2', '3', 'basic', 'east'] },
          { name: 'plan', shape: [1], datatype: 'BYTES', data: ['basic'] },
        ],
      },
      /a tensor of rows must be the only input/,
    ],
    [
      'rows with too few cells',
      { inputs: [{ name: 'rows', shape: [1, 2], datatype: 'FP64', data: [1, 2] }] },
      /2 cells, but the model has 5/,
    ],
    [
      'an unknown output',
      { inputs: [{ name: 'plan', shape: [1], datatype: 'BYTES', data: ['basic'] }], outputs: [{ name: 'p1' }] },
      /unknown output 'p1'/,
    ],
    [
      'data nested deeper than a rank-1 shape',
      { inputs: [{ name: 'plan', shape: [1], datatype: 'BYTES', data: [['basic']] }] },
      /nested deeper/,
    ],
  ];
  for (const [what, body, message] of cases) {
    test(what, async () => {
      const r = await infer(demo, DEMO, body);
      expect(r.status).toBe(400);
      expect(Object.keys(r.json())).toEqual(['error']);
      expect(r.json().error).toMatch(message);
    });
  }

  test('a row the model cannot score fails the request (422): the protocol has no per-row errors', async () => {
    const app = testApp();
    const r = await infer(app, '1', { inputs: [{ name: 'x', shape: [2], datatype: 'FP64', data: [1, 666] }] });
    expect(r.status).toBe(422);
    expect(r.json()).toEqual({ error: 'Predicted class probability NaN!' });
  });

  test('infer requests are counted in the metrics as v2/infer', async () => {
    const app = testApp({ metrics: true });
    await infer(app, '1', { inputs: [{ name: 'x', shape: [1], datatype: 'FP64', data: [1] }] });
    const text = (await send(app, 'GET', '/metrics')).text;
    expect(text).toMatch(/route="v2\/infer"/);
  });
});
