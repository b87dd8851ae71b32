/**
 * The models this process scores, by name: a Session and Invoker per model, loaded where it is
 * invoked. Which names are loaded is the catalog's to say (catalog.ts: in this process, or in
 * the primary of several workers). A load request claims the name in the catalog, reads the
 * artifact (after a trial load on a worker thread), reserves its memory there, decodes and
 * measures it, then commits: answered once, by the process that received it. Any other process
 * asked to score that name loads its own copy on the first request (the catalog gives the url);
 * concurrent requests for a name share one load (a promise per name). An unload reaches every
 * process (the catalog drops the name everywhere) before it is answered.
 */
import { decodeModelSource, type Model } from '../../algos/index.ts';
import type { Logger } from '../log.ts';
import type { Invoker } from '../invoke.ts';
import { Catalog, type CatalogApi, type CatalogModel, type CatalogPage } from './catalog.ts';
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

export type { CatalogPage as Page };

/** Builds the invoker of a freshly decoded model (its session, options, metrics). */
export type MakeInvoker = (model: Model, name: string) => Invoker;

export class ModelRegistry {
  /** This process's copies, least recently used first. */
  private readonly loaded = new Map<string, LoadedModel>();
  /** Copies being loaded here; a dropped name's entry goes, so its load is not kept when it ends. */
  private readonly loading = new Map<string, Promise<LoadedModel>>();
  private usedBytes = 0;
  metrics: MultiModelMetrics | undefined;
  /** The list of loaded models: this process's own unless one is handed in (a worker's, over IPC). */
  readonly catalog: CatalogApi;
  /** Set when the catalog is this process's own. */
  readonly localCatalog: Catalog | undefined;

  constructor(
    readonly options: MultiModelOptions,
    private readonly makeInvoker: MakeInvoker,
    private readonly log: Logger,
    catalog?: CatalogApi,
  ) {
    if (catalog === undefined) {
      this.localCatalog = new Catalog(options, async (name) => this.dropCopy(name), log);
      this.catalog = this.localCatalog;
    } else {
      this.catalog = catalog;
    }
  }

  /** Models loaded in this process. */
  get count(): number {
    return this.loaded.size;
  }

  /** Estimated bytes of the models loaded in this process. */
  get bytes(): number {
    return this.usedBytes;
  }

  /** Loads `url` as `name`: 409 if the name is loaded (or being loaded), 507 if it cannot fit. */
  load(name: string, url: string): Promise<LoadedModel> {
    const p = this.loadNew(name, url);
    // Requests for the name in this process meanwhile wait for this load (unless one runs already).
    if (!this.loading.has(name)) this.track(name, p);
    return p;
  }

  /** The model loaded as `name`, loading this process's copy on first use; 404 otherwise. */
  async get(name: string): Promise<LoadedModel> {
    const m = this.loaded.get(name);
    if (m !== undefined) {
      // Most recently used, here and in the catalog.
      this.loaded.delete(name);
      this.loaded.set(name, m);
      this.catalog.touch(name);
      return m;
    }
    const pending = this.loading.get(name);
    if (pending !== undefined) {
      try {
        return await pending;
      } catch {
        // A load begun here failed (or the name was loaded elsewhere): the catalog decides.
      }
    }
    const listed = await this.catalog.lookup(name);
    return this.loadCopy(listed);
  }

  /** The loaded model `name` as the describe route reports it (waiting for its load); 404 otherwise. */
  describe(name: string): Promise<CatalogModel> {
    return this.catalog.lookup(name);
  }

  /** Loaded models sorted by name, `max` of them after the name `after`. */
  list(after: string | undefined, max: number): Promise<CatalogPage> {
    return this.catalog.list(after, max);
  }

  /** Unloads `name` from every process (waiting for its load if one is in flight); 404 if it is not loaded. */
  unload(name: string): Promise<CatalogModel> {
    return this.catalog.unload(name);
  }

  /** Drops this process's copy of `name` (the catalog's order: unloaded or evicted). */
  dropCopy(name: string): void {
    this.loading.delete(name);
    const m = this.loaded.get(name);
    if (m !== undefined) {
      this.loaded.delete(name);
      this.usedBytes -= m.bytes;
    }
    this.metrics?.unloaded(name);
  }

  private track(name: string, p: Promise<LoadedModel>): void {
    this.loading.set(name, p);
    p.then(
      () => this.loading.get(name) === p && this.loading.delete(name),
      () => this.loading.get(name) === p && this.loading.delete(name),
    );
  }

  /** A load request: claimed, reserved and committed in the catalog, kept here. */
  private async loadNew(name: string, url: string): Promise<LoadedModel> {
    await this.catalog.begin(name, url);
    const t0 = performance.now();
    try {
      const m = await this.decode(name, url, 'load request', (bytes) => this.catalog.reserve(name, bytes));
      await this.catalog.commit(name, m.bytes);
      this.keep(m);
      return m;
    } catch (e) {
      await this.catalog.abort(name);
      this.metrics?.failed((performance.now() - t0) / 1000);
      this.log('warn', 'model load failed', { model: name, url, error: (e as Error).message });
      throw e;
    }
  }

  /** This process's copy of a model the catalog lists (its memory is already accounted there). */
  private loadCopy(listed: CatalogModel): Promise<LoadedModel> {
    const { name, url } = listed;
    const pending = this.loading.get(name);
    if (pending !== undefined) return pending;
    const p = this.decode(name, url, 'first request here', async () => {}).then(
      (m) => {
        // Dropped while it loaded (unloaded meanwhile): answer this request, keep nothing.
        if (this.loading.get(name) === p) this.keep(m);
        return m;
      },
      (e: unknown) => {
        this.log('warn', 'model copy failed to load', { model: name, url, error: (e as Error).message });
        throw e;
      },
    );
    this.track(name, p);
    return p;
  }

  private keep(m: LoadedModel): void {
    this.loaded.set(m.name, m);
    this.usedBytes += m.bytes;
    this.metrics?.loaded(m.name, m.loadMs / 1000);
  }

  /** Reads (with a trial load), reserves, decodes and measures `url`. */
  private async decode(name: string, url: string, why: string, reserve: (bytes: number) => Promise<void>): Promise<LoadedModel> {
    const t0 = performance.now();
    const path = await resolveInsideRoot(this.options.root, url);
    const { source, trialReadBytes } = await readModelArtifact(path, { trialInWorker: this.options.trialLoadInWorker });
    const t1 = performance.now();
    // What the trial load read, else at most the total cap, whatever unread entries declare.
    await reserve(trialReadBytes ?? Math.min(source.sizeBytes, source.budget.limits.maxTotalBytes));
    const model = decodeModelSource(source);
    const bytes = estimateModelBytes(model, source.budget.readBytes);
    const invoker = this.makeInvoker(model, name);
    const t2 = performance.now();
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
      why,
    });
    return { name, url, invoker, bytes, loadMs: t2 - t0 };
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
