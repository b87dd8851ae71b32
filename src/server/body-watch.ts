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

/** `read`'s value, or a failure once performance.now() passes `expires` (checked every TICK_MS). */
export function within<T>(read: Promise<T>, expires: number, fail: ReadFailures<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const w: Watched = { expires, fail: () => reject(fail.expired()) };
    waiting.add(w);
    if (ticker === undefined) {
      ticker = setInterval(sweep, TICK_MS);
      ticker.unref?.();
    }
    read.then(
      (value) => {
        waiting.delete(w);
        const bad = fail.check?.(value);
        if (bad === undefined) resolve(value);
        else reject(bad);
      },
      (e: unknown) => {
        waiting.delete(w);
        reject(fail.broken(e));
      },
    );
  });
}
