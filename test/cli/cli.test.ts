/** The command line as a user runs it: `bun src/cli.ts score|inspect` on the demo model. */
import { describe, expect, test } from 'bun:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';
import { loadModel } from '../../src/algos/index.ts';

const ROOT = join(import.meta.dir, '../..');

function run(args: string[]): { code: number; out: string; err: string } {
  const p = Bun.spawnSync([process.execPath, 'src/cli.ts', ...args], { cwd: ROOT });
  return { code: p.exitCode ?? -1, out: p.stdout.toString(), err: p.stderr.toString() };
}

/** A CSV of demo rows: first all missing, then the model's own example levels and numbers. */
function demoCsv(): string {
  const model = loadModel(DEMO_MODEL_PATH);
  const names = model.inputs.map((c) => c.name);
  const rows = [names.map(() => '')];
  for (let i = 0; i < 5; i++) rows.push(model.inputs.map((c) => (c.domain ? c.domain[i % c.domain.length] : String(i * 7 + 1))));
  rows.push(model.inputs.map((c) => (c.domain ? 'never-seen-level' : 'abc')));
  const dir = mkdtempSync(join(tmpdir(), 'cli-'));
  const file = join(dir, 'rows.csv');
  writeFileSync(file, `${[names, ...rows.slice(0)].map((r) => r.join(',')).join('\n')}\n`);
  return file;
}

describe('cli', () => {
  const input = demoCsv();

  test('score --format jsonl: one record per row, same order, reference column names', () => {
    const r = run(['score', '--model', DEMO_MODEL_PATH, '--input', input, '--format', 'jsonl']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const recs = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(recs.length).toBe(7);
    const model = loadModel(DEMO_MODEL_PATH);
    expect(Object.keys(recs[0])).toEqual(model.outputs.map((o) => o.name));
    for (const rec of recs) expect(typeof rec.predict).toBe('string');
    // lenient by default: "abc" and an unseen level score like missing values
    expect(recs[6]).toEqual(recs[0]);
  });

  test('score --format csv writes a header and the same numbers', () => {
    const j = run(['score', '--model', DEMO_MODEL_PATH, '--input', input])
      .out.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const c = run(['score', '--model', DEMO_MODEL_PATH, '--input', input, '--format', 'csv']).out.trim().split('\n');
    expect(c.length).toBe(8);
    const header = c[0].split(',');
    expect(header.slice(0, -1)).toEqual(Object.keys(j[0]));
    expect(header[header.length - 1]).toBe('error');
    const second = c[2].split(',');
    expect(Number(second[1])).toBe(j[1][header[1]] as number);
  });

  test('score --strict turns an unparsable number into an error exit naming the column', () => {
    const r = run(['score', '--model', DEMO_MODEL_PATH, '--input', input, '--strict']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('INVALID_VALUE');
    expect(r.err).toContain('is not a number');
  });

  test('inspect --json describes inputs and outputs', () => {
    const r = run(['inspect', '--model', DEMO_MODEL_PATH, '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out) as { algorithm: string; inputs: { type: string }[]; outputs: { name: string }[] };
    expect(d.algorithm).toBe('gbm');
    expect(d.inputs.some((c) => c.type === 'categorical')).toBe(true);
    expect(d.outputs[0].name).toBe('predict');
    const text = run(['inspect', '--model', DEMO_MODEL_PATH]);
    expect(text.out).toContain('algorithm     gbm');
  });

  test('errors are clear and exit non-zero', () => {
    expect(run(['score', '--model', DEMO_MODEL_PATH]).code).toBe(2);
    const missing = run(['inspect', '--model', '/nonexistent.zip']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('MOJO_NOT_FOUND');
    expect(run(['frobnicate']).code).toBe(2);
  });
});
