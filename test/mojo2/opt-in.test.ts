/**
 * The opt-in to unverified operations: `--allow-unverified` on the command line (score, inspect),
 * and the notices a server logs at start (licence not needed; a warning naming what is unverified).
 */
import { describe, expect, test } from 'bun:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadNotices } from '../../src/algos/index.ts';
import { ALLOW_UNVERIFIED_ENV, LICENSE_NOTICE, loadMojo2 } from '../../src/algos/mojo2/index.ts';
import { ScoreThreads } from '../../src/cli/score-threads.ts';
import { openMojoBytes } from '../../src/mojo/index.ts';
import { REPO_ROOT } from '../support/fixtures.ts';
import { fakeBinomial } from '../support/fake-model.ts';
import { Pb, type PipelineSpec, pipelineMojo, tensorFile, tensorRef } from '../support/mojo2-writer.ts';

const kmeans: PipelineSpec = {
  features: [['x', 'float64']],
  outputs: [['id', 'int32']],
  groups: [[1, 'ClusterIdTransformer']],
  transformations: [
    { inputs: ['x'], outputs: ['id'], op: 24, group: 1, params: new Pb().int(1, 2).int(2, 2).msg(3, tensorRef('float64', 'mojo/c')) },
  ],
};
const entries = { 'mojo/c': tensorFile('float64', [0, 10]) };

function cli(args: string[]) {
  const r = Bun.spawnSync([process.execPath, 'src/cli.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, MOJO_ALLOW_UNVERIFIED: '' },
  });
  return { code: r.exitCode, out: r.stdout.toString(), err: r.stderr.toString() };
}

describe('opting in to unverified operations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'optin-'));
  const model = join(dir, 'pipeline.mojo');
  writeFileSync(model, pipelineMojo(kmeans, entries));
  writeFileSync(join(dir, 'rows.csv'), 'x\n1\n9\n');

  test('score refuses with one line, and scores with --allow-unverified', () => {
    const refused = cli(['score', '--model', model, '--input', join(dir, 'rows.csv'), '--format', 'csv']);
    expect(refused.code).toBe(1);
    expect(refused.out).toBe('');
    expect(refused.err.trim().split('\n').length).toBe(1);
    expect(refused.err).toContain('[MOJO2_UNSUPPORTED]');
    const allowed = cli(['score', '--allow-unverified', '--model', model, '--input', join(dir, 'rows.csv'), '--format', 'csv']);
    expect(allowed.code).toBe(0);
    expect(allowed.out).toBe('id,error\n0,\n1,\n');
  });

  test('score threads decode with the opt-in set at run time (--allow-unverified sets it after start)', async () => {
    const before = process.env[ALLOW_UNVERIFIED_ENV];
    process.env[ALLOW_UNVERIFIED_ENV] = '1';
    const threads = new ScoreThreads(1, model, { format: 'csv', lenient: true });
    try {
      threads.header(['x']);
      await threads.settled;
      expect(threads.threads[0].ready).toBe(true);
    } finally {
      threads.close();
      if (before === undefined) delete process.env[ALLOW_UNVERIFIED_ENV];
      else process.env[ALLOW_UNVERIFIED_ENV] = before;
    }
  });

  test('inspect lists the unverified operations', () => {
    const r = cli(['inspect', '--allow-unverified', '--model', model]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('UNVERIFIED');
    expect(r.out).toContain("'ClusterIdTransformer' (operation 24, k-means)");
  });

  test('a server logs the licence notice, and a warning when it scores unverified operations', () => {
    const m = loadMojo2(openMojoBytes(pipelineMojo(kmeans, entries), 't'), true);
    const notices = loadNotices(m);
    expect(notices[0]).toEqual({ level: 'info', msg: LICENSE_NOTICE });
    expect(notices[1].level).toBe('warn');
    expect(notices[1].fields).toEqual({ unverified: m.unverified });
    expect(loadNotices(fakeBinomial())).toEqual([]);
  });
});
