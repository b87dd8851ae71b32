/**
 * The CLI's output failures and conflicting flags (issue 18 #14, #22): a full disk is one line
 * and status 1; a reader that closes the pipe early (`| head`) ends the command quietly with
 * status 0, as standard tools do; --contributions with --leaf is a usage error.
 */
import { expect, test } from 'bun:test';
import { existsSync, mkdtempSync, openSync, closeSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeModel } from '../../src/algos/index.ts';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';
import { REPO_ROOT } from '../support/fixtures.ts';

const DEV_FULL = '/dev/full';

/** A CSV of `rows` demo rows: far more output than a pipe buffer holds. */
function bigCsv(rows: number): string {
  const model = decodeModel(DEMO_MODEL_PATH);
  const names = model.inputs.map((c) => c.name);
  const row = model.inputs.map((c, i) => (c.domain ? c.domain[0] : String(i + 1))).join(',');
  const file = join(mkdtempSync(join(tmpdir(), 'cli-out-')), 'rows.csv');
  writeFileSync(file, `${names.join(',')}\n${`${row}\n`.repeat(rows)}`);
  return file;
}

const input = bigCsv(200_000);

/** No stack trace, no runtime internals. */
function expectNoTrace(stderr: string) {
  expect(stderr).not.toMatch(/\bat \S+ \(|internal:|node_modules|Bun v\d/);
}

test.skipIf(!existsSync(DEV_FULL))('score > /dev/full: one line, status 1', () => {
  for (const workers of ['1', '2']) {
    const fd = openSync(DEV_FULL, 'w');
    try {
      const p = Bun.spawnSync(
        [process.execPath, 'src/cli.ts', 'score', '--model', DEMO_MODEL_PATH, '--input', input, '--workers', workers],
        { cwd: REPO_ROOT, stdout: fd, stderr: 'pipe', stdin: 'ignore', timeout: 60_000 },
      );
      const err = p.stderr.toString();
      expectNoTrace(err);
      expect(err).toBe('mojo-scorer: cannot write the output: no space left on the device (ENOSPC)\n');
      expect(p.exitCode).toBe(1);
    } finally {
      closeSync(fd);
    }
  }
});

test.skipIf(!existsSync(DEV_FULL))('inspect > /dev/full: one line too', () => {
  const fd = openSync(DEV_FULL, 'w');
  try {
    const p = Bun.spawnSync([process.execPath, 'src/cli.ts', 'inspect', '--model', DEMO_MODEL_PATH], {
      cwd: REPO_ROOT,
      stdout: fd,
      stderr: 'pipe',
      timeout: 60_000,
    });
    expect(p.stderr.toString()).toBe('mojo-scorer: cannot write the output: no space left on the device (ENOSPC)\n');
    expect(p.exitCode).toBe(1);
  } finally {
    closeSync(fd);
  }
});

test('score | head -c 100: the command stops quietly with status 0 (one process and with workers)', async () => {
  for (const workers of ['1', '2']) {
    const p = Bun.spawn([process.execPath, 'src/cli.ts', 'score', '--model', DEMO_MODEL_PATH, '--input', input, '--workers', workers], {
      cwd: REPO_ROOT,
      stdout: 'pipe',
      stderr: 'pipe',
      stdin: 'ignore',
    });
    const reader = p.stdout.getReader();
    let got = 0;
    while (got < 100) {
      const r = await reader.read();
      if (r.done) break;
      got += r.value.length;
    }
    expect(got).toBeGreaterThanOrEqual(100);
    // The reader goes away, as head does after its 100 bytes.
    await reader.cancel();
    const code = await p.exited;
    const err = await new Response(p.stderr).text();
    expectNoTrace(err);
    expect(`${workers}: ${code} ${err}`).toBe(`${workers}: 0 `);
  }
}, 60_000);

test('score --contributions --leaf (or either with --extra): INVALID_ARGUMENT, status 2', () => {
  for (const flags of [
    ['--contributions', '--leaf'],
    ['--leaf', '--extra', 'leaf_node_ids'],
    ['--contributions', '--extra', 'x'],
  ]) {
    const p = Bun.spawnSync([process.execPath, 'src/cli.ts', 'score', '--model', DEMO_MODEL_PATH, '--input', input, ...flags], {
      cwd: REPO_ROOT,
      stderr: 'pipe',
      stdin: 'ignore',
      timeout: 60_000,
    });
    const err = p.stderr.toString();
    expect(err).toStartWith('mojo-scorer: [INVALID_ARGUMENT] score: ');
    expect(err).toContain('cannot be combined');
    expect(err.trim().split('\n').length).toBe(1);
    expect(p.stdout.toString()).toBe('');
    expect(p.exitCode).toBe(2);
  }
});
