/**
 * Ragged rows (more or fewer cells than columns) are refused, never scored shifted: every
 * positional form (CSV with and without header, JSON arrays, {fields, rows}, JSON Lines) (the CLI,
 * which shares the decoders: test/cli/ragged-rows.test.ts).
 */
import { describe, expect, test } from 'bun:test';
import { CSV_CT, JSON_CT, post, testApp } from '../support/test-app.ts';

const app = testApp();
const JSONL_CT = { 'content-type': 'application/jsonlines' };

async function refused(body: string, headers: Record<string, string>, message: string) {
  const r = await post(app, body, headers);
  expect(r.status).toBe(400);
  expect(r.json().error.code).toBe('BAD_REQUEST');
  expect(r.json().error.message).toBe(message);
}

describe('a row with more or fewer cells than columns is a 400 naming it', () => {
  test('CSV with a header: an extra cell (the shifted-row case) and a short row', async () => {
    await refused('x,color,y\n1,red,2\n1,red,2,9\n', CSV_CT, 'line 3: 4 cells, but the header has 3 columns');
    await refused('x,color,y\n1,red\n', CSV_CT, 'line 2: 2 cells, but the header has 3 columns');
    const r = await post(app, 'x,color,y\n1,red,2,9\n', CSV_CT);
    expect(r.json().error).toMatchObject({ line: 2, cells: 4, columns: 3 });
  });

  test('CSV without a header: one cell per model input', async () => {
    await refused('1,red,2,9\n', CSV_CT, 'line 1: 4 cells, but the model has 3 input columns');
    await refused('1,red,2\n1,red\n', CSV_CT, 'line 2: 2 cells, but the model has 3 input columns');
  });

  test('JSON positional rows, {fields, rows} and JSON Lines', async () => {
    await refused('[[1, "red", 2, 9]]', JSON_CT, 'row 0: 4 cells, but the model has 3 input columns');
    await refused('[[1, "red", 2], [1]]', JSON_CT, 'row 1: 1 cell, but the model has 3 input columns');
    await refused('{"fields": ["x", "y"], "rows": [[1, 2, 3]]}', JSON_CT, 'row 0: 3 cells, but fields has 2 names');
    await refused('{"fields": ["x", "y"], "rows": [[1]]}', JSON_CT, 'row 0: 1 cell, but fields has 2 names');
    await refused('{"x": 1}\n[1, "red", 2, 9]\n', JSONL_CT, 'row 1: 4 cells, but the model has 3 input columns');
  });

  test('an empty CSV line is still a row of missing values; well-formed rows still score', async () => {
    const r = await post(app, 'x,color,y\n\n1,red,2\n', CSV_CT);
    expect(r.status).toBe(200);
    expect(r.text.trim().split('\n')).toHaveLength(3);
    expect((await post(app, '{"fields": ["x", "y"], "rows": [[1, 2]]}', JSON_CT)).status).toBe(200);
  });

  test('a model with an offset column: positional rows may leave the offset off, not more', async () => {
    const withOffset = testApp({}, (await import('../support/fake-model.ts')).fakeBinomial({ offsetColumn: 'off' }));
    expect((await post(withOffset, '[[1, "red", 2]]', JSON_CT)).status).toBe(200);
    expect((await post(withOffset, '[[1, "red", 2, 0.5]]', JSON_CT)).status).toBe(200);
    const r = await post(withOffset, '[[1, "red", 2, 0.5, 9]]', JSON_CT);
    expect(r.json().error.message).toBe('row 0: 5 cells, but the model has 3 input columns (4 with its offset column)');
  });
});

test('line numbers count the lines of quoted cells that span several', async () => {
  await refused('x,color,y\n1,"red\nstill red",2\n\n3,blue\n', CSV_CT, 'line 5: 2 cells, but the header has 3 columns');
  await refused('1,"a\nb",2\n3\n', CSV_CT, 'line 3: 1 cell, but the model has 3 input columns');
});
