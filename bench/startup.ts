/** Cold start (process start → first /ping 200, and where the time goes) and resident memory after load, idle. */
import { statSync } from 'node:fs';
import { fixturePath } from './fixtures.ts';
import type { Subprocess } from 'bun';
import { BUN, freePort, ROOT, rssOf, spawnServer, stop, waitForOk } from './processes.ts';

function median(xs: number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.floor(s.length / 2)];
}

/** One process's line of the start-up trace (src/startup-trace.ts). */
interface Trace {
  pid: number;
  role: 'server' | 'worker' | 'primary';
  worker?: number;
  /** The process's start, epoch milliseconds. */
  origin: number;
  /** Phase → milliseconds since `origin` at which it ended (codegen: a duration). */
  phases: Record<string, number>;
}

/** Start-up phases, in milliseconds (medians over the runs). */
export interface StartupBreakdown {
  /** Spawn → first /ping 200 with one worker, and with `workers` (a primary and its workers). */
  oneMs: number;
  allMs: number;
  workers: number;
  /** A bare Bun.serve (bench/bare-server.ts): spawn → first 200. */
  bareMs: number;
  /** One worker: where its time went (see startup-trace.ts for the marks). */
  phases: { name: string; ms: number }[];
  /** Several workers: the primary's spawn of them, the first and the last to listen, after the bench's spawn. */
  primarySpawnMs: number;
  firstWorkerMs: number;
  lastWorkerMs: number;
  idleRss: number;
}

const epochNow = () => performance.timeOrigin + performance.now();

/** Spawns `serve` with the trace on; resolves at the first /ping 200 with the traces written by then and shortly after. */
async function tracedStart(
  fixture: string,
  workers: number,
  expectTraces: number,
): Promise<{ ms: number; spawnedAt: number; traces: Trace[]; proc: Subprocess }> {
  const port = freePort();
  const spawnedAt = epochNow();
  const t0 = performance.now();
  const proc = Bun.spawn([BUN, 'src/cli.ts', 'serve', '--model', fixturePath(fixture), '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, SAGEMAKER_MODEL_SERVER_WORKERS: String(workers), HOST: '127.0.0.1', MOJO_SCORER_STARTUP_TRACE: '1' },
    stdout: 'ignore',
    stderr: 'pipe',
  });
  const traces: Trace[] = [];
  void (async () => {
    let text = '';
    const reader = proc.stderr.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      let nl = text.indexOf('\n');
      while (nl >= 0) {
        const line = text.slice(0, nl);
        text = text.slice(nl + 1);
        if (line.startsWith('{"startup"')) traces.push((JSON.parse(line) as { startup: Trace }).startup);
        nl = text.indexOf('\n');
      }
    }
  })();
  await waitForOk(`http://127.0.0.1:${port}/ping`, 15_000, 1);
  const ms = performance.now() - t0;
  for (let i = 0; i < 200 && traces.length < expectTraces; i++) await Bun.sleep(10);
  return { ms, spawnedAt, traces, proc };
}

/** The phases of one serving process, as durations, from its trace (and the bench's spawn time). */
function servingPhases(t: Trace, spawnedAt: number, totalMs: number): Record<string, number> {
  const p = t.phases;
  const origin = t.origin - spawnedAt;
  return {
    'runtime (spawn → cli.ts runs)': origin + p.main,
    'start-up modules (cli.ts → runServer)': p.run - p.main,
    'serving modules (decoder, scoring, real-time routes)': p.modules - p.run,
    'model decode (without code generation)': p.decode - p.modules - p.codegen,
    'code generation': p.codegen,
    'session and invoker': p.serving - p.decode,
    'listen (Bun.serve)': p.listen - p.serving,
    'first /ping (request, poll)': totalMs - (origin + p.listen),
    'after /ping: the app (Elysia, OpenAPI, other routes)': p.app - p.listen,
  };
}

/**
 * Cold start: process start → first /ping 200 with one worker and with `workers` (default 2),
 * a bare Bun.serve for the runtime's own start, a breakdown of the one-worker start from the
 * server's start-up trace, and resident memory after load, idle. Runs alternate between the
 * three kinds, so that a busy machine slows them alike.
 */
export async function benchStartup(fixture: string, runs = 5, workers = 2): Promise<StartupBreakdown> {
  const one: number[] = [];
  const all: number[] = [];
  const bare: number[] = [];
  const phases = new Map<string, number[]>();
  const spawnAt: number[] = [];
  const firstWorker: number[] = [];
  const lastWorker: number[] = [];
  let idleRss = Number.NaN;
  for (let i = 0; i < runs; i++) {
    const s = await tracedStart(fixture, 1, 1);
    one.push(s.ms);
    const t = s.traces.find((x) => x.role === 'server');
    if (t) for (const [k, v] of Object.entries(servingPhases(t, s.spawnedAt, s.ms))) phases.set(k, [...(phases.get(k) ?? []), v]);
    if (i === runs - 1) {
      await Bun.sleep(300);
      idleRss = rssOf(s.proc.pid);
    }
    await stop(s.proc);

    const m = await tracedStart(fixture, workers, workers + 1);
    all.push(m.ms);
    const primary = m.traces.find((x) => x.role === 'primary');
    const ws = m.traces.filter((x) => x.role === 'worker').map((x) => x.origin + x.phases.listen - m.spawnedAt);
    if (primary) spawnAt.push(primary.origin + primary.phases.spawn - m.spawnedAt);
    if (ws.length > 0) {
      firstWorker.push(Math.min(...ws));
      lastWorker.push(ws.length === workers ? Math.max(...ws) : Number.NaN);
    }
    await stop(m.proc);

    const q = freePort();
    const t1 = performance.now();
    const b = spawnServer(['bench/bare-server.ts', String(q)]);
    await waitForOk(`http://127.0.0.1:${q}/`, 15_000, 1);
    bare.push(performance.now() - t1);
    await stop(b);
  }
  return {
    oneMs: median(one),
    allMs: median(all),
    workers,
    bareMs: median(bare),
    phases: [...phases].map(([name, xs]) => ({ name, ms: median(xs) })),
    primarySpawnMs: median(spawnAt),
    firstWorkerMs: median(firstWorker),
    lastWorkerMs: median(lastWorker),
    idleRss,
  };
}

/** RSS of a process that only loads the model, plus typed-array bytes the model holds. */
export function benchMemory(fixture: string): { rss: number; modelBytes: number; fileBytes: number } {
  const r = Bun.spawnSync([BUN, 'bench/memory-probe.ts', fixturePath(fixture)], { cwd: new URL('..', import.meta.url).pathname });
  const m = JSON.parse(r.stdout.toString() || '{}') as { rss?: number; modelBytes?: number };
  return { rss: m.rss ?? NaN, modelBytes: m.modelBytes ?? NaN, fileBytes: statSync(fixturePath(fixture)).size };
}

/** `bun bench/startup.ts [runs] [workers]`: the start-up figures alone, as JSON. */
if (import.meta.main) {
  const runs = Number(process.argv[2] ?? 7);
  const workers = Number(process.argv[3] ?? 2);
  console.log(JSON.stringify(await benchStartup('jmh_gbm_prostate', runs, workers), null, 2));
}
