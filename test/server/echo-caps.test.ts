/** Error messages quote request data through one helper: at most 100 characters and an ellipsis. */
import { describe, expect, test } from 'bun:test';
import { tmpdir } from 'node:os';
import { echoed, MAX_ECHOED_CHARS } from '../../src/errors.ts';
import { silentLogger } from '../../src/server/log.ts';
import { buildMultiModelApp } from '../../src/server/multi-model/index.ts';
import { CSV_CT, JSON_CT, post, send, testApp } from '../support/test-app.ts';

const app = testApp();
const BIG = 'a'.repeat(1_000_000);
/** An error body quoting one capped value stays well under this. */
const SMALL = 1000;

async function small(r: Promise<{ status: number; text: string }>, status: number): Promise<string> {
  const res = await r;
  expect(res.status).toBe(status);
  expect(res.text.length).toBeLessThan(SMALL);
  return res.text;
}

test('echoed(): 100 characters, then an ellipsis; never half a surrogate pair', () => {
  expect(echoed('abc')).toBe('abc');
  expect(echoed(BIG)).toBe(`${'a'.repeat(MAX_ECHOED_CHARS)}…`);
  const emoji = `${'a'.repeat(MAX_ECHOED_CHARS - 1)}😀😀`;
  expect(echoed(emoji)).toBe(`${'a'.repeat(MAX_ECHOED_CHARS - 1)}…`);
});

describe('error bodies never echo request data unbounded', () => {
  test('a CSV parse error on a 1 MB field', async () => {
    const text = await small(post(app, `x,color\n${BIG}"b,red\n`, CSV_CT), 400);
    expect(text).toContain('malformed CSV');
  });

  test('a 1 MB value that is not a number, in every form', async () => {
    await small(post(app, `{"x": "${BIG}"}`, JSON_CT), 400);
    await small(post(app, `x\n${BIG}\n`, CSV_CT), 400);
    await small(post(app, `{"x": 1, ${BIG}}`, JSON_CT), 400);
    // A JSON Lines line that does not parse: the runtime's message quotes the token, capped too.
    const jsonl = await small(post(app, `{"x": 1}\n{"x": ${BIG}}\n`, { 'content-type': 'application/jsonlines' }), 400);
    expect(jsonl).toContain('malformed JSON Lines');
  });

  test('15 KB Accept and Content-Type headers', async () => {
    const long = `application/${'x'.repeat(15_000)}`;
    await small(post(app, '{"x": 1}', { ...JSON_CT, accept: long }), 406);
    await small(post(app, '{"x": 1}', { 'content-type': long }), 415);
    await small(post(app, '{"x": 1}', { ...JSON_CT, 'x-output-style': long }), 400);
  });

  test('8 KB charset and Content-Encoding headers (issue 18 #15)', async () => {
    const long = 'x'.repeat(8_000);
    const charset = await small(post(app, '{"x": 1}', { 'content-type': `application/json; charset=${long}` }), 415);
    expect(charset).toContain('unsupported charset');
    const coding = await small(post(app, '{"x": 1}', { ...JSON_CT, 'content-encoding': long }), 415);
    expect(coding).toContain('unsupported Content-Encoding');
  });

  test("H2O's REST API and the multi-model routes", async () => {
    const body = JSON.stringify({ fields: ['x'], rows: [['1']], includeFieldsInOutput: [BIG] });
    await small(send(app, 'POST', '/model/score', body, JSON_CT), 400);
    const mme = buildMultiModelApp({ root: tmpdir(), memoryBudgetBytes: 1 << 30, evictLru: false }, { log: silentLogger }).app;
    const name = 'n'.repeat(10_000);
    const res = await mme.handle(new Request(`http://localhost/models/${name}`));
    expect(res.status).toBe(404);
    expect((await res.text()).length).toBeLessThan(SMALL);
    const list = await mme.handle(new Request(`http://localhost/models?max_results=${name}`));
    expect(list.status).toBe(400);
    expect((await list.text()).length).toBeLessThan(SMALL);
  });
});
