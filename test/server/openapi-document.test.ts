/**
 * The OpenAPI document: categorical levels as enums, plain nullable numbers, explanation options
 * and output schemas, a CSV response example, a shared row schema that keeps wide models small,
 * no filesystem path (/swagger/ and the favicon: routes.test.ts).
 */
import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { decodeModel } from '../../src/algos/index.ts';
import { CONTENT_TYPE } from '../../src/server/codecs/media.ts';
import { FIXTURES_DIR, HAVE_FIXTURES, NO_FIXTURES_MESSAGE } from '../support/fixtures.ts';
import { send, testApp } from '../support/test-app.ts';

async function spec(app: ReturnType<typeof testApp>) {
  const res = await send(app, 'GET', '/swagger/json');
  expect(res.status).toBe(200);
  return { text: res.text, doc: res.json() };
}

describe('OpenAPI document (hand-made binomial model)', () => {
  const app = testApp();
  test('the row schema is one shared component referenced by /invocations', async () => {
    const { doc } = await spec(app);
    const row = doc.components.schemas.Row;
    expect(row.properties.color.anyOf[0]).toEqual({ type: 'string', enum: ['red', 'green', 'blue'] });
    expect(row.properties.x.anyOf).toEqual([{ type: 'number' }, { type: 'null' }]);
    const body = doc.paths['/invocations'].post.requestBody.content['application/json'].schema;
    expect(body.oneOf[0]).toEqual({ $ref: '#/components/schemas/Row' });
    expect(body.oneOf[1].items).toEqual({ $ref: '#/components/schemas/Row' });
  });
  test('options are documented as query parameters and headers; the CSV response has an example', async () => {
    const { doc } = await spec(app);
    const op = doc.paths['/invocations'].post;
    const params = op.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`);
    for (const p of ['query:style', 'query:lenient', 'query:contributions', 'query:leaf', 'header:x-contributions', 'header:x-leaf']) {
      expect(params).toContain(p);
    }
    expect(params).toContain('header:x-amzn-sagemaker-custom-attributes');
    expect(op.responses['200'].content[CONTENT_TYPE.csv].example).toBe('predict,no,yes,error\nyes,0.5,0.5,\n');
    const pp = doc.paths['/predict_parameters'].get.parameters.find((p: { name: string }) => p.name === 'color');
    expect(pp.schema).toEqual({ type: 'string', enum: ['red', 'green', 'blue'] });
  });
});

describe('OpenAPI document of fixture models', () => {
  if (!HAVE_FIXTURES) {
    test.skip(NO_FIXTURES_MESSAGE, () => {});
    return;
  }
  if (!HAVE_FIXTURES) console.warn(NO_FIXTURES_MESSAGE);
  test('GBM: contributions and leaf outputs are documented beside the record', async () => {
    const path = join(FIXTURES_DIR, 'jmh_gbm_prostate', 'model.zip');
    const { text, doc } = await spec(testApp({}, decodeModel(path)));
    const answer = doc.paths['/invocations'].post.responses['200'].content['application/json'].schema.oneOf[0];
    const titles = answer.oneOf[1].oneOf.map((s: { title: string }) => s.title).join(' ');
    expect(titles).toContain('Contributions');
    expect(titles).toContain('Leaf');
    expect(Object.keys(answer.oneOf[1].oneOf[0].properties)).toContain('BiasTerm');
    expect(text).not.toContain(FIXTURES_DIR);
  });
  test('a 784-column model: no per-column descriptions or examples, and a small document', async () => {
    const path = join(FIXTURES_DIR, 'jmh_glm_mnist', 'model.zip');
    const { text, doc } = await spec(testApp({}, decodeModel(path)));
    const row = doc.components.schemas.Row;
    expect(Object.keys(row.properties).length).toBeGreaterThan(600);
    expect(Object.values(row.properties).some((p) => 'description' in (p as object))).toBe(false);
    expect(doc.paths['/predict_parameters'].get.parameters.some((p: object) => 'example' in p)).toBe(false);
    expect(text.length).toBeLessThan(150_000);
    expect(text).not.toContain(FIXTURES_DIR);
  });
});
