/**
 * Inflates large zip archives on worker threads. Inflating is most of a cold load's CPU time
 * (fflate), and on the request thread it would stall every other request, so archives from
 * INFLATE_IN_WORKER_MIN_BYTES up go to a small pool of long-lived workers (started on first
 * use; they keep the process alive only while they have work). Decoding the entries into a Model stays
 * on the request thread: models hold closures, which cannot cross threads.
 */
import { availableParallelism } from 'node:os';
import { MojoFormatError, MojoTooLargeError } from '../../errors.ts';
import { limitsFromEnv } from '../../mojo/index.ts';

/** Below this size an archive inflates in a few milliseconds: a worker round trip costs more. */
export const INFLATE_IN_WORKER_MIN_BYTES = 256 * 1024;
/** Workers in the pool: one per spare core, at most four. */
const POOL_SIZE = Math.max(1, Math.min(4, availableParallelism() - 1));

interface Pending {
  resolve(entries: Map<string, Uint8Array>): void;
  reject(e: Error): void;
  origin: string;
}

interface Answer {
  id: number;
  names?: string[];
  data?: Uint8Array[];
  error?: string;
  /** The error's code when the worker threw one of ours (the caps: MOJO_TOO_LARGE). */
  code?: string;
}

/** Bun's Worker; its ref/unref are missing from the DOM typings the model page pulls in. */
type PoolWorker = Worker & { ref(): void; unref(): void };

class InflatePool {
  private readonly workers: (PoolWorker | undefined)[] = new Array(POOL_SIZE);
  private readonly pending = new Map<number, Pending>();
  /** Which worker holds each request (to fail them if that worker dies). */
  private readonly owner = new Map<number, number>();
  private nextId = 0;

  inflate(bytes: Uint8Array, origin: string): Promise<Map<string, Uint8Array>> {
    const id = this.nextId++;
    const slot = id % POOL_SIZE;
    const worker = this.worker(slot);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, origin });
      this.owner.set(id, slot);
      worker.ref();
      // Copy into a buffer of our own: transferring would detach the caller's (maybe shared) one.
      const own = bytes.slice();
      worker.postMessage({ id, bytes: own, limits: limitsFromEnv(), origin }, [own.buffer]);
    });
  }

  private worker(slot: number): PoolWorker {
    let w = this.workers[slot];
    if (w !== undefined) return w;
    w = new Worker(workerUrl()) as PoolWorker;
    w.unref();
    w.onmessage = (event: MessageEvent<Answer>) => this.answer(event.data);
    w.onerror = (event) => this.fail(slot, new Error(`inflate worker failed: ${event.message}`));
    this.workers[slot] = w;
    return w;
  }

  private answer(a: Answer): void {
    const p = this.pending.get(a.id);
    if (p === undefined) return;
    this.pending.delete(a.id);
    const slot = this.owner.get(a.id)!;
    this.owner.delete(a.id);
    if (![...this.owner.values()].includes(slot)) this.workers[slot]?.unref();
    if (a.error !== undefined) {
      // The worker's messages already name the origin; its errors are ours or fflate's.
      if (a.code === 'MOJO_TOO_LARGE') p.reject(new MojoTooLargeError(a.error));
      else if (a.code === 'MOJO_FORMAT') p.reject(new MojoFormatError(a.error));
      else p.reject(new MojoFormatError(`${p.origin}: not a readable zip archive (${a.error})`));
      return;
    }
    const entries = new Map<string, Uint8Array>();
    for (let i = 0; i < a.names!.length; i++) entries.set(a.names![i], a.data![i]);
    p.resolve(entries);
  }

  private fail(slot: number, e: Error): void {
    this.workers[slot]?.terminate();
    this.workers[slot] = undefined;
    for (const [id, s] of this.owner) {
      if (s !== slot) continue;
      this.pending.get(id)?.reject(e);
      this.pending.delete(id);
      this.owner.delete(id);
    }
  }
}

/**
 * The worker's module. From sources it sits beside this file; in a `bun build --compile` binary
 * (which must list it as a second entrypoint, as the Dockerfile does) every module is flattened
 * into the binary's root, while the worker keeps its path below src/.
 */
function workerUrl(): string {
  if (!import.meta.url.includes('$bunfs')) return new URL('./inflate-worker.ts', import.meta.url).href;
  return new URL('./server/multi-model/inflate-worker.js', import.meta.url).href;
}

let pool: InflatePool | undefined;

/** The entries of a zip archive, inflated on a worker thread. */
export function inflateZip(bytes: Uint8Array, origin: string): Promise<Map<string, Uint8Array>> {
  pool ??= new InflatePool();
  return pool.inflate(bytes, origin);
}
