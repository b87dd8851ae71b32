/** With no model configured the demo model is served, and the log says so once, whatever the worker count. */
import { describe, expect, test } from 'bun:test';
import { existsSync } from 'node:fs';
import { SAGEMAKER_MODEL_DIR } from '../../src/mojo/index.ts';
import { DEMO_NOTICE } from '../../src/server/run.ts';
import { freePort } from '../support/free-port.ts';
import { REPO_ROOT } from '../support/fixtures.ts';

// A real /opt/ml/model on the machine would be served instead of the demo model.
const hasSageMakerDir = existsSync(SAGEMAKER_MODEL_DIR);
if (hasSageMakerDir) console.warn(`[skip] test/server/demo-notice.test.ts: ${SAGEMAKER_MODEL_DIR} exists here`);

describe.skipIf(hasSageMakerDir)('serve with no model configured', () => {
  for (const workers of ['1', '2']) {
    test(`workers=${workers}: the demo-model notice is logged exactly once`, async () => {
      const port = await freePort();
      const env: Record<string, string | undefined> = { ...process.env, SAGEMAKER_MODEL_SERVER_WORKERS: workers };
      delete env.MODEL_PATH;
      const proc = Bun.spawn([process.execPath, 'src/cli.ts', 'serve', '--port', String(port)], {
        cwd: REPO_ROOT,
        env,
        stdout: 'pipe',
        stderr: 'pipe',
      });
      try {
        for (;;) {
          if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}`);
          const ok = await fetch(`http://127.0.0.1:${port}/ping`).then(
            (r) => r.ok,
            () => false,
          );
          if (ok) break;
          await Bun.sleep(20);
        }
      } finally {
        proc.kill('SIGTERM');
      }
      expect(await proc.exited).toBe(0);
      const lines = (await new Response(proc.stdout).text()).trim().split('\n');
      const messages = lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
      expect(messages.filter((m) => m === DEMO_NOTICE)).toHaveLength(1);
      // /ping answers once the first worker listens: at least one has logged its start.
      expect(messages).toContain('serving');
      // Workers are handed the model as `--model`, yet report how the primary found it.
      const froms = lines.map((l) => JSON.parse(l) as { msg: string; from?: string }).filter((l) => l.msg === 'serving');
      for (const l of froms) expect(l.from).toBe('demo');
    }, 30_000);
  }
});
