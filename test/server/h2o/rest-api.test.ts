/**
 * H2O's REST scorer API (Scoring API v1) over the single model: the shapes a client of H2O's
 * local REST scorer reads, written out by hand from its OpenAPI spec and documented examples.
 */
import { describe, expect, test } from 'bun:test';
import { decodeModel, decodeModelBytes } from '../../../src/algos/index.ts';
import { DEMO_MODEL_PATH } from '../../../src/demo/index.ts';
import { javaDoubleToString } from '../../../src/scoring/java-double.ts';
import { h2oModelId } from '../../../src/server/h2o/index.ts';
import { Invoker } from '../../../src/server/invoke.ts';
import { Session } from '../../../src/scoring/index.ts';
import { defaultOptions } from '../../../src/server/options.ts';
import { silentLogger } from '../../../src/server/log.ts';
import { writeGlmMojo } from '../../support/mojo-writer/index.ts';
import { JSON_CT, send, testApp, type TestApp } from '../../support/test-app.ts';

const app = testApp();
const p = (z: number) => 1 / (1 + Math.exp(-z));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const score = (a: TestApp, body: unknown) => send(a, 'POST', '/model/score', JSON.stringify(body), JSON_CT);
const detail = (status: number, reason: string, message: string) => ({ detail: `${status} ${reason} "${message}"` });

describe('POST /model/score', () => {
  test('one probability per class named <response>.<class>, cells as Java prints doubles', async () => {
    const r = await score(app, {
      fields: ['x', 'color', 'y'],
      rows: [
        ['1', 'blue', '0.5'],
        ['0', 'red', ''],
      ],
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
    const body = r.json();
    expect(Object.keys(body)).toEqual(['id', 'fields', 'score']);
    expect(body).toEqual({
      id: '1',
      fields: ['label.no', 'label.yes'],
      score: [
        [javaDoubleToString(1 - p(2.5)), javaDoubleToString(p(2.5))],
        ['0.5', '0.5'],
      ],
    });
  });

  test('includeFieldsInOutput copies input cells in input order, before the scores', async () => {
    const body = (
      await score(app, { fields: ['y', 'x', 'color'], rows: [['0', '1', 'green']], includeFieldsInOutput: ['color', 'y'] })
    ).json();
    expect(body.fields).toEqual(['y', 'color', 'label.no', 'label.yes']);
    expect(body.score).toEqual([['0', 'green', javaDoubleToString(1 - p(2)), javaDoubleToString(p(2))]]);
  });

  test('an idField missing from fields is generated (a UUID) right after the copied fields', async () => {
    const body = (await score(app, { fields: ['x'], rows: [['1'], ['2']], idField: 'rid', includeFieldsInOutput: ['x', 'rid'] })).json();
    expect(body.fields).toEqual(['x', 'rid', 'label.no', 'label.yes']);
    expect(body.score[0][1]).toMatch(UUID);
    expect(body.score[1][1]).toMatch(UUID);
    expect(body.score[0][1]).not.toBe(body.score[1][1]);
    // An idField that is one of the fields is copied like any other.
    const copied = (await score(app, { fields: ['rid', 'x'], rows: [['r7', '1']], idField: 'rid', includeFieldsInOutput: ['rid'] })).json();
    expect(copied.fields).toEqual(['rid', 'label.no', 'label.yes']);
    expect(copied.score[0][0]).toBe('r7');
    // Not included: not generated either.
    expect((await score(app, { fields: ['x'], rows: [['1']], idField: 'rid' })).json().score[0]).toHaveLength(2);
  });

  test('noFieldNamesInOutput leaves fields out', async () => {
    const body = (await score(app, { fields: ['x'], rows: [['1']], noFieldNamesInOutput: true })).json();
    expect(Object.keys(body)).toEqual(['id', 'score']);
  });

  test('numbers, booleans and null are accepted as cells (null is missing), unknown fields ignored', async () => {
    const body = (await score(app, { fields: ['x', 'y', 'other'], rows: [[1, null, true]] })).json();
    expect(body.score).toEqual([[javaDoubleToString(1 - p(1)), javaDoubleToString(p(1))]]);
  });

  test('request errors are 400 {"detail"} in Spring form, as H2O sends them', async () => {
    const cases: [unknown, string][] = [
      [{ fields: [], rows: [['1']] }, 'List of input fields cannot be empty'],
      [{ fields: ['x'] }, 'List of input data rows cannot be empty'],
      [{ fields: ['x', 'y'], rows: [['1']] }, 'Row 0 (zero-indexed) has 1 elements, expected 2 (one per field)'],
      [{ fields: ['x', 'x'], rows: [['1', '2']] }, 'Input fields must not contain duplicates'],
      [{ fields: ['x'], rows: [['1']], includeFieldsInOutput: ['nope'] }, "Included field 'nope' is not among the input fields"],
      [
        { fields: ['x'], rows: [['1']], requestPredictionIntervals: true },
        'requestPredictionIntervals set to true, but model does not support it',
      ],
      [{ fields: ['x'], rows: [['1']], requestShapleyValueType: 'ORIGINAL' }, 'Shapley values are not available for this model (fake)'],
    ];
    for (const [body, message] of cases) {
      const r = await score(app, body);
      expect(r.status).toBe(400);
      expect(r.json()).toEqual(detail(400, 'BAD_REQUEST', `Invalid scoring request due to: ${message}`));
    }
    const bad = await send(app, 'POST', '/model/score', '{"fields": ', JSON_CT);
    expect(bad.status).toBe(400);
    expect(bad.json().detail).toStartWith('400 BAD_REQUEST "Invalid scoring request due to: JSON parse error');
    const shape = await score(app, { fields: 'x', rows: [] });
    expect(shape.status).toBe(400);
    expect(shape.json().detail).toContain('/fields');
    const value = await score(app, { fields: ['x'], rows: [['abc']] });
    expect(value.status).toBe(400);
    expect(value.json().detail).toContain("'abc' is not a number");
  });

  test('a row the model cannot score fails the request with 500, as H2O scorer does', async () => {
    const r = await score(app, { fields: ['x'], rows: [['1'], ['666']] });
    expect(r.status).toBe(500);
    expect(r.json()).toEqual(detail(500, 'INTERNAL_SERVER_ERROR', 'Failed scoring request due to: Predicted class probability NaN!'));
  });

  test('a regression has one output named after the response', async () => {
    const glm = decodeModelBytes(
      writeGlmMojo({
        cats: [],
        nums: [{ name: 'x' }, { name: 'y' }],
        response: { name: 'price' },
        family: 'gaussian',
        link: 'identity',
        beta: [2, -1, 0.5],
      }),
    );
    const r = testApp({}, glm);
    const body = (
      await score(r, {
        fields: ['x', 'y'],
        rows: [
          ['1', '2'],
          ['0.25', '0.125'],
          ['1', ''],
        ],
      })
    ).json();
    expect(body.fields).toEqual(['price']);
    // Without mean imputation a missing input makes the GLM's prediction NaN (Java prints "NaN").
    expect(body.score).toEqual([['0.5'], ['0.875'], ['NaN']]);
  });
});

describe('model description routes', () => {
  test('/model/id is the model uuid as text (MODEL_ID overrides it)', async () => {
    const r = await send(app, 'GET', '/model/id');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toStartWith('text/plain');
    expect(r.text).toBe('1');
    const invoker = new Invoker(new Session(decodeModel(DEMO_MODEL_PATH)), defaultOptions(), silentLogger, undefined);
    expect(h2oModelId({ MODEL_ID: 'ops-id' })(invoker)).toBe('ops-id');
    expect(h2oModelId({})(invoker)).toBe(invoker.session.model.header.uuid);
  });

  test('/model/schema lists input and output fields with their data types', async () => {
    expect((await send(app, 'GET', '/model/schema')).json()).toEqual({
      id: '1',
      schema: {
        inputFields: [
          { name: 'x', dataType: 'Float64' },
          { name: 'color', dataType: 'Str' },
          { name: 'y', dataType: 'Float64' },
        ],
        outputFields: [
          { name: 'label.no', dataType: 'Float64' },
          { name: 'label.yes', dataType: 'Float64' },
        ],
      },
    });
  });

  test('/model/sample_request is a request that scores', async () => {
    const sample = (await send(app, 'GET', '/model/sample_request')).json();
    expect(sample).toEqual({ fields: ['x', 'color', 'y'], rows: [['0', 'red', '0']] });
    expect((await score(app, sample)).status).toBe(200);
  });

  test('/model/capabilities: SCORE, plus CONTRIBUTION_ORIGINAL when the model has Shapley values', async () => {
    expect((await send(app, 'GET', '/model/capabilities')).json()).toEqual(['SCORE']);
    expect((await send(testApp({}, decodeModel(DEMO_MODEL_PATH)), 'GET', '/model/capabilities')).json()).toEqual([
      'SCORE',
      'CONTRIBUTION_ORIGINAL',
    ]);
  });

  test('the OpenAPI document lists the H2O routes with their request schemas', async () => {
    const doc = (await send(app, 'GET', '/swagger/json')).json();
    for (const path of [
      '/model/id',
      '/model/schema',
      '/model/sample_request',
      '/model/capabilities',
      '/model/score',
      '/model/contribution',
      '/readyz',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const body = doc.paths['/model/score'].post.requestBody.content['application/json'].schema;
    expect(Object.keys(body.properties)).toContain('includeFieldsInOutput');
  });

  test('/readyz answers Ready', async () => {
    const r = await send(app, 'GET', '/readyz');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Ready');
  });
});

describe('Shapley contributions', () => {
  const demo = testApp({}, decodeModel(DEMO_MODEL_PATH));
  const row = {
    fields: ['tenure_months', 'monthly_charges', 'plan'],
    rows: [
      ['3', '80', 'basic'],
      ['40', '20', ''],
    ],
  };

  test('POST /model/contribution: features and one group of rows; they sum to the log-odds', async () => {
    const r = await send(demo, 'POST', '/model/contribution', JSON.stringify({ ...row, requestShapleyValueType: 'ORIGINAL' }), JSON_CT);
    expect(r.status).toBe(200);
    const body = r.json();
    expect(Object.keys(body)).toEqual(['features', 'contributionGroups']);
    expect(body.features.at(-1)).toBe('BiasTerm');
    expect(body.contributionGroups).toHaveLength(1);
    expect(Object.keys(body.contributionGroups[0])).toEqual(['contributions']);
    const scores = (await score(demo, row)).json().score;
    body.contributionGroups[0].contributions.forEach((cells: string[], i: number) => {
      expect(cells).toHaveLength(body.features.length);
      const sum = cells.reduce((s, c) => s + Number(c), 0);
      const p1 = Number(scores[i][1]);
      expect(sum).toBeCloseTo(Math.log(p1 / (1 - p1)), 4);
    });
  });

  test('requestShapleyValueType ORIGINAL on /model/score adds featureShapleyContributions', async () => {
    const body = (await score(demo, { ...row, requestShapleyValueType: 'ORIGINAL' })).json();
    expect(Object.keys(body)).toEqual(['id', 'fields', 'score', 'featureShapleyContributions']);
    expect(body.featureShapleyContributions.contributionGroups[0].contributions).toHaveLength(2);
    expect(Object.keys((await score(demo, { ...row, requestShapleyValueType: 'NONE' })).json())).toEqual(['id', 'fields', 'score']);
  });

  test('TRANSFORMED, NONE and a missing type are 400 on /model/contribution', async () => {
    const post = (body: unknown) => send(demo, 'POST', '/model/contribution', JSON.stringify(body), JSON_CT);
    const transformed = await post({ ...row, requestShapleyValueType: 'TRANSFORMED' });
    expect(transformed.status).toBe(400);
    expect(transformed.json()).toEqual(
      detail(
        400,
        'BAD_REQUEST',
        'Invalid shapley contribution request due to: Requested Shapley type TRANSFORMED not enabled for this scorer. Expected: ORIGINAL',
      ),
    );
    expect((await post({ ...row, requestShapleyValueType: 'NONE' })).json().detail).toContain('Only ORIGINAL or TRANSFORMED');
    expect((await post(row)).status).toBe(400);
    const none = await send(
      app,
      'POST',
      '/model/contribution',
      JSON.stringify({ fields: ['x'], rows: [['1']], requestShapleyValueType: 'ORIGINAL' }),
      JSON_CT,
    );
    expect(none.status).toBe(400);
  });
});
