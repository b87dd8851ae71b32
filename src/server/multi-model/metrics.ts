/**
 * Multi-model metrics, registered on the server's Prometheus registry: load time per model
 * (a histogram labelled with the model name), and the loaded models' count and estimated bytes.
 * The label set is bounded: a model's series live while it is loaded, and every failed load
 * is counted under one series (model=""), whatever name it asked for; otherwise each new name
 * a client tries would add a series for ever.
 */
import { Gauge, Histogram, type Registry } from 'prom-client';

/** The model label of failed loads: no model name is empty (routes.ts), so it names none. */
const FAILED_LOADS = '';
/** Load-time buckets in seconds (a cold model is loaded on the request path). */
const LOAD_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export interface LoadedStats {
  count(): number;
  bytes(): number;
  budget(): number;
}

export class MultiModelMetrics {
  private readonly loadSeconds: Histogram<'model' | 'outcome'>;
  private readonly modelBytes: Gauge<'model'>;

  constructor(registry: Registry, stats: LoadedStats) {
    this.loadSeconds = new Histogram({
      name: 'mojo_model_load_seconds',
      help: 'Time to read and decode a model (multi-model endpoint), by loaded model; failed loads under model=""',
      labelNames: ['model', 'outcome'],
      buckets: LOAD_BUCKETS,
      registers: [registry],
    });
    this.modelBytes = new Gauge({
      name: 'mojo_model_memory_bytes',
      help: 'Estimated memory of each loaded model',
      labelNames: ['model'],
      registers: [registry],
    });
    new Gauge({
      name: 'mojo_models_loaded',
      help: 'Models loaded in this process',
      registers: [registry],
      collect() {
        this.set(stats.count());
      },
    });
    new Gauge({
      name: 'mojo_models_memory_bytes',
      help: 'Estimated memory of all loaded models, and the budget (MULTI_MODEL_MEMORY_MB)',
      labelNames: ['kind'],
      registers: [registry],
      collect() {
        this.set({ kind: 'used' }, stats.bytes());
        this.set({ kind: 'budget' }, stats.budget());
      },
    });
  }

  loaded(model: string, seconds: number, bytes: number): void {
    this.loadSeconds.observe({ model, outcome: 'ok' }, seconds);
    this.modelBytes.set({ model }, bytes);
  }

  /** A failed load: its name is not kept (a client chooses names freely). */
  failed(seconds: number): void {
    this.loadSeconds.observe({ model: FAILED_LOADS, outcome: 'error' }, seconds);
  }

  unloaded(model: string): void {
    this.modelBytes.remove({ model });
    this.loadSeconds.remove({ model, outcome: 'ok' });
  }
}
