/**
 * A plain, structured-clone-friendly copy of one process's counters, so that worker
 * processes can send theirs to the primary and the primary can add them up for /metrics.
 */

/** Latency buckets in seconds (upper bounds; the +Inf bucket is the count). */
export const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export interface MetricsSnapshot {
  /** [route, status, count] */
  requests: [string, number, number][];
  /** [route, count per bucket (not cumulative), sum of seconds, count] */
  latency: [string, number[], number, number][];
  rowsOk: number;
  rowsFailed: number;
  cpuSeconds: number;
  /** A gauge: only live processes contribute (see `retired`). */
  rssBytes: number;
  /** Multi-model endpoint, per loaded model: [model, route, status, count] */
  modelRequests: [string, string, number, number][];
  /** Multi-model endpoint, per loaded model: [model, rows ok, rows failed] */
  modelRows: [string, number, number][];
  /** Multi-model endpoint: the loaded models and the budget, set by the process that keeps the list. */
  catalog?: { models: [string, number][]; budgetBytes: number };
}

export function emptySnapshot(): MetricsSnapshot {
  return { requests: [], latency: [], rowsOk: 0, rowsFailed: 0, cpuSeconds: 0, rssBytes: 0, modelRequests: [], modelRows: [] };
}

/** The counters of a process that has exited: still part of every total, minus its memory. */
export function retired(s: MetricsSnapshot): MetricsSnapshot {
  return { ...s, rssBytes: 0 };
}

/**
 * The sum of several snapshots (counters and histograms add up; so does resident memory).
 * Per-model counters are kept only for the models `keepModel` accepts (the loaded ones), so
 * that unloaded names leave /metrics.
 */
export function sumSnapshots(parts: Iterable<MetricsSnapshot>, keepModel: (model: string) => boolean = () => true): MetricsSnapshot {
  const requests = new Map<string, [string, number, number]>();
  const modelRequests = new Map<string, [string, string, number, number]>();
  const modelRows = new Map<string, [string, number, number]>();
  const latency = new Map<string, [string, number[], number, number]>();
  const total = emptySnapshot();
  for (const p of parts) {
    for (const [route, status, count] of p.requests) {
      const key = `${status} ${route}`;
      const r = requests.get(key);
      if (r) r[2] += count;
      else requests.set(key, [route, status, count]);
    }
    for (const [route, buckets, sum, count] of p.latency) {
      const l = latency.get(route);
      if (l === undefined) {
        latency.set(route, [route, buckets.slice(), sum, count]);
        continue;
      }
      for (let i = 0; i < l[1].length; i++) l[1][i] += buckets[i] ?? 0;
      l[2] += sum;
      l[3] += count;
    }
    // Snapshots from an older worker may lack the per-model fields.
    for (const [model, route, status, count] of p.modelRequests ?? []) {
      if (!keepModel(model)) continue;
      const key = JSON.stringify([model, route, status]);
      const r = modelRequests.get(key);
      if (r) r[3] += count;
      else modelRequests.set(key, [model, route, status, count]);
    }
    for (const [model, ok, failed] of p.modelRows ?? []) {
      if (!keepModel(model)) continue;
      const r = modelRows.get(model);
      if (r) {
        r[1] += ok;
        r[2] += failed;
      } else modelRows.set(model, [model, ok, failed]);
    }
    total.rowsOk += p.rowsOk;
    total.rowsFailed += p.rowsFailed;
    total.cpuSeconds += p.cpuSeconds;
    total.rssBytes += p.rssBytes;
  }
  total.requests = [...requests.values()];
  total.latency = [...latency.values()];
  total.modelRequests = [...modelRequests.values()];
  total.modelRows = [...modelRows.values()];
  return total;
}
