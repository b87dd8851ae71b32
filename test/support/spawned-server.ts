/**
 * `bun src/cli.ts serve` as a child process on a random 127.0.0.1 port, for the process-level
 * tests (port claim, shutdown, orphan workers, whole-server metrics). Every server started
 * here is remembered so that afterAll can kill what a failed test left running.
 */
import type { Subprocess } from 'bun';
import { connect, type Socket } from 'node:net';
import { REPO_ROOT } from './fixtures.ts';
import { freePort } from './free-port.ts';

const ROOT = REPO_ROOT;
const started = new Set<Subprocess>();

export interface Served {
  proc: Subprocess<'ignore', 'pipe', 'pipe'>;
  port: number;
  base: string;
  /** What the server has logged on stdout so far (JSON lines). */
  stdout: () => string;
}

/** Starts a server (the bundled demo model unless `model` is given) and waits for /ping. */
export async function startServer(o: { workers: number; port?: number; model?: string; env?: Record<string, string> }): Promise<Served> {
  const served = spawnServer(o.workers, o.port ?? (await freePort()), o.model, o.env);
  await waitForPing(served);
  return served;
}

/** Spawns a server without waiting for it (for servers expected to fail). */
export function spawnServer(workers: number, port: number, model?: string, env: Record<string, string> = {}): Served {
  const proc = Bun.spawn([process.execPath, 'src/cli.ts', 'serve', '--port', String(port), ...(model ? ['--model', model] : [])], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', SAGEMAKER_MODEL_SERVER_WORKERS: String(workers), ...env },
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
  });
  started.add(proc);
  void proc.exited.then(() => started.delete(proc));
  let out = '';
  void (async () => {
    const decoder = new TextDecoder();
    const reader = proc.stdout.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) out += decoder.decode(r.value, { stream: true });
  })();
  return { proc, port, base: `http://127.0.0.1:${port}`, stdout: () => out };
}

export async function waitForPing(s: Served, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (s.proc.exitCode !== null) throw new Error(`server exited with ${s.proc.exitCode}: ${await new Response(s.proc.stderr).text()}`);
    try {
      if ((await fetch(`${s.base}/ping`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await Bun.sleep(50);
  }
  throw new Error(`no /ping answer on port ${s.port} within ${timeoutMs} ms`);
}

/** The pids of the processes that logged 'serving' (the workers, or the single process). */
export function servingPids(s: Served): number[] {
  const pids: number[] = [];
  for (const line of s.stdout().split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { msg?: string; pid?: number };
    if (entry.msg === 'serving' && typeof entry.pid === 'number') pids.push(entry.pid);
  }
  return pids;
}

/** True while the process exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True while something accepts connections on the port. */
export function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** Kills every server a test left running (afterAll). */
export function killStarted(): void {
  for (const p of started) p.kill('SIGKILL');
}

/** A raw keep-alive connection that collects the responses it gets. */
export class RawClient {
  readonly socket: Socket;
  text = '';
  closed: Promise<void>;

  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.on('data', (d) => {
      this.text += d.toString('latin1');
    });
    this.closed = new Promise((resolve) => this.socket.on('close', () => resolve()));
    this.socket.on('error', () => {});
  }

  /** Status lines received so far. */
  statuses(): string[] {
    return this.text.match(/HTTP\/1\.1 \d{3}/g) ?? [];
  }

  /** Resolves once `n` responses have started arriving. */
  async responses(n: number, timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.statuses().length < n) {
      if (Date.now() > until) throw new Error(`only ${this.statuses().length} of ${n} responses: ${this.text.slice(0, 300)}`);
      await Bun.sleep(10);
    }
  }
}
