/**
 * Prometheus metrics. The request path only bumps plain numbers (a Map entry and a bucket of
 * a Float64Array); a scrape renders a MetricsSnapshot: this process's own, or, in a worker,
 * the whole server's as summed by the primary (`source`, see metrics-ipc.ts). The latency
 * histogram is written in the exposition format directly (prom-client has no way to load
 * bucket counts). prom-client is loaded by the first scrape: counting needs none of it, and a
 * server answers /ping without it sooner.
 */
import type { Registry } from 'prom-client';
import { LATENCY_BUCKETS, type MetricsSnapshot } from './metrics-snapshot.ts';

type PromClient = typeof import('prom-client');
/** Registers metric families on the registry once it exists (its first scrape). */
export type Registration = (registry: Registry, prom: PromClient) => void;

/** What a route records: requests and rows (the server's counters, or one model's view of them). */
export interface RequestMetrics {
  request(route: string, status: number, seconds: number): void;
  rows(ok: number, failed: number): void;
}

/** The server's counters plus one model's, for that model's routes (multi-model endpoint). */
class ModelView implements RequestMetrics {
  constructor(
    private readonly server: ServerMetrics,
    private readonly model: string,
  ) {}

  request(route: string, status: number, seconds: number): void {
    this.server.request(route, status, seconds);
    this.server.modelRequest(this.model, route, status);
  }

  rows(ok: number, failed: number): void {
    this.server.rows(ok, failed);
    this.server.modelRows(this.model, ok, failed);
  }
}

interface Latency {
  buckets: Float64Array;
  sum: number;
  count: number;
}

export class ServerMetrics implements RequestMetrics {
  /** Made by the first scrape, with every registration run on it. */
  private registry: Promise<Registry> | undefined;
  private made: { registry: Registry; prom: PromClient } | undefined;
  private readonly registrations: Registration[] = [];
  /** The multi-model endpoint's list of models and budget, when this process keeps it (catalog.ts). */
  catalog: (() => NonNullable<MetricsSnapshot['catalog']>) | undefined;
  /** Where a scrape gets its numbers: this process alone unless a worker wires it to the primary. */
  source: () => MetricsSnapshot | Promise<MetricsSnapshot> = () => this.snapshot();
  /** route → status → count (no per-request string building). */
  private readonly requests = new Map<string, Map<number, number>>();
  private readonly latency = new Map<string, Latency>();
  private rowsOk = 0;
  private rowsFailed = 0;
  /** model → route → status → count (multi-model endpoint). */
  private readonly byModel = new Map<string, Map<string, Map<number, number>>>();
  /** model → [rows ok, rows failed] (multi-model endpoint). */
  private readonly rowsByModel = new Map<string, [number, number]>();
  /** The snapshot being rendered; prom-client's collect() callbacks read it synchronously. */
  private view: MetricsSnapshot | undefined;

  /** `perModel`: also the per-model families of the multi-model endpoint (a `model` label). */
  constructor(options: { perModel?: boolean } = {}) {
    this.register((registry, prom) => this.registerServer(registry, prom));
    if (options.perModel) this.register((registry, prom) => this.registerPerModel(registry, prom));
  }

  /** Adds metric families to the exposition (registered when the registry is made, at the first scrape). */
  register(registration: Registration): void {
    this.registrations.push(registration);
    if (this.made !== undefined) registration(this.made.registry, this.made.prom);
  }

  /** The registry with every registration on it, made once. */
  private exposition(): Promise<Registry> {
    this.registry ??= import('prom-client').then((prom) => {
      const registry = new prom.Registry();
      this.made = { registry, prom };
      for (const r of this.registrations) r(registry, prom);
      return registry;
    });
    return this.registry;
  }

  private registerServer(registry: Registry, { Counter, Gauge }: PromClient): void {
    const self = this;
    new Counter({
      name: 'mojo_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['route', 'status'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [route, status, v] of self.view?.requests ?? []) this.inc({ route, status: String(status) }, v);
      },
    });
    new Counter({
      name: 'mojo_rows_scored_total',
      help: 'Rows scored, by outcome (error: the model could not score the row)',
      labelNames: ['outcome'],
      registers: [registry],
      collect() {
        this.reset();
        this.inc({ outcome: 'ok' }, self.view?.rowsOk ?? 0);
        this.inc({ outcome: 'error' }, self.view?.rowsFailed ?? 0);
      },
    });
    new Gauge({
      name: 'process_resident_memory_bytes',
      help: 'Resident memory size in bytes (all processes of the server)',
      registers: [registry],
      collect() {
        this.set(self.view?.rssBytes ?? 0);
      },
    });
    new Counter({
      name: 'process_cpu_seconds_total',
      help: 'User and system CPU time spent in seconds (all processes of the server, past ones included)',
      registers: [registry],
      collect() {
        this.reset();
        this.inc(self.view?.cpuSeconds ?? 0);
      },
    });
  }

  /** The snapshot a scrape is rendering (for collect() callbacks registered elsewhere). */
  get current(): MetricsSnapshot | undefined {
    return this.view;
  }

  private registerPerModel(registry: Registry, { Counter }: PromClient): void {
    const self = this;
    new Counter({
      name: 'mojo_model_requests_total',
      help: 'Requests to a loaded model (multi-model endpoint), by model, route and status; an unloaded model leaves no series',
      labelNames: ['model', 'route', 'status'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [model, route, status, v] of self.view?.modelRequests ?? []) this.inc({ model, route, status: String(status) }, v);
      },
    });
    new Counter({
      name: 'mojo_model_rows_scored_total',
      help: 'Rows scored by a loaded model (multi-model endpoint), by model and outcome',
      labelNames: ['model', 'outcome'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [model, ok, failed] of self.view?.modelRows ?? []) {
          this.inc({ model, outcome: 'ok' }, ok);
          this.inc({ model, outcome: 'error' }, failed);
        }
      },
    });
  }

  /** The counters of `model`'s routes: the server's, and the model's own. */
  forModel(model: string): RequestMetrics {
    return new ModelView(this, model);
  }

  /** Forgets `model`'s own counters (it was unloaded: its series leave /metrics). */
  forgetModel(model: string): void {
    this.byModel.delete(model);
    this.rowsByModel.delete(model);
  }

  modelRequest(model: string, route: string, status: number): void {
    let byRoute = this.byModel.get(model);
    if (byRoute === undefined) {
      byRoute = new Map();
      this.byModel.set(model, byRoute);
    }
    let byStatus = byRoute.get(route);
    if (byStatus === undefined) {
      byStatus = new Map();
      byRoute.set(route, byStatus);
    }
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  }

  modelRows(model: string, ok: number, failed: number): void {
    const r = this.rowsByModel.get(model);
    if (r === undefined) this.rowsByModel.set(model, [ok, failed]);
    else {
      r[0] += ok;
      r[1] += failed;
    }
  }

  /** Records one finished request (cheap: no allocation in the steady state). */
  request(route: string, status: number, seconds: number): void {
    let byStatus = this.requests.get(route);
    if (byStatus === undefined) {
      byStatus = new Map();
      this.requests.set(route, byStatus);
    }
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    let l = this.latency.get(route);
    if (l === undefined) {
      l = { buckets: new Float64Array(LATENCY_BUCKETS.length), sum: 0, count: 0 };
      this.latency.set(route, l);
    }
    for (let i = 0; i < LATENCY_BUCKETS.length; i++) {
      if (seconds <= LATENCY_BUCKETS[i]) {
        l.buckets[i]++;
        break;
      }
    }
    l.sum += seconds;
    l.count++;
  }

  rows(ok: number, failed: number): void {
    this.rowsOk += ok;
    this.rowsFailed += failed;
  }

  /** This process's counters as they stand. */
  snapshot(): MetricsSnapshot {
    const requests: MetricsSnapshot['requests'] = [];
    for (const [route, byStatus] of this.requests) for (const [status, v] of byStatus) requests.push([route, status, v]);
    const latency: MetricsSnapshot['latency'] = [];
    for (const [route, l] of this.latency) latency.push([route, Array.from(l.buckets), l.sum, l.count]);
    const modelRequests: MetricsSnapshot['modelRequests'] = [];
    for (const [model, byRoute] of this.byModel)
      for (const [route, byStatus] of byRoute) for (const [status, v] of byStatus) modelRequests.push([model, route, status, v]);
    const modelRows: MetricsSnapshot['modelRows'] = [];
    for (const [model, [ok, failed]] of this.rowsByModel) modelRows.push([model, ok, failed]);
    const cpu = process.cpuUsage();
    const snap: MetricsSnapshot = {
      requests,
      latency,
      rowsOk: this.rowsOk,
      rowsFailed: this.rowsFailed,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      rssBytes: process.memoryUsage.rss(),
      modelRequests,
      modelRows,
    };
    if (this.catalog) snap.catalog = this.catalog();
    return snap;
  }

  /** The exposition of the server's metrics, and its content type. */
  async text(): Promise<{ text: string; contentType: string }> {
    const registry = await this.exposition();
    const snap = await this.source();
    // Set and read within one synchronous stretch: registry.metrics() calls every collect() before it awaits.
    this.view = snap;
    const rendered = registry.metrics();
    this.view = undefined;
    let s = await rendered;
    s += '# HELP mojo_request_duration_seconds Request handling time by route\n# TYPE mojo_request_duration_seconds histogram\n';
    for (const [route, buckets, sum, count] of snap.latency) {
      let cum = 0;
      for (let i = 0; i < LATENCY_BUCKETS.length; i++) {
        cum += buckets[i];
        s += `mojo_request_duration_seconds_bucket{route="${route}",le="${LATENCY_BUCKETS[i]}"} ${cum}\n`;
      }
      s += `mojo_request_duration_seconds_bucket{route="${route}",le="+Inf"} ${count}\n`;
      s += `mojo_request_duration_seconds_sum{route="${route}"} ${sum}\n`;
      s += `mojo_request_duration_seconds_count{route="${route}"} ${count}\n`;
    }
    return { text: s, contentType: registry.contentType };
  }
}
