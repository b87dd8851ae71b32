/**
 * Every case of ../shared/dai-fixtures through the CLI exactly as INDEX.md states it:
 * `bun src/cli.ts score --model <folder>/pipeline.mojo --input <folder>/input.csv --format csv`
 * (with --contributions for contribution cases); a refusal is a non-zero exit, nothing on
 * stdout and exactly one non-empty stderr line.
 */
import { describe, expect, test } from 'bun:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseInput, checkRefusal, checkTable, listDaiCases, readCsvText } from '../support/dai-cases.ts';
import { HAVE_DAI_FIXTURES, NO_DAI_FIXTURES_MESSAGE, REPO_ROOT } from '../support/fixtures.ts';

const cases = listDaiCases();
if (!HAVE_DAI_FIXTURES) console.warn(NO_DAI_FIXTURES_MESSAGE);

describe('Driverless AI fixtures through the CLI', () => {
  if (!HAVE_DAI_FIXTURES) {
    test.skip(NO_DAI_FIXTURES_MESSAGE, () => {});
    return;
  }
  for (const c of cases) {
    test(c.name, () => {
      let input = c.input;
      if (input === null) {
        input = join(mkdtempSync(join(tmpdir(), 'dai-')), 'input.csv');
        writeFileSync(input, caseInput(c));
      }
      const args = ['src/cli.ts', 'score', '--model', c.model, '--input', input, '--format', 'csv'];
      if (c.kind === 'contributions') args.push('--contributions');
      const r = Bun.spawnSync([process.execPath, ...args], { cwd: REPO_ROOT, env: { ...process.env, MOJO_ALLOW_UNVERIFIED: '' } });
      const stdout = r.stdout.toString();
      const stderr = r.stderr.toString();
      if (r.exitCode !== 0) {
        expect(stdout).toBe('');
        const lines = stderr.split('\n').filter((l) => l.trim() !== '');
        expect(lines.length).toBe(1);
        expect(checkRefusal(c, lines[0])).toEqual([]);
        return;
      }
      expect(checkTable(c, readCsvText(stdout))).toEqual([]);
    }, 120_000);
  }
});
