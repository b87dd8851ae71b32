/**
 * Graceful stop of a serving process. On SIGTERM/SIGINT (or, in a worker, when the primary
 * process is gone) the server first reads what has already arrived, then stops accepting,
 * closes idle keep-alive connections, lets the requests it has received finish (their
 * responses carry `Connection: close`), and after DRAIN_TIMEOUT_MS closes whatever is left, so
 * the process always exits within SageMaker's grace period.
 *
 * Why read first: Bun's stop() closes every connection without a request in progress, and a
 * request whose bytes have arrived but are not parsed yet (the event loop was busy with a
 * slice of a long batch when the signal came) counts as none: its connection is reset and the
 * request lost. Connections waiting in the accept queue are reset too. One turn of the event
 * loop (a zero timer runs after the I/O poll) turns both into requests in progress.
 */
import type { Logger } from './log.ts';

/** How long in-flight requests may take to finish after SIGTERM (SageMaker waits 30 s). */
export const DRAIN_TIMEOUT_MS = 20_000;
/** Before closing the listener, the drain waits for a pause this long without a new request... */
const INPUT_QUIET_MS = 25;
/** ...but no longer than this in all (clients that keep connecting cannot hold the listener open). */
const INPUT_SETTLE_MAX_MS = 1000;
/** After a forced close, the process exits even if Bun's stop() has not settled. */
const EXIT_BACKSTOP_MS = 2000;
/** How often a worker checks that its parent is still the process that started it. */
const PARENT_POLL_MS = 1000;

/** The part of Bun's Server that draining needs. */
interface Stoppable {
  readonly pendingRequests: number;
  stop(closeActiveConnections?: boolean): Promise<void>;
}

/** The server's request gate (withHttpHabits): counts arrivals, marks and holds responses while draining. */
export class Drain {
  draining = false;
  private readonly forcedStop = new AbortController();
  /** Aborted when the drain runs out of time: long scoring still in flight stops (503). */
  readonly signal = this.forcedStop.signal;
  /** Requests handled so far: the drain closes the listener once no new one has come for a moment. */
  private requests = 0;
  /**
   * Set from the signal until the listener is closed: responses wait for it. A client told
   * `Connection: close` before then would reconnect into the accept queue, which closing
   * the listener resets; after it, its new connection is refused (it knows nothing was sent).
   */
  private listenerClosed: Promise<void> | undefined;

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

  /** Counts a request in (the drain waits for a pause in arrivals before closing the listener). */
  readonly arrived = (): void => {
    this.requests++;
  };

  /** The response as it may leave now: marked, and held until the listener is closed. */
  readonly leave = (response: Response): Response | Promise<Response> => {
    const closed = this.listenerClosed;
    return closed === undefined ? this.mark(response) : closed.then(() => this.mark(response));
  };

  /**
   * From now on responses wait until the returned function is called (once the listener is
   * closed), then leave with `Connection: close`.
   */
  holdResponses(): () => void {
    let open: () => void = () => {};
    this.listenerClosed = new Promise((resolve) => (open = resolve));
    return () => {
      this.listenerClosed = undefined;
      open();
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
      const release = this.holdResponses();
      await drainServer(server, log, reason, DRAIN_TIMEOUT_MS, {
        onForce: () => this.forcedStop.abort(),
        onStopCalled: release,
        requestCount: () => this.requests,
      });
      process.exit(0);
    };
    process.on('SIGTERM', () => void stop('SIGTERM'));
    process.on('SIGINT', () => void stop('SIGINT'));
    if (isWorker) whenParentGone(() => void stop('primary process gone'));
  }
}

/** What a drain tells its caller, and what it asks of it. */
export interface DrainHooks {
  /** The drain ran out of time; the remaining connections are being closed. */
  onForce?: () => void;
  /** The listener is closed (responses held until then may go). */
  onStopCalled?: () => void;
  /** Requests handled so far (the listener closes once this stops growing for a moment). */
  requestCount?: () => number;
}

/**
 * Reads what has arrived, stops accepting and waits for the requests in flight; after
 * `timeoutMs` closes the remaining connections. Resolves true if everything finished in time.
 */
export async function drainServer(
  server: Stoppable,
  log: Logger,
  reason: string,
  timeoutMs = DRAIN_TIMEOUT_MS,
  hooks: DrainHooks = {},
): Promise<boolean> {
  const { onForce = () => {}, onStopCalled = () => {}, requestCount } = hooks;
  log('info', 'draining', { reason, pending: server.pendingRequests });
  await inputSettled(requestCount);
  let forced = false;
  const stopped = server.stop(false);
  onStopCalled();
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
 * Resolves once what has arrived is being handled: after the event loop has polled its sockets
 * (a zero timer runs after the poll), and, given a request count, once no new request has come
 * for INPUT_QUIET_MS (a client answered just before the signal sends its next request on the
 * same connection), within INPUT_SETTLE_MAX_MS.
 */
async function inputSettled(requestCount: (() => number) | undefined): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (requestCount === undefined) return;
  const until = performance.now() + INPUT_SETTLE_MAX_MS;
  let seen: number;
  do {
    seen = requestCount();
    await new Promise((resolve) => setTimeout(resolve, INPUT_QUIET_MS));
  } while (requestCount() !== seen && performance.now() < until);
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
