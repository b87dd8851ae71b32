/**
 * Gives up on body reads that take too long, with one shared timer instead of one per read.
 * A timer and a Promise.race per read cost a one-row request about a quarter of its time;
 * here a read registers its expiry in a set that a single coarse tick (TICK_MS, unref'd, only
 * running while reads are waiting) sweeps, so a read costs a set insert and a delete. A read
 * may be handed its caller's next step (ReadContinuation), run as it settles: a one-row request
 * then waits on one promise, made once with no closure but the two its read needs.
 */

/** How often waiting reads are checked: an expiry fires up to this much late. */
const TICK_MS = 200;

interface Watched {
  readonly expires: number;
  readonly fail: () => void;
}

const waiting = new Set<Watched>();
let ticker: ReturnType<typeof setInterval> | undefined;

function sweep(): void {
  const now = performance.now();
  for (const w of waiting) {
    if (w.expires <= now) {
      waiting.delete(w);
      w.fail();
    }
  }
  if (waiting.size === 0 && ticker !== undefined) {
    clearInterval(ticker);
    ticker = undefined;
  }
}

/** How a watched read fails: when it runs out of time, when it breaks, and (optionally) what it must hold. */
export interface ReadFailures<T> {
  expired(): Error;
  broken(e: unknown): Error;
  /** The error a read that completed still is (a short body), or undefined when it is good. */
  check?(value: T): Error | undefined;
}

/**
 * What a watched read's value becomes, and what its failure (expired, broken, refused by
 * `check`) becomes: the caller's next step, run as the read settles, so that it takes no
 * continuation of its own. Without one, the read's promise holds the value or the failure.
 */
export interface ReadContinuation<T, R> {
  value(value: T): R | Promise<R>;
  error(e: unknown): R | Promise<R>;
}

/** A read being watched: settles the caller's promise with the read's outcome, or its failure on expiry. */
class WatchedRead<T> implements Watched {
  resolve: (value: unknown) => void = settledAlready;
  reject: (e: unknown) => void = settledAlready;
  /** Once the read has an outcome (or has expired), what comes later is ignored. */
  private settled = false;

  constructor(
    readonly expires: number,
    private readonly failures: ReadFailures<T>,
    private readonly then: ReadContinuation<T, unknown> | undefined,
  ) {}

  fail(): void {
    this.settle(false, this.failures.expired());
  }

  read(value: T): void {
    waiting.delete(this);
    if (this.settled) return;
    const bad = this.failures.check?.(value);
    if (bad !== undefined) {
      this.settle(false, bad);
      return;
    }
    this.settle(true, value);
  }

  broke(e: unknown): void {
    waiting.delete(this);
    if (!this.settled) this.settle(false, this.failures.broken(e));
  }

  /** Settles with the read's value (`ok`) or a failure, through the continuation when there is one. */
  private settle(ok: boolean, outcome: unknown): void {
    this.settled = true;
    const then = this.then;
    if (then === undefined) {
      if (ok) this.resolve(outcome);
      else this.reject(outcome);
      return;
    }
    try {
      this.resolve(ok ? then.value(outcome as T) : then.error(outcome));
    } catch (e) {
      this.reject(e);
    }
  }
}

function settledAlready(): void {}

/** The read whose promise is being made (the executor below runs synchronously inside `new Promise`). */
let making: WatchedRead<unknown> | undefined;

function takeResolvers(resolve: (value: never) => void, reject: (e: unknown) => void): void {
  const w = making as WatchedRead<unknown>;
  w.resolve = resolve as (value: unknown) => void;
  w.reject = reject;
}

/**
 * `read`'s value, or a failure once performance.now() passes `expires` (checked every TICK_MS);
 * given `then`, what that makes of either.
 */
export function within<T, R = T>(read: Promise<T>, expires: number, fail: ReadFailures<T>, then?: ReadContinuation<T, R>): Promise<R> {
  const w = new WatchedRead<T>(expires, fail, then);
  making = w as WatchedRead<unknown>;
  const watched = new Promise<R>(takeResolvers);
  making = undefined;
  waiting.add(w);
  if (ticker === undefined) {
    ticker = setInterval(sweep, TICK_MS);
    ticker.unref?.();
  }
  read.then(
    (value) => w.read(value),
    (e: unknown) => w.broke(e),
  );
  return watched;
}

/** `read` continued by `then` (a read that is not watched itself), or `read` as it is. */
export function continued<T, R = T>(read: Promise<T>, then: ReadContinuation<T, R> | undefined): Promise<R> {
  if (then === undefined) return read as unknown as Promise<R>;
  return read.then(
    (value) => then.value(value),
    (e: unknown) => then.error(e),
  );
}
