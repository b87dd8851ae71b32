/** No tracked text file holds a merge conflict's markers (Biome and tsc do not read Markdown). */
import { expect, test } from 'bun:test';
import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from '../support/fixtures.ts';

test('no file git tracks holds merge conflict markers', () => {
  let found = '';
  try {
    // -I skips binary files; exit 1 means nothing matched.
    found = execFileSync('git', ['grep', '-I', '-n', '-E', '^(<{7}|>{7})( |$)'], { cwd: REPO_ROOT, encoding: 'utf8' });
  } catch (e) {
    // 1: nothing matched; 128: not a git work tree (a source copy without history): nothing to check.
    const status = (e as { status?: number }).status;
    if (status !== 1 && status !== 128) throw e;
  }
  expect(found).toBe('');
});
