/**
 * Whole-server metrics for a multi-worker server. Each worker sends its counters to the
 * primary over the IPC channel every PUSH_INTERVAL_MS; a scrape of /metrics on any worker
 * sends that worker's fresh counters and waits for the primary's sum. The primary keeps the
 * last counters of every worker that has exited, so totals never go backwards across scrapes.
 */
import { type MetricsSnapshot, retired, sumSnapshots } from './metrics-snapshot.ts';
import type { ServerMetrics } from './metrics.ts';

const PUSH_INTERVAL_MS = 500;
/** The primary answers within milliseconds; this only bounds a scrape if it is gone. */
const TOTALS_TIMEOUT_MS = 5000;

/** Worker → primary: this worker's counters (with `id`: and please answer with the totals). */
interface PushMessage {
  metrics: MetricsSnapshot;
  id?: number;
}
/** Primary → worker: the sum for the scrape `id`. */
interface TotalsMessage {
  totalsFor: number;
  totals: MetricsSnapshot;
}

function isPush(m: unknown): m is PushMessage {
  return typeof m === 'object' && m !== null && 'metrics' in m;
}

function isTotals(m: unknown): m is TotalsMessage {
  return typeof m === 'object' && m !== null && 'totalsFor' in m;
}

/** In a worker: send counters to the primary and answer scrapes with the whole server's totals. */
export function shareMetricsWithPrimary(metrics: ServerMetrics, send: (m: PushMessage) => void): void {
  const waiting = new Map<number, (totals: MetricsSnapshot) => void>();
  let nextId = 0;
  setInterval(() => send({ metrics: metrics.snapshot() }), PUSH_INTERVAL_MS).unref();
  process.on('message', (m: unknown) => {
    if (!isTotals(m)) return;
    waiting.get(m.totalsFor)?.(m.totals);
    waiting.delete(m.totalsFor);
  });
  metrics.source = () =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error('metrics: the primary process did not send the server totals'));
      }, TOTALS_TIMEOUT_MS);
      waiting.set(id, (totals) => {
        clearTimeout(timer);
        resolve(totals);
      });
      send({ metrics: metrics.snapshot(), id });
    });
}

/** What the primary of a multi-model endpoint adds to the totals: its list of loaded models. */
export interface ModelTotals {
  /** Per-model counters are kept for these names only (unloaded names leave /metrics). */
  keepModel(model: string): boolean;
  catalog(): NonNullable<MetricsSnapshot['catalog']>;
}

/** In the primary: the latest counters of every worker, live or exited. */
export class MetricsTotals {
  private readonly live = new Map<number, MetricsSnapshot>();
  private past: MetricsSnapshot = sumSnapshots([]);

  constructor(private readonly models?: ModelTotals) {}

  /**
   * Takes a worker's message if it is about metrics (returns false otherwise); `reply` gets the
   * totals when the worker asked for them. Workers are keyed by pid (one per incarnation).
   */
  receive(pid: number, message: unknown, reply: (m: TotalsMessage) => void): boolean {
    if (!isPush(message)) return false;
    this.live.set(pid, message.metrics);
    if (message.id !== undefined) reply({ totalsFor: message.id, totals: this.totals() });
    return true;
  }

  /** A worker exited: its last counters stay in every total from now on. */
  exited(pid: number): void {
    const last = this.live.get(pid);
    if (last === undefined) return;
    this.live.delete(pid);
    this.past = sumSnapshots([this.past, retired(last)]);
  }

  totals(): MetricsSnapshot {
    const m = this.models;
    if (m === undefined) return sumSnapshots([this.past, ...this.live.values()]);
    // Unloaded models' counters leave the exited workers' part for good.
    this.past = sumSnapshots([this.past], (name) => m.keepModel(name));
    const total = sumSnapshots([this.past, ...this.live.values()], (name) => m.keepModel(name));
    total.catalog = m.catalog();
    return total;
  }
}
