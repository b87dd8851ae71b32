/**
 * The catalog of a multi-worker endpoint lives in the primary process; workers reach it over
 * the IPC channel each already has for metrics. A worker sends `{catalog: {id, op, args}}` and
 * gets `{catalogReply: id, value}` or `{catalogReply: id, fail}` (404, 409 or 507, rebuilt as
 * the same error in the worker). The primary processes one message at a time, so every worker
 * sees the same list: a load answered by one worker is listed and invocable on all of them.
 * To unload (or evict) a model, the primary sends every worker `{catalogDrop: id, name}` and
 * answers only once each has replied `{catalogDropped: id}`: after a 200 to DELETE no worker
 * scores the model any more.
 */
import type { Subprocess } from 'bun';
import { ScorerError } from '../../errors.ts';
import type { Logger } from '../log.ts';
import type { Catalog, CatalogApi, CatalogModel, CatalogPage, DropEverywhere } from './catalog.ts';
import { InsufficientMemoryError, ModelAlreadyLoadedError, ModelNotLoadedError } from './errors.ts';

/** A worker that does not confirm a drop within this long is no longer waited for (and logged). */
const DROP_ACK_TIMEOUT_MS = 10_000;
/** A worker tells the primary a model was used at most this often per model (LRU order). */
const TOUCH_INTERVAL_MS = 1000;

type Op = 'begin' | 'reserve' | 'commit' | 'abort' | 'lookup' | 'list' | 'unload' | 'touch';

interface Call {
  catalog: { id?: number; op: Op; args: unknown[] };
}
interface Fail {
  code: string;
  name: string;
  message: string;
  detail?: Record<string, unknown>;
}
interface Reply {
  catalogReply: number;
  value?: unknown;
  fail?: Fail;
}
interface Drop {
  catalogDrop: number;
  name: string;
}
interface Dropped {
  catalogDropped: number;
}

const has = (m: unknown, key: string): boolean => typeof m === 'object' && m !== null && key in m;

/** In a worker: the primary's catalog, over IPC. */
export class RemoteCatalog implements CatalogApi {
  /** Called when the primary drops a model (this process's copy must go). */
  onDrop: (name: string) => void = () => {};
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly lastTouch = new Map<string, number>();

  constructor(private readonly send: (m: unknown) => void) {
    process.on('message', (m: unknown) => {
      if (has(m, 'catalogReply')) this.settle(m as Reply);
      else if (has(m, 'catalogDrop')) {
        const d = m as Drop;
        this.onDrop(d.name);
        this.send({ catalogDropped: d.catalogDrop } satisfies Dropped);
      }
    });
    // The primary is gone: nothing will answer (the worker is draining and exits).
    process.on('disconnect', () => {
      for (const w of this.waiting.values()) w.reject(new Error('multi-model: the primary process is gone'));
      this.waiting.clear();
    });
  }

  begin(name: string, url: string): Promise<void> {
    return this.call('begin', [name, url]) as Promise<void>;
  }
  reserve(name: string, bytes: number): Promise<void> {
    return this.call('reserve', [name, bytes]) as Promise<void>;
  }
  commit(name: string, bytes: number): Promise<void> {
    return this.call('commit', [name, bytes]) as Promise<void>;
  }
  abort(name: string): Promise<void> {
    return this.call('abort', [name]) as Promise<void>;
  }
  lookup(name: string): Promise<CatalogModel> {
    return this.call('lookup', [name]) as Promise<CatalogModel>;
  }
  list(after: string | undefined, max: number): Promise<CatalogPage> {
    return this.call('list', [after ?? null, max]) as Promise<CatalogPage>;
  }
  unload(name: string): Promise<CatalogModel> {
    return this.call('unload', [name]) as Promise<CatalogModel>;
  }

  touch(name: string): void {
    const now = performance.now();
    if (now - (this.lastTouch.get(name) ?? -Infinity) < TOUCH_INTERVAL_MS) return;
    if (this.lastTouch.size > 10_000) this.lastTouch.clear();
    this.lastTouch.set(name, now);
    this.send({ catalog: { op: 'touch', args: [name] } } satisfies Call);
  }

  private call(op: Op, args: unknown[]): Promise<unknown> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.send({ catalog: { id, op, args } } satisfies Call);
    });
  }

  private settle(r: Reply): void {
    const w = this.waiting.get(r.catalogReply);
    if (w === undefined) return;
    this.waiting.delete(r.catalogReply);
    if (r.fail === undefined) w.resolve(r.value);
    else w.reject(rebuild(r.fail));
  }
}

/** The catalog's error, as the worker raises it (the same class, status and message). */
function rebuild(f: Fail): Error {
  const d = f.detail ?? {};
  if (f.code === 'MODEL_NOT_LOADED') return new ModelNotLoadedError(f.name);
  if (f.code === 'MODEL_ALREADY_LOADED') return new ModelAlreadyLoadedError(f.name);
  if (f.code === 'INSUFFICIENT_MEMORY')
    return new InsufficientMemoryError(f.name, Number(d.needBytes), Number(d.freeBytes), Number(d.budgetBytes));
  return new Error(f.message);
}

/**
 * In the primary: answers the workers' catalog calls and drops models from every worker. A
 * worker that dies in the middle of a load leaves no half-loaded name behind: its loads are
 * aborted (whoever waits for the name then gets it, or a 404).
 */
export class CatalogServer {
  private readonly live = new Map<number, Subprocess>();
  /** pid → names whose load that worker has begun and not yet committed or aborted. */
  private readonly loadsOf = new Map<number, Set<string>>();
  private nextDrop = 0;
  private readonly drops = new Map<number, { remaining: Set<number>; done: () => void }>();
  private catalog: Catalog | undefined;

  constructor(private readonly log: Logger) {}

  /** The catalog's way of taking a model out of every worker. */
  readonly dropEverywhere: DropEverywhere = (name) => {
    const id = ++this.nextDrop;
    const remaining = new Set(this.live.keys());
    if (remaining.size === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.log('warn', 'multi-model: workers did not confirm an unload in time', { model: name, workers: [...remaining] });
        finish();
      }, DROP_ACK_TIMEOUT_MS);
      const finish = () => {
        clearTimeout(timer);
        this.drops.delete(id);
        resolve();
      };
      this.drops.set(id, { remaining, done: finish });
      for (const pid of [...remaining]) {
        const proc = this.live.get(pid);
        // A worker whose channel is closed is exiting: its copies go with it.
        if (proc === undefined || !trySend(proc, { catalogDrop: id, name } satisfies Drop)) this.confirm(id, pid);
      }
    });
  };

  spawned(proc: Subprocess): void {
    this.live.set(proc.pid, proc);
  }

  /** A worker exited: its copies went with it, no drop waits for it, its loads in flight are aborted. */
  exited(proc: Subprocess): void {
    this.live.delete(proc.pid);
    for (const id of [...this.drops.keys()]) this.confirm(id, proc.pid);
    const names = this.loadsOf.get(proc.pid);
    this.loadsOf.delete(proc.pid);
    for (const name of names ?? []) {
      this.log('warn', 'multi-model: a worker died while loading a model; the load is abandoned', { model: name, pid: proc.pid });
      void this.catalog?.abort(name);
    }
  }

  /** Takes a worker's message if it is about the catalog (returns false otherwise). */
  receive(catalog: Catalog, message: unknown, proc: Subprocess): boolean {
    if (has(message, 'catalogDropped')) {
      this.confirm((message as Dropped).catalogDropped, proc.pid);
      return true;
    }
    if (!has(message, 'catalog')) return false;
    this.catalog = catalog;
    const { id, op, args } = (message as Call).catalog;
    const answer = run(catalog, op, args);
    const name = String(args[0]);
    if (op === 'begin')
      void answer.then(
        // Begun for a worker that has died meanwhile: nobody will finish that load.
        () => {
          if (this.live.has(proc.pid)) this.loading(proc.pid).add(name);
          else void catalog.abort(name);
        },
        () => {},
      );
    if (op === 'commit' || op === 'abort') void answer.finally(() => this.loadsOf.get(proc.pid)?.delete(name)).catch(() => {});
    if (id === undefined) return true;
    answer.then(
      (value) => trySend(proc, { catalogReply: id, value } satisfies Reply),
      (e: unknown) => trySend(proc, { catalogReply: id, fail: failOf(e, args[0]) } satisfies Reply),
    );
    return true;
  }

  private loading(pid: number): Set<string> {
    let names = this.loadsOf.get(pid);
    if (names === undefined) {
      names = new Set();
      this.loadsOf.set(pid, names);
    }
    return names;
  }

  private confirm(id: number, pid: number): void {
    const d = this.drops.get(id);
    if (d === undefined) return;
    d.remaining.delete(pid);
    if (d.remaining.size === 0) d.done();
  }
}

/** Sends to a worker; false when its channel is already closed (it is exiting). */
function trySend(proc: Subprocess, message: unknown): boolean {
  try {
    proc.send(message);
    return true;
  } catch {
    return false;
  }
}

function run(c: Catalog, op: Op, a: unknown[]): Promise<unknown> {
  const name = String(a[0]);
  switch (op) {
    case 'begin':
      return c.begin(name, String(a[1]));
    case 'reserve':
      return c.reserve(name, Number(a[1]));
    case 'commit':
      return c.commit(name, Number(a[1]));
    case 'abort':
      return c.abort(name);
    case 'lookup':
      return c.lookup(name);
    case 'list':
      return c.list(a[0] === null ? undefined : name, Number(a[1]));
    case 'unload':
      return c.unload(name);
    case 'touch':
      c.touch(name);
      return Promise.resolve();
  }
}

function failOf(e: unknown, name: unknown): Fail {
  if (e instanceof ScorerError) return { code: e.code, name: String(name), message: e.message, detail: e.detail };
  return { code: 'INTERNAL', name: String(name), message: e instanceof Error ? e.message : String(e) };
}
