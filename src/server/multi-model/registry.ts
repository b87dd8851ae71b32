/**
 * The models of a multi-model endpoint, by name. A load reads the artifact asynchronously,
 * checks the memory budget (evicting least-recently-used models when allowed), decodes it and
 * measures it. Concurrent requests for a name share one load (a promise per name), so a model
 * is never loaded twice and loads of different models overlap their I/O.
 */
import { decodeModelSource, type Model } from '../../algos/index.ts';
import type { Logger } from '../log.ts';
import type { Invoker } from '../invoke.ts';
import { InsufficientMemoryError, ModelAlreadyLoadedError, ModelNotLoadedError } from './errors.ts';
import { estimateModelBytes } from './memory.ts';
import type { MultiModelMetrics } from './metrics.ts';
import type { MultiModelOptions } from './options.ts';
import { resolveInsideRoot } from './paths.ts';
import { readModelArtifact } from './read.ts';

export interface LoadedModel {
  readonly name: string;
  /** The url as the load request gave it (reported back by the list and get routes). */
  readonly url: string;
  /** The model's session behind the /invocations semantics. */
  readonly invoker: Invoker;
  /** Estimated memory (memory.ts). */
  readonly bytes: number;
  readonly loadMs: number;
}

export interface Page {
  models: LoadedModel[];
  /** Name after which the next page starts; undefined on the last page. */
  next: string | undefined;
}

export class ModelRegistry {
  /** Loaded models in least-recently-used first order (a Map keeps insertion order). */
  private readonly loaded = new Map<string, LoadedModel>();
  private readonly loading = new Map<string, Promise<LoadedModel>>();
  private usedBytes = 0;
  /** Bytes promised to loads in flight (so that parallel loads cannot overcommit). */
  private reservedBytes = 0;
  metrics: MultiModelMetrics | undefined;

  constructor(
    readonly options: MultiModelOptions,
    private readonly makeInvoker: (model: Model) => Invoker,
    private readonly log: Logger,
  ) {}

  get count(): number {
    return this.loaded.size;
  }

  get bytes(): number {
    return this.usedBytes;
  }

  /** Loads `url` as `name`: 409 if the name is loaded (or being loaded), 507 if it cannot fit. */
  async load(name: string, url: string): Promise<LoadedModel> {
    if (this.loaded.has(name)) throw new ModelAlreadyLoadedError(name);
    const pending = this.loading.get(name);
    if (pending !== undefined) {
      await pending;
      throw new ModelAlreadyLoadedError(name);
    }
    const p = this.loadNew(name, url).finally(() => this.loading.delete(name));
    this.loading.set(name, p);
    return p;
  }

  /** The model loaded (or being loaded) as `name`, marked as just used; 404 otherwise. */
  async get(name: string): Promise<LoadedModel> {
    const m = this.loaded.get(name);
    if (m !== undefined) {
      // Move to the most-recently-used end.
      this.loaded.delete(name);
      this.loaded.set(name, m);
      return m;
    }
    const pending = this.loading.get(name);
    if (pending === undefined) throw new ModelNotLoadedError(name);
    try {
      return await pending;
    } catch {
      throw new ModelNotLoadedError(name);
    }
  }

  /** Unloads `name` (waiting for its load if one is in flight); 404 if it is not loaded. */
  async unload(name: string): Promise<LoadedModel> {
    const pending = this.loading.get(name);
    if (pending !== undefined) await pending.catch(() => undefined);
    const m = this.loaded.get(name);
    if (m === undefined) throw new ModelNotLoadedError(name);
    this.drop(m);
    this.log('info', 'model unloaded', { model: name, freedBytes: m.bytes });
    return m;
  }

  /** Loaded models sorted by name, `max` of them after the name `after`. */
  list(after: string | undefined, max: number): Page {
    const names = [...this.loaded.keys()].sort();
    let start = 0;
    if (after !== undefined) while (start < names.length && names[start] <= after) start++;
    const slice = names.slice(start, start + max);
    const next = start + max < names.length ? slice[slice.length - 1] : undefined;
    return { models: slice.map((n) => this.loaded.get(n)!), next };
  }

  private drop(m: LoadedModel): void {
    this.loaded.delete(m.name);
    this.usedBytes -= m.bytes;
    this.metrics?.unloaded(m.name);
  }

  private async loadNew(name: string, url: string): Promise<LoadedModel> {
    const t0 = performance.now();
    let reserved = 0;
    try {
      const path = await resolveInsideRoot(this.options.root, url);
      const { source, trialReadBytes } = await readModelArtifact(path, {
        trialInWorker: this.options.trialLoadInWorker,
      });
      const t1 = performance.now();
      // What the trial load read, else at most the total cap, whatever unread entries declare.
      reserved = this.reserve(name, trialReadBytes ?? Math.min(source.sizeBytes, source.budget.limits.maxTotalBytes));
      const model = decodeModelSource(source);
      const bytes = estimateModelBytes(model, source.budget.readBytes);
      this.reservedBytes -= reserved;
      reserved = 0;
      // The measured size may exceed the first guess: make room for the difference too.
      this.makeRoom(name, bytes);
      const invoker = this.makeInvoker(model);
      const t2 = performance.now();
      const m: LoadedModel = { name, url, invoker, bytes, loadMs: t2 - t0 };
      this.loaded.set(name, m);
      this.usedBytes += bytes;
      this.metrics?.loaded(name, (t2 - t0) / 1000, bytes);
      const h = model.header;
      this.log('info', 'model loaded', {
        model: name,
        url,
        algo: h.algo,
        category: h.category,
        bytes,
        readMs: round(t1 - t0),
        decodeMs: round(t2 - t1),
        loadMs: round(t2 - t0),
      });
      return m;
    } catch (e) {
      this.reservedBytes -= reserved;
      this.metrics?.failed((performance.now() - t0) / 1000);
      this.log('warn', 'model load failed', { model: name, url, error: (e as Error).message });
      throw e;
    }
  }

  /** Makes room for `bytes` and reserves them for a load in flight; returns what was reserved. */
  private reserve(name: string, bytes: number): number {
    this.makeRoom(name, bytes);
    this.reservedBytes += bytes;
    return bytes;
  }

  /** Evicts least-recently-used models (when allowed) until `bytes` fit; 507 when they cannot. */
  private makeRoom(name: string, bytes: number): void {
    const budget = this.options.memoryBudgetBytes;
    while (this.usedBytes + this.reservedBytes + bytes > budget) {
      const lru = this.loaded.values().next();
      if (!this.options.evictLru || lru.done === true) {
        throw new InsufficientMemoryError(name, bytes, Math.max(0, budget - this.usedBytes - this.reservedBytes), budget);
      }
      this.drop(lru.value);
      this.log('info', 'model evicted (least recently used)', { model: lru.value.name, freedBytes: lru.value.bytes, for: name });
    }
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
