/**
 * The endpoint's one list of loaded models (name → url, estimated bytes, last use): what
 * SageMaker's load, unload, list and describe requests change and read. Each serving process
 * keeps its own copies of the models it has been asked to score (registry.ts); this list says
 * which names exist. One process: the registry holds a Catalog itself. Several worker
 * processes: the primary holds it and the workers reach it over IPC (catalog-ipc.ts), so a load
 * answered by one worker is seen by all, and an unload reaches every worker before it is answered.
 *
 * Memory: any process may be asked to score every loaded model, so the models in the list must
 * fit the budget of one process together (MULTI_MODEL_MEMORY_MB is per process); a load that does
 * not fit is a 507, or makes room by unloading the least recently used models (MULTI_MODEL_EVICT_LRU).
 */
import type { Logger } from '../log.ts';
import { InsufficientMemoryError, ModelAlreadyLoadedError, ModelNotLoadedError } from './errors.ts';
import type { MultiModelOptions } from './options.ts';

/** A loaded model as the list and describe routes report it. */
export interface CatalogModel {
  readonly name: string;
  /** The url as the load request gave it. */
  readonly url: string;
}

export interface CatalogPage {
  models: CatalogModel[];
  /** Name after which the next page starts; undefined on the last page. */
  next: string | undefined;
}

/** The loaded models and the budget, for /metrics: [name, estimated bytes] in name order. */
export interface CatalogStats {
  models: [string, number][];
  budgetBytes: number;
}

/** What a serving process asks of the list, here or across IPC (every answer may wait). */
export interface CatalogApi {
  /** Claims `name` for a load from `url`: 409 if it is loaded; waits while another load of it runs. */
  begin(name: string, url: string): Promise<void>;
  /** Makes room for `bytes` of the model being loaded as `name` (507, or evictions). */
  reserve(name: string, bytes: number): Promise<void>;
  /** The load of `name` succeeded with `bytes` measured: from now on it is listed. */
  commit(name: string, bytes: number): Promise<void>;
  /** The load of `name` failed: the name is free again. */
  abort(name: string): Promise<void>;
  /** The loaded model `name` (waiting for its load to finish); 404 otherwise. */
  lookup(name: string): Promise<CatalogModel>;
  /** Loaded models sorted by name, `max` of them after the name `after`. */
  list(after: string | undefined, max: number): Promise<CatalogPage>;
  /** Unloads `name` from every process (waiting for its load if one runs); 404 if it is not loaded. */
  unload(name: string): Promise<CatalogModel>;
  /** `name` was just used (least-recently-used order). */
  touch(name: string): void;
}

interface Entry extends CatalogModel {
  loaded: boolean;
  /** Reserved while loading, measured once loaded. */
  bytes: number;
  /** Settles when the load ends, either way. */
  settled: Promise<void>;
  settle: () => void;
}

/** Takes a model out of every serving process (resolves once they all have dropped it). */
export type DropEverywhere = (name: string) => Promise<void>;

export class Catalog implements CatalogApi {
  /** In least-recently-used first order (a Map keeps insertion order). */
  private readonly entries = new Map<string, Entry>();
  private usedBytes = 0;

  constructor(
    private readonly options: Pick<MultiModelOptions, 'memoryBudgetBytes' | 'evictLru'>,
    private readonly dropEverywhere: DropEverywhere,
    private readonly log: Logger,
  ) {}

  /** True while `name` is loaded or being loaded (its metrics series may stay). */
  has(name: string): boolean {
    return this.entries.has(name);
  }

  stats(): CatalogStats {
    const models: [string, number][] = [];
    for (const e of this.entries.values()) if (e.loaded) models.push([e.name, e.bytes]);
    models.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return { models, budgetBytes: this.options.memoryBudgetBytes };
  }

  async begin(name: string, url: string): Promise<void> {
    for (let e = this.entries.get(name); e !== undefined; e = this.entries.get(name)) {
      if (e.loaded) throw new ModelAlreadyLoadedError(name);
      // Another load of this name runs: 409 once it has loaded, the name is ours if it fails.
      await e.settled;
    }
    let settle: () => void = () => {};
    const settled = new Promise<void>((resolve) => (settle = resolve));
    this.entries.set(name, { name, url, loaded: false, bytes: 0, settled, settle });
  }

  async reserve(name: string, bytes: number): Promise<void> {
    await this.resize(this.loading(name), bytes);
  }

  async commit(name: string, bytes: number): Promise<void> {
    const e = this.loading(name);
    // The measured size may exceed what was reserved: make room for the difference too.
    await this.resize(e, bytes);
    e.loaded = true;
    // Most recently used.
    this.entries.delete(name);
    this.entries.set(name, e);
    e.settle();
  }

  async abort(name: string): Promise<void> {
    const e = this.entries.get(name);
    if (e === undefined || e.loaded) return;
    this.entries.delete(name);
    this.usedBytes -= e.bytes;
    e.settle();
  }

  async lookup(name: string): Promise<CatalogModel> {
    const e = await this.settledEntry(name);
    if (e === undefined) throw new ModelNotLoadedError(name);
    return { name: e.name, url: e.url };
  }

  async list(after: string | undefined, max: number): Promise<CatalogPage> {
    const names = [...this.entries.values()]
      .filter((e) => e.loaded)
      .map((e) => e.name)
      .sort();
    let start = 0;
    if (after !== undefined) while (start < names.length && names[start] <= after) start++;
    const slice = names.slice(start, start + max);
    const next = start + max < names.length ? slice[slice.length - 1] : undefined;
    return { models: slice.map((n) => ({ name: n, url: this.entries.get(n)!.url })), next };
  }

  async unload(name: string): Promise<CatalogModel> {
    const e = await this.settledEntry(name);
    if (e === undefined) throw new ModelNotLoadedError(name);
    await this.remove(e);
    this.log('info', 'model unloaded', { model: name, freedBytes: e.bytes });
    return { name: e.name, url: e.url };
  }

  touch(name: string): void {
    const e = this.entries.get(name);
    if (e === undefined || !e.loaded) return;
    this.entries.delete(name);
    this.entries.set(name, e);
  }

  /** The entry of `name` once no load of it runs (undefined when it is not loaded). */
  private async settledEntry(name: string): Promise<Entry | undefined> {
    let e = this.entries.get(name);
    while (e !== undefined && !e.loaded) {
      await e.settled;
      e = this.entries.get(name);
    }
    return e;
  }

  private loading(name: string): Entry {
    const e = this.entries.get(name);
    // Only the process that began a load reserves and commits for it: anything else is a bug.
    if (e === undefined || e.loaded) throw new Error(`catalog: no load of '${name}' in progress`);
    return e;
  }

  /** Taken off the list at once (its bytes are free for the next load), then dropped everywhere. */
  private async remove(e: Entry): Promise<void> {
    this.entries.delete(e.name);
    this.usedBytes -= e.bytes;
    await this.dropEverywhere(e.name);
  }

  /**
   * Sets what the loading entry `e` holds to `bytes`, evicting least-recently-used models (when
   * allowed) until it fits; 507 when it cannot. The entry and the total change together, after
   * the last eviction, so no other request sees one without the other.
   */
  private async resize(e: Entry, bytes: number): Promise<void> {
    const budget = this.options.memoryBudgetBytes;
    while (this.usedBytes - e.bytes + bytes > budget) {
      let lru: Entry | undefined;
      for (const e of this.entries.values()) {
        if (e.loaded) {
          lru = e;
          break;
        }
      }
      if (!this.options.evictLru || lru === undefined) {
        // What this load has reserved so far counts as its own, not as used by others.
        throw new InsufficientMemoryError(e.name, bytes, Math.max(0, budget - this.usedBytes + e.bytes), budget);
      }
      await this.remove(lru);
      this.log('info', 'model evicted (least recently used)', { model: lru.name, freedBytes: lru.bytes, for: e.name });
    }
    this.usedBytes += bytes - e.bytes;
    e.bytes = bytes;
  }
}
