/** `score` shares the request decoders: a ragged CSV row stops it with one line and a non-zero exit. */
import { expect, test } from 'bun:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';
import { REPO_ROOT } from '../support/fixtures.ts';

test('the CLI refuses a ragged CSV row with one line and a non-zero exit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ragged-'));
  const file = join(dir, 'rows.csv');
  writeFileSync(file, 'tenure_months,monthly_charges\n1,2\n\n3,4,5\n');
  const p = Bun.spawnSync([process.execPath, 'src/cli.ts', 'score', '--model', DEMO_MODEL_PATH, '--input', file], {
    cwd: REPO_ROOT,
    timeout: 60_000,
  });
  const err = p.stderr.toString();
  expect(err).toBe('mojo-scorer: [BAD_REQUEST] line 4: 3 cells, but the header has 2 columns\n');
  expect(p.exitCode).not.toBe(0);
});
