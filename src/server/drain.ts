/**
 * Graceful stop of a serving process. On SIGTERM/SIGINT (or, in a worker, when the primary
 * process is gone) the server stops accepting, closes idle keep-alive connections at once,
 * lets the requests it has received finish (their responses carry `Connection: close`), and
 * after DRAIN_TIMEOUT_MS closes whatever is left, so the process always exits within
 * SageMaker's grace period.
 */
import type { Logger } from './log.ts';

/** How long in-flight requests may take to finish after SIGTERM (SageMaker waits 30 s). */
export const DRAIN_TIMEOUT_MS = 20_000;
/** After a forced close, the process exits even if Bun's stop() has not settled. */
const EXIT_BACKSTOP_MS = 2000;
/** How often a worker checks that its parent is still the process that started it. */
const PARENT_POLL_MS = 1000;

/** The part of Bun's Server that draining needs. */
interface Stoppable {
  readonly pendingRequests: number;
  stop(closeActiveConnections?: boolean): Promise<void>;
}

type Handler<A extends unknown[]> = (...args: A) => Response | Promise<Response>;

export class Drain {
  draining = false;
  private readonly forcedStop = new AbortController();
  /** Aborted when the drain runs out of time: long scoring still in flight stops (503). */
  readonly signal = this.forcedStop.signal;

  /** While draining, the response closes its connection (the client must not reuse it). */
  readonly mark = (response: Response): Response => {
    if (!this.draining) return response;
    try {
      response.headers.set('connection', 'close');
      return response;
    } catch {
      // Immutable headers (a Response built elsewhere): answer with a copy.
      const copy = new Response(response.body, response);
      copy.headers.set('connection', 'close');
      return copy;
    }
  };

  /** Wraps a Bun.serve handler so that responses finished during a drain get `Connection: close`. */
  wrap<A extends unknown[]>(handler: Handler<A>): Handler<A> {
    return (...args) => {
      const r = handler(...args);
      return r instanceof Promise ? r.then(this.mark) : this.mark(r);
    };
  }

  /**
   * Stops `server` on SIGTERM/SIGINT (and, for a worker, when the primary goes away), then
   * exits 0.
   */
  stopOnSignals(server: Stoppable, log: Logger, isWorker: boolean): void {
    const stop = async (reason: string) => {
      if (this.draining) return;
      this.draining = true;
      await drainServer(server, log, reason, DRAIN_TIMEOUT_MS, () => this.forcedStop.abort());
      process.exit(0);
    };
    process.on('SIGTERM', () => void stop('SIGTERM'));
    process.on('SIGINT', () => void stop('SIGINT'));
    if (isWorker) whenParentGone(() => void stop('primary process gone'));
  }
}

/**
 * Stops accepting and waits for the requests in flight; after `timeoutMs` closes the remaining
 * connections. Resolves true if everything finished in time.
 */
export async function drainServer(
  server: Stoppable,
  log: Logger,
  reason: string,
  timeoutMs = DRAIN_TIMEOUT_MS,
  onForce: () => void = () => {},
): Promise<boolean> {
  log('info', 'draining', { reason, pending: server.pendingRequests });
  let forced = false;
  const stopped = server.stop(false);
  const force = setTimeout(() => {
    forced = true;
    log('warn', 'drain timeout: closing the remaining connections', { pending: server.pendingRequests, timeoutMs });
    onForce();
    void server.stop(true);
  }, timeoutMs);
  // Should the stop promise never settle after a forced close, the process still gets to exit.
  let backstop: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([stopped, new Promise<void>((resolve) => (backstop = setTimeout(resolve, timeoutMs + EXIT_BACKSTOP_MS)))]);
  clearTimeout(force);
  clearTimeout(backstop);
  log('info', 'stopped', { forced });
  return !forced;
}

/**
 * Calls `then` once the parent process has gone (killed with -9, or crashed): the IPC channel
 * disconnects, and as a fallback the parent pid changes (the orphan is re-parented).
 */
function whenParentGone(then: () => void): void {
  const parent = process.ppid;
  let fired = false;
  const fire = () => {
    if (fired) return;
    fired = true;
    clearInterval(poll);
    then();
  };
  const poll = setInterval(() => {
    if (process.ppid !== parent) fire();
  }, PARENT_POLL_MS);
  poll.unref();
  process.on('disconnect', fire);
}
