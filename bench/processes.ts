/** Spawning servers for the bench and waiting for them to answer. */
import type { Subprocess } from 'bun';
import { readdirSync, readFileSync } from 'node:fs';

export const BUN = process.execPath;
export const ROOT = new URL('..', import.meta.url).pathname;

export async function waitForOk(url: string, timeoutMs = 15_000, pollMs = 2): Promise<number> {
  const start = performance.now();
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return performance.now() - start;
    } catch {
      /* not listening yet */
    }
    if (performance.now() - start > timeoutMs) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await Bun.sleep(pollMs);
  }
}

/** Servers still running: killed when the bench exits, even on an error. */
const live = new Set<Subprocess>();
process.on('exit', () => {
  for (const p of live) p.kill('SIGKILL');
});

export function spawnServer(args: string[], env: Record<string, string> = {}): Subprocess {
  const p = Bun.spawn([BUN, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdout: 'ignore',
    stderr: 'ignore',
  });
  live.add(p);
  void p.exited.then(() => live.delete(p));
  return p;
}

export async function stop(p: Subprocess): Promise<void> {
  p.kill('SIGTERM');
  const t = setTimeout(() => p.kill('SIGKILL'), 3000);
  await p.exited;
  clearTimeout(t);
}

function statusKb(pid: number, field: string): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : Number.NaN;
}

/** The pids of a process's children (Linux /proc; empty when it has none or has exited). */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const list = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (list !== '') for (const c of list.split(' ')) out.push(Number(c));
    }
  } catch {
    /* exited */
  }
  return out;
}

/** Resident set size (bytes) of a running process (all its threads). */
export function rssOf(pid: number): number {
  return statusKb(pid, 'VmRSS');
}

/**
 * Peak resident set size (bytes) of a running process since its last exec (VmHWM; all its
 * threads, so Bun workers included). Unlike the rusage maxRSS of a spawned child, it does not
 * count the parent's pages the child held between fork and exec.
 */
export function peakRssOf(pid: number): number {
  return statusKb(pid, 'VmHWM');
}

/**
 * Runs `run` against a fresh one-worker `serve` of the fixture on 127.0.0.1 (a random port),
 * `env` added to the server's environment; the server is stopped afterwards, even on an error.
 */
export async function withServer<T>(
  model: string,
  env: Record<string, string>,
  run: (base: string, pid: number) => Promise<T>,
): Promise<T> {
  const port = freePort();
  const p = spawnServer(['src/cli.ts', 'serve', '--model', model, '--port', String(port)], {
    SAGEMAKER_MODEL_SERVER_WORKERS: '1',
    HOST: '127.0.0.1',
    METRICS: 'false',
    ...env,
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForOk(`${base}/ping`);
    return await run(base, p.pid);
  } finally {
    await stop(p);
  }
}

let nextPort = 19100 + Math.floor(Math.random() * 500);
export function freePort(): number {
  return nextPort++;
}
