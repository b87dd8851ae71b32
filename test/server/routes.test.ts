import { describe, expect, test } from 'bun:test';
import { send, testApp } from '../support/test-app.ts';

const app = testApp({ workers: 4 });
const p = (z: number) => 1 / (1 + Math.exp(-z));

describe('GET routes', () => {
  test('/ping is 200', async () => {
    const r = await send(app, 'GET', '/ping');
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ status: 'healthy' });
  });

  test('/execution-parameters as SageMaker batch transform reads it', async () => {
    expect((await send(app, 'GET', '/execution-parameters')).json()).toEqual({
      MaxConcurrentTransforms: 4,
      BatchStrategy: 'MULTI_RECORD',
      MaxPayloadInMB: 6,
    });
  });

  test('/predict_parameters scores the query row (numeric text is a number)', async () => {
    const r = await send(app, 'GET', '/predict_parameters?x=1&color=blue&y=0.5');
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ predict: 'yes', no: 1 - p(2.5), yes: p(2.5) });
  });

  test('/predict_parameters: style, lenient, unknown columns, errors', async () => {
    expect(Object.keys((await send(app, 'GET', '/predict_parameters?x=1&style=compat')).json())).toEqual(['label.no', 'label.yes']);
    const bad = await send(app, 'GET', '/predict_parameters?x=abc');
    expect(bad.status).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'INVALID_VALUE', column: 'x' });
    expect((await send(app, 'GET', '/predict_parameters?x=abc&lenient=true')).status).toBe(200);
    expect((await send(app, 'GET', '/predict_parameters?x=1&foo=2')).headers.get('x-ignored-columns')).toBe('foo');
    expect((await send(app, 'GET', '/predict_parameters?x=666')).status).toBe(422);
    expect((await send(app, 'GET', '/predict_parameters?x=1', undefined, { accept: 'text/csv' })).text.split('\n')[0]).toBe(
      'predict,no,yes',
    );
  });

  test('unknown routes are a JSON 404', async () => {
    const r = await send(app, 'GET', '/nope');
    expect(r.status).toBe(404);
    expect(r.json().error.code).toBe('NOT_FOUND');
  });

  test('/metrics counts requests and rows', async () => {
    const m = testApp();
    await send(m, 'POST', '/invocations', '[{"x": 1}, {"x": 666}]', { 'content-type': 'application/json' });
    await send(m, 'POST', '/invocations', '{"x": "bad"}', { 'content-type': 'application/json' });
    const text = (await send(m, 'GET', '/metrics')).text;
    expect(text).toContain('mojo_requests_total{route="invocations",status="200"} 1');
    expect(text).toContain('mojo_requests_total{route="invocations",status="400"} 1');
    expect(text).toContain('mojo_rows_scored_total{outcome="ok"} 1');
    expect(text).toContain('mojo_rows_scored_total{outcome="error"} 1');
    expect(text).toContain('mojo_request_duration_seconds_count{route="invocations"} 2');
    expect((await send(testApp({ metrics: false }), 'GET', '/metrics')).status).toBe(404);
  });

  test('/ serves the model page, which links to the Swagger UI', async () => {
    const r = await send(app, 'GET', '/');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/html');
    expect(r.text).toContain('href="/swagger"');
  });
});

describe('OpenAPI', () => {
  test('/swagger serves the UI with local assets', async () => {
    const r = await send(app, 'GET', '/swagger');
    expect(r.status).toBe(200);
    expect(r.text).toContain('/swagger/assets/swagger-ui-bundle.js');
    expect(r.text).not.toContain('unpkg.com');
    const js = await send(app, 'GET', '/swagger/assets/swagger-ui-bundle.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect((await send(app, 'GET', '/swagger/assets/..%2Fpackage.json')).status).toBe(404);
  });

  test('/swagger/ redirects to /swagger (its relative spec URL resolves there); /favicon.ico is served', async () => {
    const slash = await send(app, 'GET', '/swagger/');
    expect(slash.status).toBe(301);
    expect(new URL(slash.headers.get('location')!, 'http://h/swagger/').pathname).toBe('/swagger');
    const icon = await send(app, 'GET', '/favicon.ico');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/png');
  });

  test('the spec documents the request options: query, headers, custom attributes', async () => {
    const params = (await send(app, 'GET', '/swagger/json')).json().paths['/invocations'].post.parameters as { name: string; in: string }[];
    const names = params.map((p) => `${p.in}:${p.name.toLowerCase()}`);
    for (const n of ['query:contributions', 'query:leaf', 'header:x-contributions', 'header:x-amzn-sagemaker-custom-attributes'])
      expect(names).toContain(n);
  });

  test('the spec documents the model columns with an example row', async () => {
    const spec = (await send(app, 'GET', '/swagger/json')).json();
    const inv = spec.paths['/invocations'].post;
    const json = inv.requestBody.content['application/json'];
    expect(json.example).toEqual({ x: 0, color: 'red', y: 0 });
    expect(json.schema.oneOf[0]).toEqual({ $ref: '#/components/schemas/Row' });
    const row = spec.components.schemas.Row;
    expect(Object.keys(row.properties)).toEqual(['x', 'color', 'y']);
    // Levels as an enum (a dropdown) beside any other value; numbers are plain nullable numbers.
    expect(row.properties.color.anyOf[0]).toEqual({ type: 'string', enum: ['red', 'green', 'blue'] });
    expect(row.properties.color.anyOf.map((s: { type: string }) => s.type)).toContain('null');
    expect(row.properties.x.anyOf).toEqual([{ type: 'number' }, { type: 'null' }]);
    expect(inv.requestBody.content['text/csv'].example).toBe('x,color,y\n0,red,0\n');
    expect(inv.responses['200'].content['application/json'].example).toEqual({ predict: 'yes', no: 0.5, yes: 0.5 });
    const pp = spec.paths['/predict_parameters'].get;
    const names = pp.parameters.map((q: { name: string }) => q.name);
    expect(names.slice(0, 3)).toEqual(['x', 'color', 'y']);
    expect(names).toContain('contributions');
    expect(names).toContain('x-amzn-sagemaker-custom-attributes');
    expect(spec.paths['/swagger/assets/{name}']).toBeUndefined();
  });
});
