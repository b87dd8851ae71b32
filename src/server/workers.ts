/**
 * The primary process of a multi-worker server: claims the port (port-claim.ts), spawns
 * `workers` copies of `serve` that share it (Bun.serve reusePort; the kernel spreads
 * connections), waits until every worker is ready (has loaded its model, or, multi-model, listens),
 * restarts a worker that dies, sums the workers' metrics (metrics-ipc.ts), hands other worker
 * messages to its caller (the multi-model catalog, multi-model/catalog-ipc.ts), and on
 * SIGTERM/SIGINT forwards the signal and exits 0 once all workers have drained. Workers exit
 * by themselves when the primary is gone.
 */
import type { Subprocess } from 'bun';
import { coded, ERROR_STATUS, type ErrorCode, ScorerError } from '../errors.ts';
import { SELF_COMMAND } from '../self-command.ts';
import { DRAIN_TIMEOUT_MS } from './drain.ts';
import type { Logger } from './log.ts';
import { MetricsTotals } from './metrics-ipc.ts';
import { claimPort } from './port-claim.ts';
import { mark } from '../startup-trace.ts';

/** Restart delay for a worker that died after start-up. */
const RESTART_DELAY_MS = 1000;
/** A worker still running this long after SIGTERM is killed (its own drain force-closes first). */
const KILL_AFTER_MS = DRAIN_TIMEOUT_MS + 5000;

export interface PrimaryOptions {
  /** What each worker runs after `serve`: `--model PATH`, or `--multi-model`. */
  serveArgs: string[];
  port: number;
  hostname: string;
  workers: number;
  log: Logger;
  workerEnv: string;
  /** Where the workers' metrics are summed (a multi-model endpoint's adds its list of models). */
  metrics?: MetricsTotals;
  /** A worker's message the primary does not handle itself; true when it was taken. */
  onMessage?: (message: unknown, proc: Subprocess) => boolean;
  /** A worker was started / has exited. */
  onSpawn?: (proc: Subprocess) => void;
  onExit?: (proc: Subprocess) => void;
}

/** What a worker that cannot start sends its primary (the error it would have printed). */
interface StartFailedMessage {
  startFailed: { code?: string; name: string; message: string };
}

/** Error classes the CLI reports as internal errors (cli/report.ts): kept when an error crosses over. */
const BUG_ERRORS: Record<string, ErrorConstructor> = { TypeError, RangeError, ReferenceError, SyntaxError };

/**
 * In a worker: runs `start`; if it fails, the error goes to the primary (which reports it once,
 * however many workers fail the same way) and the worker exits 1 without a word of its own.
 */
export async function startAsWorker(start: () => Promise<void>): Promise<void> {
  try {
    await start();
  } catch (e) {
    const send = process.send?.bind(process);
    if (send === undefined) throw e;
    const err = e instanceof Error ? e : new Error(String(e));
    const startFailed = { code: e instanceof ScorerError ? e.code : undefined, name: err.name, message: err.message };
    await new Promise<void>((resolve) => send({ startFailed } satisfies StartFailedMessage, undefined, undefined, () => resolve()));
    process.exit(1);
  }
}

/** A worker's start-up error, rebuilt in the primary as the same code (or error class) and message. */
function startError(failed: StartFailedMessage['startFailed']): Error {
  const { code, name, message } = failed;
  if (code !== undefined && Object.hasOwn(ERROR_STATUS, code)) return new (coded(code as ErrorCode))(message);
  return new (BUG_ERRORS[name] ?? Error)(message);
}

export async function runPrimary(o: PrimaryOptions): Promise<void> {
  const claim = claimPort(o.port, o.hostname);
  const metrics = o.metrics ?? new MetricsTotals();
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
    const p = Bun.spawn([...SELF_COMMAND, 'serve', ...o.serveArgs, '--port', String(o.port)], {
      env: { ...process.env, [o.workerEnv]: String(i) },
      stdio: ['ignore', 'inherit', 'inherit'],
      ipc(message, proc) {
        const failed = (message as Partial<StartFailedMessage> | undefined)?.startFailed;
        if (failed !== undefined) {
          if (!started) failStart(startError(failed));
          return;
        }
        if (metrics.receive(proc.pid, message, (m) => proc.send(m))) return;
        if (o.onMessage?.(message, proc)) return;
        if ((message as { ready?: boolean })?.ready && !started && ++readyCount === o.workers) {
          started = true;
          allReady();
        }
      },
      onExit(proc, code, signal) {
        metrics.exited(proc.pid);
        o.onExit?.(proc);
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
    o.onSpawn?.(p);
  };

  const stopAll = async (signal: NodeJS.Signals) => {
    stopping = true;
    const live = procs.filter((p): p is Subprocess => p !== undefined);
    for (const p of live) p.kill(signal);
    const kill = setTimeout(() => {
      for (const p of live) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    }, KILL_AFTER_MS);
    await Promise.all(live.map((p) => p.exited));
    clearTimeout(kill);
    claim.release();
  };

  process.on('SIGTERM', () => void stopAll('SIGTERM').then(() => process.exit(0)));
  process.on('SIGINT', () => void stopAll('SIGINT').then(() => process.exit(0)));

  for (let i = 0; i < o.workers; i++) spawn(i);
  mark('spawn');
  try {
    await startup;
  } catch (e) {
    await stopAll('SIGTERM');
    throw e;
  }
  o.log('info', 'all workers ready', { workers: o.workers, port: o.port });
}
