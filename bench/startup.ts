/** Cold start (process start → first /ping 200) and resident memory after load, idle. */
import { statSync } from 'node:fs';
import { fixturePath } from './fixtures.ts';
import { BUN, freePort, rssOf, spawnServer, stop, waitForOk } from './processes.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function benchStartup(fixture: string, runs = 5): Promise<{ oursMs: number; bareMs: number; idleRss: number }> {
  const ours: number[] = [];
  const bare: number[] = [];
  let idleRss = NaN;
  for (let i = 0; i < runs; i++) {
    const p = freePort();
    const t0 = performance.now();
    const s = spawnServer(['src/cli.ts', 'serve', '--model', fixturePath(fixture), '--port', String(p)], {
      SAGEMAKER_MODEL_SERVER_WORKERS: '1',
    });
    await waitForOk(`http://127.0.0.1:${p}/ping`, 15_000, 1);
    ours.push(performance.now() - t0);
    if (i === runs - 1) {
      await Bun.sleep(300);
      idleRss = rssOf(s.pid);
    }
    await stop(s);
    const q = freePort();
    const t1 = performance.now();
    const b = spawnServer(['bench/bare-server.ts', String(q)]);
    await waitForOk(`http://127.0.0.1:${q}/`, 15_000, 1);
    bare.push(performance.now() - t1);
    await stop(b);
  }
  return { oursMs: median(ours), bareMs: median(bare), idleRss };
}

/** RSS of a process that only loads the model, plus typed-array bytes the model holds. */
export function benchMemory(fixture: string): { rss: number; modelBytes: number; fileBytes: number } {
  const r = Bun.spawnSync([BUN, 'bench/memory-probe.ts', fixturePath(fixture)], { cwd: new URL('..', import.meta.url).pathname });
  const m = JSON.parse(r.stdout.toString() || '{}') as { rss?: number; modelBytes?: number };
  return { rss: m.rss ?? NaN, modelBytes: m.modelBytes ?? NaN, fileBytes: statSync(fixturePath(fixture)).size };
}
