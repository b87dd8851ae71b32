/**
 * `verify` against reference runtimes' outputs: h2o-genmodel's (the golden H2O-3 fixtures,
 * written out as a PredictCsv-style CSV) and the Driverless AI runtime's published values (G4).
 */
import { describe, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeModel } from '../../src/algos/index.ts';
import { verifyModel } from '../../src/cli/verify.ts';
import { RecordLayout } from '../../src/scoring/index.ts';
import { parse } from 'csv-parse/sync';
import {
  DAI_FIXTURES_DIR,
  HAVE_DAI_FIXTURES,
  HAVE_FIXTURES,
  NO_DAI_FIXTURES_MESSAGE,
  NO_FIXTURES_MESSAGE,
  REPO_ROOT,
  listFixtures,
} from '../support/fixtures.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'verify-'));

function cli(args: string[]) {
  const r = Bun.spawnSync([process.execPath, 'src/cli.ts', 'verify', ...args], { cwd: REPO_ROOT });
  return { code: r.exitCode, out: r.stdout.toString(), err: r.stderr.toString() };
}

if (!HAVE_FIXTURES) console.warn(NO_FIXTURES_MESSAGE);
if (!HAVE_DAI_FIXTURES) console.warn(NO_DAI_FIXTURES_MESSAGE);

describe('verify: an H2O-3 MOJO against h2o-genmodel', () => {
  if (!HAVE_FIXTURES) {
    test.skip(NO_FIXTURES_MESSAGE, () => {});
    return;
  }
  const fixture = listFixtures().find((f) => f.name === 'glm_binomial_titanic_from_se')!;
  const dir = fixture.dir;
  const model = () => decodeModel(join(dir, 'model.zip'));
  const quoted = (cells: readonly string[]) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',');
  // Rows that depend on Java's number-parsing quirks are exempt from parity (INDEX.md): left out here.
  const inputPath = join(tmp(), 'input.csv');
  const inputRows = parse(readFileSync(fixture.input, 'utf8')) as string[][];
  writeFileSync(inputPath, `${[inputRows[0], ...inputRows.slice(1).filter((_, i) => !fixture.quirkRows.has(i))].map(quoted).join('\n')}\n`);
  /** The Java runtime's predictions (expected.jsonl) as a PredictCsv file: predict, then one column per class. */
  function reference(tamper?: (cells: string[][]) => void): string {
    const header = new RecordLayout(model()).csvHeader();
    const rows = readFileSync(join(dir, 'expected.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((r) => !fixture.quirkRows.has(r.row))
      .map((r) => (r.error ? header.map(() => 'error') : [r.label, ...r.classProbabilities.map(String)]));
    tamper?.(rows);
    const path = join(tmp(), 'reference.csv');
    writeFileSync(path, `${header.join(',')}\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    return path;
  }

  test('matches the reference within the parity tolerance', async () => {
    const r = await verifyModel(model(), inputPath, reference(), { tolerance: 1e-9 });
    expect(r.columns.length).toBeGreaterThan(1);
    expect(r.differences).toBe(0);
  });

  test('a changed cell is reported with its row and column, and the CLI exits 1', async () => {
    const ref = reference((rows) => {
      rows[3][1] = '0.123';
    });
    const r = await verifyModel(model(), inputPath, ref, { tolerance: 1e-9 });
    expect(r.differences).toBe(1);
    expect(r.first[0]).toMatchObject({ row: 3, expected: '0.123' });
    const c = cli(['--model', join(dir, 'model.zip'), '--input', inputPath, '--expected', ref, '--tolerance', '1e-9']);
    expect(c.code).toBe(1);
    expect(c.out).toContain('row 3');
    expect(c.out).toContain('DIFFERENT');
  });
});

describe('verify: a Driverless AI pipeline against its runtime’s published values', () => {
  if (!HAVE_DAI_FIXTURES) {
    test.skip(NO_DAI_FIXTURES_MESSAGE, () => {});
    return;
  }
  const dir = join(DAI_FIXTURES_DIR, 'g4_mlflow_credit_glm');
  test('G4 matches exactly (CLI exit 0)', () => {
    const c = cli(['--model', join(dir, 'pipeline.mojo'), '--input', join(dir, 'input.csv'), '--expected', join(dir, 'expected.csv')]);
    expect(c.err).toBe('');
    expect(c.code).toBe(0);
    expect(c.out).toContain('0 differing cells');
  });

  test('G1 against the older runtime’s values: every row differs, and a tolerance does not hide a real difference', async () => {
    const g1 = join(DAI_FIXTURES_DIR, 'g1_mojo2data_prostate_age');
    const m = decodeModel(join(g1, 'pipeline.mojo'));
    const legacy = join(g1, 'expected_legacy_runtime.csv');
    expect((await verifyModel(m, join(g1, 'input.csv'), legacy, { tolerance: 0 })).differences).toBe(5);
    expect((await verifyModel(m, join(g1, 'input.csv'), legacy, { tolerance: 1e-3 })).differences).toBe(0);
    expect((await verifyModel(m, join(g1, 'input.csv'), join(g1, 'expected.csv'), { tolerance: 0 })).differences).toBe(0);
  });

  test('a reference with no column the model outputs is BAD_REQUEST', () => {
    const ref = join(tmp(), 'r.csv');
    writeFileSync(ref, 'nope\n1\n2\n');
    const c = cli(['--model', join(dir, 'pipeline.mojo'), '--input', join(dir, 'input.csv'), '--expected', ref]);
    expect(c.code).toBe(1);
    expect(c.err).toContain('[BAD_REQUEST]');
  });
});
