/**
 * The container ships `bun build --compile` of src/cli.ts, not the sources: the binary must serve
 * on its own (demo model and Swagger UI assets embedded, workers spawned from the binary itself)
 * with no node_modules next to it. Built here into a temporary folder, as the Dockerfile does.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/free-port.ts';
import { REPO_ROOT } from '../support/fixtures.ts';

const DIR = mkdtempSync(join(tmpdir(), 'mojo-scorer-compiled-'));
const BINARY = join(DIR, 'mojo-scorer');
const ROW = { tenure_months: 3, monthly_charges: 95.5, support_calls: 4, plan: 'basic', region: 'east' };

beforeAll(() => {
  const build = Bun.spawnSync([process.execPath, 'build', '--compile', '--minify', 'src/cli.ts', '--outfile', BINARY], {
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
});
