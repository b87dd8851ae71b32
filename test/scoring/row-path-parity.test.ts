/**
 * The CLI and the server share one row path: the same input.csv with the same options gives
 * byte-identical CSV and JSON Lines from `score` (scoreFile) and from POST /invocations.
 * Runs on every golden fixture in ../shared/fixtures (skipped when absent) and on the demo model.
 */
import { describe, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel, type Model } from '../../src/algos/index.ts';
import { scoreFile } from '../../src/cli/score.ts';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';
import { createApp } from '../../src/server/index.ts';
import { silentLogger } from '../../src/server/log.ts';
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

async function expectSameBytes(modelPath: string, input: string): Promise<void> {
  // One model for the CLI side and one for the server side (loading dominates this file's time).
  const cliModel = loadModel(modelPath);
  const serverModel = loadModel(modelPath);
  for (const { format, accept } of FORMATS) {
    const cli = await viaCli(cliModel, input, format);
    const server = await viaServer(serverModel, input, accept);
    expect(server.status).toBe(200);
    expect(cli.length).toBeGreaterThan(0);
    expect(server.text).toBe(cli);
  }
}

/** The demo model's golden rows as a CSV file, plus edge rows (all missing, bad number, unseen level). */
function demoInput(): string {
  const golden = readFileSync(join(import.meta.dir, '../demo/demo-gbm.h2o-genmodel.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => (JSON.parse(l) as { row: Record<string, string> }).row);
  const names = loadModel(DEMO_MODEL_PATH).inputs.map((c) => c.name);
  const lines = [names.join(','), names.map(() => '').join(','), names.map(() => 'abc').join(',')];
  for (const r of golden) lines.push(names.map((n) => r[n] ?? '').join(','));
  const file = join(mkdtempSync(join(tmpdir(), 'row-path-')), 'input.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

test('demo model: CLI and /invocations write the same bytes', async () => {
  await expectSameBytes(DEMO_MODEL_PATH, demoInput());
});

describe('golden fixtures: CLI and /invocations write the same bytes', () => {
  if (!HAVE_FIXTURES) {
    test.skip(NO_FIXTURES_MESSAGE, () => {});
    return;
  }
  for (const f of listFixtures()) {
    test(f.name, () => expectSameBytes(f.model, f.input), 60_000);
  }
});
