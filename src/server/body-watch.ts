/**
 * Gives up on body reads that take too long, with one shared timer instead of one per read.
 * A timer and a Promise.race per read cost a one-row request about a quarter of its time;
 * here a read registers its expiry in a set that a single coarse tick (TICK_MS, unref'd, only
 * running while reads are waiting) sweeps, so a read costs a set insert and a delete.
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

/** A read being watched: settles the caller's promise with the read's value, or fails it on expiry. */
class WatchedRead<T> implements Watched {
  resolve: (value: T) => void = settledAlready;
  reject: (e: unknown) => void = settledAlready;

  constructor(
    readonly expires: number,
    private readonly failures: ReadFailures<T>,
  ) {}

  fail(): void {
    this.reject(this.failures.expired());
  }

  read(value: T): void {
    waiting.delete(this);
    const bad = this.failures.check?.(value);
    if (bad === undefined) this.resolve(value);
    else this.reject(bad);
  }

  broke(e: unknown): void {
    waiting.delete(this);
    this.reject(this.failures.broken(e));
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

/** `read`'s value, or a failure once performance.now() passes `expires` (checked every TICK_MS). */
export function within<T>(read: Promise<T>, expires: number, fail: ReadFailures<T>): Promise<T> {
  const w = new WatchedRead<T>(expires, fail);
  making = w as WatchedRead<unknown>;
  const watched = new Promise<T>(takeResolvers);
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
