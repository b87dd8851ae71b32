/**
 * Per-request options: the custom attributes header SageMaker forwards, the priority of query >
 * header > custom attributes > server default, the echo of the header, and explanations
 * (contributions, leaf) over /invocations — the same bytes as the CLI, the reference's values.
 */
import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { decodeModel } from '../../src/algos/index.ts';
import { scoreFile } from '../../src/cli/score.ts';
import { defaultOptions } from '../../src/server/options.ts';
import {
  CUSTOM_ATTRIBUTES_HEADER,
  MAX_CUSTOM_ATTRIBUTES_LENGTH,
  parseCustomAttributes,
  requestOptions,
} from '../../src/server/request-options.ts';
import { checkRow, type Mode } from '../conformance/check.ts';
import { HAVE_FIXTURES, listFixtures, NO_FIXTURES_MESSAGE, readJsonl } from '../conformance/fixtures.ts';
import { CSV_CT, JSON_CT, post, testApp } from '../support/test-app.ts';

const CA = 'X-Amzn-SageMaker-Custom-Attributes';
const defaults = defaultOptions();

describe('custom attributes', () => {
  test('key=value pairs split on ; or ,, trimmed, keys lower-cased, first wins, junk skipped', () => {
    const m = parseCustomAttributes(' Style = compat ;lenient=true, trace-id=abc=1 ; junk ;=x; style=record');
    expect([...m]).toEqual([
      ['style', 'compat'],
      ['lenient', 'true'],
      ['trace-id', 'abc=1'],
    ]);
  });

  test('priority: query > header > custom attributes > default', () => {
    const h = (o: Record<string, string>) => new Headers(o).toJSON();
    expect(requestOptions(h({ [CA]: 'style=compat' }), null, defaults).style).toBe('compat');
    expect(requestOptions(h({ [CA]: 'style=compat', 'x-output-style': 'record' }), null, defaults).style).toBe('record');
    expect(requestOptions(h({ 'x-output-style': 'record' }), new Map([['style', 'compat']]), defaults).style).toBe('compat');
    expect(requestOptions(h({}), null, { ...defaults, style: 'compat' }).style).toBe('compat');
    const o = requestOptions(h({ [CA]: 'lenient=1;contributions=true;leaf=false' }), null, defaults);
    expect(o).toEqual({ style: 'record', lenient: true, contributions: true, leaf: false });
    expect(requestOptions(h({ [CA]: 'contributions=true', 'x-contributions': 'false' }), null, defaults).contributions).toBe(false);
  });

  test('a known key with a bad value is BAD_REQUEST', () => {
    for (const v of ['style=wide', 'lenient=maybe', 'contributions=2', 'leaf=']) {
      expect(() => requestOptions(new Headers({ [CA]: v }).toJSON(), null, defaults)).toThrow(
        expect.objectContaining({ code: 'BAD_REQUEST' }),
      );
    }
  });

  test('the header steers /invocations and is echoed, capped, on success and on error', async () => {
    const app = testApp();
    const plain = await post(app, '[[1,"red",2]]', JSON_CT);
    expect(plain.headers.get(CUSTOM_ATTRIBUTES_HEADER)).toBeNull();
    const compat = await post(app, '[[1,"red",2]]', { ...JSON_CT, [CA]: 'trace=7; style=compat' });
    expect(compat.status).toBe(200);
    expect(compat.text).not.toBe(plain.text);
    expect(compat.headers.get(CA)).toBe('trace=7; style=compat');
    const bad = await post(app, '[[1,"red",2]]', { ...JSON_CT, [CA]: 'style=wide' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('wide');
    expect(bad.headers.get(CA)).toBe('style=wide');
    const long = `trace=${'x'.repeat(2000)}`;
    const capped = await post(app, '[[1,"red",2]]', { ...JSON_CT, [CA]: long });
    expect(capped.headers.get(CA)).toBe(long.slice(0, MAX_CUSTOM_ATTRIBUTES_LENGTH));
  });

  test('a model without contributions is a 400 that names what it has', async () => {
    const r = await post(testApp(), '[[1,"red",2]]', { ...JSON_CT, [CA]: 'contributions=true' });
    expect(r.status).toBe(400);
    expect(r.json().message ?? r.text).toContain("no 'contributions' output");
    const both = await post(testApp(), '[[1,"red",2]]', JSON_CT, '?contributions=true&leaf=true');
    expect(both.status).toBe(400);
  });
});

const EXTRA_FLAG: Record<string, string> = { contrib: 'contributions', leaf: 'leaf' };

describe('explanations over /invocations', () => {
  if (!HAVE_FIXTURES) {
    test.skip(NO_FIXTURES_MESSAGE, () => {});
    return;
  }
  for (const f of listFixtures()) {
    for (const mode of ['contrib', 'leaf'] as const) {
      const file = f.extras[mode];
      if (file === undefined) continue;
      const flag = EXTRA_FLAG[mode];
      test(`${f.name} ${flag}: same bytes as \`score --${flag}\`, values as the reference`, async () => {
        const model = decodeModel(f.model);
        const app = testApp({}, model);
        const csv = readFileSync(f.input, 'utf8');
        for (const [accept, format] of [
          ['application/jsonlines', 'jsonl'],
          ['text/csv', 'csv'],
        ] as const) {
          let cli = '';
          await scoreFile(model, { input: f.input, format, lenient: true, extra: flag, write: (c) => void (cli += c) });
          const http = await post(app, csv, { ...CSV_CT, accept, [CA]: `${flag}=true; lenient=true` });
          expect(http.status).toBe(200);
          expect(http.text).toBe(cli);
          if (format !== 'jsonl') continue;
          const actual = http.text
            .split('\n')
            .filter((l) => l !== '')
            .map((l) => JSON.parse(l) as Record<string, unknown>);
          const expected = readJsonl(file);
          expect(actual.length).toBe(expected.length);
          const problems: string[] = [];
          for (let i = 0; i < expected.length; i++) {
            const row = Number(expected[i].row ?? i);
            if (f.quirkRows.has(row)) continue;
            const p = checkRow(mode as Mode, expected[i], actual[i], []);
            if (p !== null) problems.push(`row ${row}: ${p}`);
          }
          expect(problems.slice(0, 5)).toEqual([]);
        }
      }, 60_000);
    }
  }
});
