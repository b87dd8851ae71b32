/**
 * The container ships `bun build --compile` of src/cli.ts, not the sources: the binary must serve
 * on its own (demo model and Swagger UI assets embedded, workers spawned from the binary itself)
 * with no node_modules next to it. Built here into a temporary folder, as the Dockerfile does.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { unzipSync, zipSync } from 'fflate';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeModel } from '../../src/algos/index.ts';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';
import { REPO_ROOT } from '../support/fixtures.ts';
import { freePort } from '../support/free-port.ts';

const DIR = mkdtempSync(join(tmpdir(), 'mojo-scorer-compiled-'));
const BINARY = join(DIR, 'mojo-scorer');
const ROW = { tenure_months: 3, monthly_charges: 95.5, support_calls: 4, plan: 'basic', region: 'east' };

beforeAll(() => {
  // As the Dockerfile builds it: the trial-load worker and the score thread are entrypoints too.
  const entries = ['src/cli.ts', 'src/server/multi-model/load-worker.ts', 'src/cli/score-thread.ts'];
  const build = Bun.spawnSync([process.execPath, 'build', '--compile', '--minify', '--bytecode', ...entries, '--outfile', BINARY], {
    cwd: REPO_ROOT,
    stdout: 'pipe',
    stderr: 'pipe',
  });
  if (build.exitCode !== 0) throw new Error(`bun build --compile failed: ${build.stderr.toString()}`);
}, 120_000);

afterAll(() => rmSync(DIR, { recursive: true, force: true }));

describe('the compiled binary', () => {
  test('serves the embedded demo model and Swagger UI with two workers, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const env: Record<string, string | undefined> = { ...process.env, SAGEMAKER_MODEL_SERVER_WORKERS: '2', HOST: '127.0.0.1' };
    delete env.MODEL_PATH;
    // Run from an empty folder: nothing may be read from the source tree or node_modules.
    const proc = Bun.spawn([BINARY, 'serve', '--port', String(port)], { cwd: DIR, env, stdout: 'pipe', stderr: 'pipe' });
    const base = `http://127.0.0.1:${port}`;
    try {
      for (;;) {
        if (proc.exitCode !== null) throw new Error(`binary exited with ${proc.exitCode}: ${await new Response(proc.stderr).text()}`);
        const ok = await fetch(`${base}/ping`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        await Bun.sleep(25);
      }
      const scored = await fetch(`${base}/invocations`, {
        method: 'POST',
        body: JSON.stringify(ROW),
        headers: { 'content-type': 'application/json' },
      });
      expect(scored.status).toBe(200);
      expect(((await scored.json()) as { predict: string }).predict).toBe('yes');
      const asset = await fetch(`${base}/swagger/assets/swagger-ui-bundle.js`);
      expect(asset.status).toBe(200);
      expect((await asset.arrayBuffer()).byteLength).toBe(
        Bun.file(Bun.resolveSync('swagger-ui-dist/swagger-ui-bundle.js', REPO_ROOT)).size,
      );
      // The model page's script is inlined at compile time: the binary has no sources to bundle.
      const page = await fetch(`${base}/page.js`);
      expect(page.status).toBe(200);
      expect((await page.text()).length).toBeGreaterThan(1000);
    } finally {
      proc.kill('SIGTERM');
    }
    expect(await proc.exited).toBe(0);
  }, 60_000);

  test('score --workers 2 scores a large file on score threads started from the binary, as one thread does', () => {
    const model = decodeModel(DEMO_MODEL_PATH);
    const lines = [model.inputs.map((c) => c.name).join(',')];
    for (let i = 0; lines.length < 200_000; i++)
      lines.push(model.inputs.map((c, j) => (c.domain ? c.domain[(i + j) % c.domain.length] : String((i * 31 + j) % 97))).join(','));
    const input = join(DIR, 'big.csv');
    writeFileSync(input, `${lines.join('\n')}\n`);
    const run = (workers: string) =>
      Bun.spawnSync([BINARY, 'score', '--model', DEMO_MODEL_PATH, '--input', input, '--format', 'csv', '--workers', workers], {
        cwd: DIR,
        // Workers from the first block, however fast this machine scores the file.
        env: { ...process.env, MOJO_SCORER_WORKERS_AFTER_MS: '0' },
        stdout: 'pipe',
        stderr: 'pipe',
        timeout: 110_000,
      });
    const one = run('1');
    const two = run('2');
    expect(two.stderr.toString()).toBe('');
    expect(two.exitCode).toBe(0);
    expect(one.exitCode).toBe(0);
    expect(two.stdout.toString().split('\n').length).toBe(lines.length + 1);
    expect(Bun.hash(two.stdout)).toBe(Bun.hash(one.stdout));
  }, 240_000);

  test('serve --multi-model trial-loads a model on its worker thread, from inside the binary', async () => {
    // The demo model plus an incompressible padding entry.
    const files = unzipSync(readFileSync(DEMO_MODEL_PATH));
    files['padding.bin'] = crypto.getRandomValues(new Uint8Array(256 * 1024 + 1024));
    const root = join(DIR, 'models');
    mkdirSync(join(root, 'big/model'), { recursive: true });
    const zip = zipSync(files, { level: 0 });
    expect(zip.length).toBeGreaterThan(256 * 1024);
    writeFileSync(join(root, 'big/model/model.zip'), zip);
    const port = await freePort();
    const env: Record<string, string | undefined> = { ...process.env, MULTI_MODEL_ROOT: root, HOST: '127.0.0.1' };
    const proc = Bun.spawn([BINARY, 'serve', '--multi-model', '--port', String(port)], { cwd: DIR, env, stdout: 'pipe', stderr: 'pipe' });
    const base = `http://127.0.0.1:${port}`;
    try {
      for (;;) {
        if (proc.exitCode !== null) throw new Error(`binary exited with ${proc.exitCode}: ${await new Response(proc.stderr).text()}`);
        if (
          await fetch(`${base}/ping`).then(
            (r) => r.ok,
            () => false,
          )
        )
          break;
        await Bun.sleep(25);
      }
      const json = { 'content-type': 'application/json' };
      const loaded = await fetch(`${base}/models`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ model_name: 'big', url: 'big/model' }),
      });
      expect(loaded.status).toBe(200);
      const scored = await fetch(`${base}/models/big/invoke`, { method: 'POST', headers: json, body: JSON.stringify(ROW) });
      expect(scored.status).toBe(200);
      expect(((await scored.json()) as { predict: string }).predict).toBe('yes');
    } finally {
      proc.kill('SIGTERM');
    }
    await proc.exited;
  }, 60_000);
});
