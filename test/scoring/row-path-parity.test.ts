/**
 * Every front end shares one row path (one Session per model): the same input.csv with the same
 * options gives byte-identical answers from `score` (scoreFile), POST /invocations, the
 * multi-model endpoint's /models/{name}/invoke, the library's scoreMany (as JSON Lines) and
 * H2O's /model/score (as the compat style's text cells). Runs on every golden fixture in
 * ../shared/fixtures (skipped when absent) and on the demo model.
 */
import { describe, expect, test } from 'bun:test';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { decodeModel, type Model } from '../../src/algos/index.ts';
import { scoreFile } from '../../src/cli/score.ts';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';
import { createApp } from '../../src/server/index.ts';
import { loadModelFile } from '../../src/lib/node.ts';
import { silentLogger } from '../../src/server/log.ts';
import { buildMultiModelApp } from '../../src/server/multi-model/index.ts';
import { CsvCursor, csvLine } from '../../src/scoring/index.ts';
import { HAVE_FIXTURES, listFixtures, NO_FIXTURES_MESSAGE } from '../support/fixtures.ts';

const FORMATS = [
  { format: 'csv', accept: 'text/csv' },
  { format: 'jsonl', accept: 'application/jsonlines' },
] as const;

async function viaCli(model: Model, input: string, format: 'csv' | 'jsonl'): Promise<string> {
  const chunks: string[] = [];
  await scoreFile(model, {
    input,
    format,
    lenient: true,
    write: (c) => void chunks.push(typeof c === 'string' ? c : new TextDecoder().decode(c)),
  });
  return chunks.join('');
}

async function viaServer(model: Model, input: string, accept: string): Promise<{ status: number; text: string }> {
  const app = createApp(model, { log: silentLogger, maxPayloadBytes: 1 << 30, metrics: false });
  const res = await app.handle(
    new Request('http://localhost/invocations?lenient=true', {
      method: 'POST',
      body: readFileSync(input),
      headers: { 'content-type': 'text/csv', accept },
    }),
  );
  return { status: res.status, text: await res.text() };
}

/** The same request to a multi-model endpoint that loaded the model as `m`. */
async function viaMultiModel(modelPath: string, input: string, accept: string): Promise<{ status: number; text: string }> {
  const root = mkdtempSync(join(tmpdir(), 'row-path-mm-'));
  const folder = join(root, 'm', 'model');
  mkdirSync(folder, { recursive: true });
  if (!statSync(modelPath).isFile()) return { status: 0, text: 'folder models are not copied here' };
  const copy = join(folder, basename(modelPath));
  copyFileSync(modelPath, copy);
  const { app } = buildMultiModelApp(
    { root, memoryBudgetBytes: 1 << 30, evictLru: false },
    { log: silentLogger, metrics: false, maxPayloadBytes: 1 << 30 },
  );
  const load = await app.handle(
    new Request('http://localhost/models', { method: 'POST', body: JSON.stringify({ model_name: 'm', url: 'm/model' }) }),
  );
  expect(load.status).toBe(200);
  const res = await app.handle(
    new Request('http://localhost/models/m/invoke?lenient=true', {
      method: 'POST',
      body: readFileSync(input),
      headers: { 'content-type': 'text/csv', accept },
    }),
  );
  // A load error (in every row's error cell) names the artifact, which is a copy here.
  return { status: res.status, text: (await res.text()).replaceAll(realpathSync(copy), modelPath) };
}

/** The input's records as row objects (header name → cell text). */
function rowObjects(input: string): Record<string, string>[] {
  const cursor = new CsvCursor(readFileSync(input, 'utf8'));
  const [header, ...records] = cursor.next(1 << 30);
  return records.map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] ?? ''])));
}

/** The library's scoreMany as JSON Lines (a row the model cannot score is {"error"}, as the server writes it). */
function viaLibrary(modelPath: string, input: string): string {
  const m = loadModelFile(modelPath);
  return m
    .scoreMany(rowObjects(input), { lenient: true })
    .map((r) => `${JSON.stringify(r)}\n`)
    .join('');
}

/**
 * H2O's /model/score against /invocations' compat style (the one Java-compatible rule): the
 * response's cells, written as CSV lines, are the compat CSV's lines without their error column.
 * Skipped where a row cannot be scored (H2O's scorer fails the whole request then).
 */
async function expectH2oSameAsCompat(model: Model, input: string): Promise<boolean> {
  const app = createApp(model, { log: silentLogger, maxPayloadBytes: 1 << 30, metrics: false, lenient: true });
  const compat = await app.handle(
    new Request('http://localhost/invocations?style=compat', {
      method: 'POST',
      body: readFileSync(input),
      headers: { 'content-type': 'text/csv', accept: 'text/csv' },
    }),
  );
  const lines = (await compat.text()).trimEnd().split('\n').slice(1);
  if (lines.some((l) => !l.endsWith(','))) return false;
  const rows = rowObjects(input);
  const fields = Object.keys(rows[0] ?? {});
  const h2o = await app.handle(
    new Request('http://localhost/model/score', {
      method: 'POST',
      body: JSON.stringify({ fields, rows: rows.map((r) => fields.map((f) => r[f])) }),
      headers: { 'content-type': 'application/json', 'x-lenient-numbers': 'true' },
    }),
  );
  expect(h2o.status).toBe(200);
  const score = (await h2o.json()) as { score: string[][] };
  expect(score.score.map((r) => `${csvLine(r)},`)).toEqual(lines);
  return true;
}

async function expectSameBytes(modelPath: string, input: string): Promise<boolean> {
  // One model for the CLI side and one for the server side (loading dominates this file's time).
  const cliModel = decodeModel(modelPath);
  const serverModel = decodeModel(modelPath);
  for (const { format, accept } of FORMATS) {
    const cli = await viaCli(cliModel, input, format);
    const server = await viaServer(serverModel, input, accept);
    expect(server.status).toBe(200);
    expect(cli.length).toBeGreaterThan(0);
    expect(server.text).toBe(cli);
    // A stateful model (GLRM) moves on with every row: only the first format sees both fresh.
    const multi =
      serverModel.stateful && format !== FORMATS[0].format ? { status: 0, text: '' } : await viaMultiModel(modelPath, input, accept);
    if (multi.status !== 0) {
      expect(multi.status).toBe(200);
      expect(multi.text).toBe(cli);
    }
    if (format === 'jsonl' && !serverModel.stateful) expect(viaLibrary(modelPath, input)).toBe(cli);
  }
  return !serverModel.stateful && (await expectH2oSameAsCompat(decodeModel(modelPath), input));
}

/** The demo model's golden rows as a CSV file, plus edge rows (all missing, bad number, unseen level). */
function demoInput(): string {
  const golden = readFileSync(join(import.meta.dir, '../demo/demo-gbm.h2o-genmodel.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => (JSON.parse(l) as { row: Record<string, string> }).row);
  const names = decodeModel(DEMO_MODEL_PATH).inputs.map((c) => c.name);
  const lines = [names.join(','), names.map(() => '').join(','), names.map(() => 'abc').join(',')];
  for (const r of golden) lines.push(names.map((n) => r[n] ?? '').join(','));
  const file = join(mkdtempSync(join(tmpdir(), 'row-path-')), 'input.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

test('demo model: CLI and /invocations write the same bytes', async () => {
  // Every row of the demo input scores, so H2O's route is compared too.
  expect(await expectSameBytes(DEMO_MODEL_PATH, demoInput())).toBe(true);
});

describe('golden fixtures: CLI and /invocations write the same bytes', () => {
  if (!HAVE_FIXTURES) {
    test.skip(NO_FIXTURES_MESSAGE, () => {});
    return;
  }
  for (const f of listFixtures()) {
    test(f.name, async () => void (await expectSameBytes(f.model, f.input)), 60_000);
  }
});
