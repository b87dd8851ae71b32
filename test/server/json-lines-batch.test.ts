/**
 * A JSON Lines batch through /invocations answers as it did when every line went through
 * JSON.parse: the same rows sent as a JSON array (always parsed) give the same bytes, status
 * and ignored-columns header; bad values and malformed lines give the same errors.
 */
import { describe, expect, test } from 'bun:test';
import { fakeBinomial } from '../support/fake-model.ts';
import { rng } from '../support/rng.ts';
import { JSON_CT, post, testApp } from '../support/test-app.ts';

const JSONL = { 'content-type': 'application/jsonlines' };
const ANSWER_JSONL = { accept: 'application/jsonlines' };
const app = testApp({}, fakeBinomial({ offsetColumn: 'off' }));

/** Varied flat rows: numbers of every form, levels as text and numbers, nulls, unknown keys, escapes, a row the model cannot score. */
function rows(n: number, seed: number): string[] {
  const r = rng(seed);
  const values = ['1', '-0', '2.5e-3', '1E5', '"3.25"', '" 4 "', '""', 'null', '666', '0.1', '12345678901234567890', '-17.125'];
  const levels = ['"red"', '"blue"', '"green"', '"purple"', '1', 'true', 'null', '"\\u0072ed"', '"color.blue"'];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const fields = [
      `"x": ${values[Math.floor(r() * values.length)]}`,
      `"color": ${levels[Math.floor(r() * levels.length)]}`,
      `"y":${values[Math.floor(r() * values.length)]}`,
    ];
    if (r() < 0.3) fields.push(`"off": ${values[Math.floor(r() * 4)]}`);
    if (r() < 0.05) fields.push(`"extra ${Math.floor(r() * 3)}": 1`);
    if (r() < 0.05) fields.push('"x": 2');
    if (r() < 0.1) fields.reverse();
    out.push(`{${fields.join(r() < 0.5 ? ', ' : ',')}}`);
  }
  return out;
}

async function bothWays(lines: string[], query = '') {
  const jsonl = await post(app, `${lines.join(lines.length % 2 === 0 ? '\n' : '\r\n')}\n`, { ...JSONL, ...ANSWER_JSONL }, query);
  const array = await post(app, `[${lines.join(',')}]`, { ...JSON_CT, ...ANSWER_JSONL }, query);
  return { jsonl, array };
}

describe('JSON Lines batches answer as the JSON.parse path does', () => {
  test('thousands of varied rows (several pieces), strict and lenient', async () => {
    const lines = rows(3001, 5);
    for (const query of ['?lenient=true', '']) {
      const { jsonl, array } = await bothWays(lines, query);
      expect(jsonl.status).toBe(array.status);
      expect(jsonl.text).toBe(array.text);
      expect(jsonl.headers.get('x-ignored-columns')).toBe(array.headers.get('x-ignored-columns'));
    }
    const lenient = await bothWays(lines, '?lenient=true');
    expect(lenient.jsonl.status).toBe(200);
    expect(lenient.jsonl.text.split('\n').length).toBe(3002);
    expect(lenient.jsonl.headers.get('x-ignored-columns')).toContain('extra');
  });

  test('a bad value is the same 400, naming its row', async () => {
    const lines = rows(2000, 8).map((l) => l.replace(/"(\s?\d+\s?|)"/g, '1'));
    lines[1500] = '{"x": "abc", "color": "red"}';
    const { jsonl, array } = await bothWays(lines);
    expect(jsonl.status).toBe(400);
    expect(jsonl.text).toBe(array.text);
    expect(jsonl.json().error.message).toBe("row 1500, column 'x': 'abc' is not a number");
  });

  test('malformed lines are refused with the message JSON.parse gives', async () => {
    for (const bad of ['{"x": 1,}', '{"x": 01}', '{"x": 1', '{"x": -.5}', '{"x": 1} x']) {
      const lines = rows(1500, 3);
      lines[1200] = bad;
      const res = await post(app, `${lines.join('\n')}\n`, JSONL);
      let message = '';
      try {
        JSON.parse(bad);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(res.status).toBe(400);
      expect(res.json().error.code).toBe('BAD_REQUEST');
      expect(res.json().error.message).toBe(`line 1201: malformed JSON Lines: ${message}`);
    }
  });
});
