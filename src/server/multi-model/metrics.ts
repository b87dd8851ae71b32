/**
 * Multi-model metrics, registered on the server's Prometheus registry: load time per model
 * (a histogram labelled with the model name, of the loads done by the process that answers the
 * scrape), and the endpoint's loaded models with their estimated bytes and the budget (from the
 * catalog, whichever worker answers). Requests and rows per model are the server's own counters
 * (metrics.ts, summed over the workers). The label set is bounded: a model's series live while it
 * is loaded, and every failed load is counted under one series (model=""), whatever name it
 * asked for; otherwise each new name a client tries would add a series for ever.
 */
import { Gauge, Histogram, type Metric, type Registry } from 'prom-client';
import type { ServerMetrics } from '../metrics.ts';

/** The model label of failed loads: no model name is empty (routes.ts), so it names none. */
const FAILED_LOADS = '';
/** Load-time buckets in seconds (a cold model is loaded on the request path). */
const LOAD_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class MultiModelMetrics {
  private readonly loadSeconds: Histogram<'model' | 'outcome'>;

  constructor(private readonly server: ServerMetrics) {
    // Made unregistered (loads are observed from the start); the server's registry, made by its
    // first scrape, takes them all.
    const unregistered: Registry[] = [];
    const catalog = () => server.current?.catalog;
    this.loadSeconds = new Histogram({
      name: 'mojo_model_load_seconds',
      help: 'Time to read and decode a model (multi-model endpoint) in the process that answers the scrape, by loaded model; failed loads under model=""',
      labelNames: ['model', 'outcome'],
      buckets: LOAD_BUCKETS,
      registers: unregistered,
    });
    const memory = new Gauge({
      name: 'mojo_model_memory_bytes',
      help: 'Estimated memory of each loaded model (in each process that scores it)',
      labelNames: ['model'],
      registers: unregistered,
      collect() {
        this.reset();
        for (const [model, bytes] of catalog()?.models ?? []) this.set({ model }, bytes);
      },
    });
    const loaded = new Gauge({
      name: 'mojo_models_loaded',
      help: 'Models loaded on the endpoint',
      registers: unregistered,
      collect() {
        this.set(catalog()?.models.length ?? 0);
      },
    });
    const total = new Gauge({
      name: 'mojo_models_memory_bytes',
      help: 'Estimated memory of all loaded models, and the budget (MULTI_MODEL_MEMORY_MB), per process',
      labelNames: ['kind'],
      registers: unregistered,
      collect() {
        const c = catalog();
        let used = 0;
        for (const [, bytes] of c?.models ?? []) used += bytes;
        this.set({ kind: 'used' }, used);
        this.set({ kind: 'budget' }, c?.budgetBytes ?? 0);
      },
    });
    const families: Metric[] = [this.loadSeconds, memory, loaded, total];
    server.register((registry) => {
      for (const f of families) registry.registerMetric(f);
    });
  }

  loaded(model: string, seconds: number): void {
    this.loadSeconds.observe({ model, outcome: 'ok' }, seconds);
  }

  /** A failed load: its name is not kept (a client chooses names freely). */
  failed(seconds: number): void {
    this.loadSeconds.observe({ model: FAILED_LOADS, outcome: 'error' }, seconds);
  }

  /** `model` left this process: its series go (requests and rows per model too). */
  unloaded(model: string): void {
    this.loadSeconds.remove({ model, outcome: 'ok' });
    this.server.forgetModel(model);
  }
}
