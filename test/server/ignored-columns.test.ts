/** X-Ignored-Columns and the log of unknown names stay small whatever names a request sends. */
import { expect, test } from 'bun:test';
import { IgnoredColumns, ignoredHeaderValue } from '../../src/server/ignored.ts';
import type { Logger } from '../../src/server/log.ts';
import { JSON_CT, post, testApp } from '../support/test-app.ts';

const HUGE = 200_000;

test('a 200 KB unknown name is cut in the header; many long names stop at the header cap', async () => {
  const app = testApp();
  const r = await post(app, JSON.stringify({ x: 1, [`k${'z'.repeat(HUGE)}`]: 1 }), JSON_CT);
  expect(r.status).toBe(200);
  const v = r.headers.get('x-ignored-columns')!;
  expect(v).toBe(`k${'z'.repeat(99)}...`);
  const many = ignoredHeaderValue(Array.from({ length: 100 }, (_, i) => `${i}${'\u00e9'.repeat(1000)}`));
  expect(many.length).toBeLessThanOrEqual(2048);
  expect(many.endsWith(', ...')).toBe(true);
  expect(() => new Headers({ h: many })).not.toThrow();
});

test('the log and the remembered set keep cut names, and at most 1000 of them', () => {
  const logged: string[] = [];
  const log: Logger = (_level, _msg, fields) => void logged.push(...((fields?.columns as string[]) ?? []));
  const ignored = new IgnoredColumns(log);
  for (let i = 0; i < 300; i++) ignored.note(new Set([`${i}:${'m'.repeat(HUGE)}`]));
  expect(logged).toHaveLength(300);
  for (const name of logged) expect(name.length).toBeLessThanOrEqual(101);
  ignored.note(new Set(Array.from({ length: 2000 }, (_, i) => `n${i}`)));
  expect(logged).toHaveLength(1000);
  ignored.note(new Set(['late']));
  expect(logged).toHaveLength(1000);
});
