/**
 * The primary process of a multi-worker server: spawns `workers` copies of `serve` that share
 * the port (Bun.serve reusePort; the kernel spreads connections), waits until every worker has
 * loaded its model, restarts a worker that dies, and on SIGTERM/SIGINT forwards the signal and
 * exits 0 once all workers have drained.
 */
import type { Subprocess } from 'bun';
import { fileURLToPath } from 'node:url';
import type { Logger } from './log.ts';

/**
 * How a worker is started: `bun src/cli.ts`, or, inside a `bun build --compile` binary (whose
 * modules live under Bun's virtual /$bunfs/ folder), the binary alone: it always runs its embedded
 * entry point, and an extra script argument would be taken for the command.
 */
const SELF = import.meta.url.includes('/$bunfs/')
  ? [process.execPath]
  : [process.execPath, fileURLToPath(new URL('../cli.ts', import.meta.url))];
/** Restart delay for a worker that died after start-up. */
const RESTART_DELAY_MS = 1000;

export interface PrimaryOptions {
  model: string;
  port: number;
  workers: number;
  log: Logger;
  workerEnv: string;
}

export async function runPrimary(o: PrimaryOptions): Promise<void> {
  const procs = new Array<Subprocess | undefined>(o.workers);
  let stopping = false;
  let started = false;
  let readyCount = 0;
  let failStart: (e: Error) => void = () => {};
  let allReady: () => void = () => {};
  const startup = new Promise<void>((resolve, reject) => {
    allReady = resolve;
    failStart = reject;
  });

  const spawn = (i: number) => {
    const p = Bun.spawn([...SELF, 'serve', '--model', o.model, '--port', String(o.port)], {
      env: { ...process.env, [o.workerEnv]: String(i) },
      stdio: ['ignore', 'inherit', 'inherit'],
      ipc(message) {
        if ((message as { ready?: boolean })?.ready && !started && ++readyCount === o.workers) {
          started = true;
          allReady();
        }
      },
      onExit(_proc, code, signal) {
        procs[i] = undefined;
        if (stopping) return;
        if (!started) {
          failStart(new Error(`worker ${i} exited during start-up (code ${code}${signal ? `, ${signal}` : ''})`));
          return;
        }
        o.log('error', 'worker died; restarting', { worker: i, code, signal });
        setTimeout(() => {
          if (!stopping) spawn(i);
        }, RESTART_DELAY_MS);
      },
    });
    procs[i] = p;
  };

  const stopAll = async (signal: NodeJS.Signals) => {
    stopping = true;
    const live = procs.filter((p): p is Subprocess => p !== undefined);
    for (const p of live) p.kill(signal);
    await Promise.all(live.map((p) => p.exited));
  };

  process.on('SIGTERM', () => void stopAll('SIGTERM').then(() => process.exit(0)));
  process.on('SIGINT', () => void stopAll('SIGINT').then(() => process.exit(0)));

  for (let i = 0; i < o.workers; i++) spawn(i);
  try {
    await startup;
  } catch (e) {
    await stopAll('SIGTERM');
    throw e;
  }
  o.log('info', 'all workers ready', { workers: o.workers, port: o.port });
}
