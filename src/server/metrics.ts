/**
 * Prometheus metrics. The request path only bumps plain numbers (a Map entry and a bucket of
 * a Float64Array); prom-client reads them when /metrics is scraped. The latency histogram is
 * written in the exposition format directly (prom-client has no way to load bucket counts).
 */
import { Counter, Gauge, Registry } from 'prom-client';

/** Latency buckets in seconds. */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface Latency {
  buckets: Float64Array;
  sum: number;
  count: number;
}

export class ServerMetrics {
  readonly registry = new Registry();
  /** route → status → count (no per-request string building). */
  private readonly requests = new Map<string, Map<number, number>>();
  private readonly latency = new Map<string, Latency>();
  private rowsOk = 0;
  private rowsFailed = 0;

  constructor() {
    const self = this;
    new Counter({
      name: 'mojo_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['route', 'status'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [route, byStatus] of self.requests) {
          for (const [status, v] of byStatus) this.inc({ route, status: String(status) }, v);
        }
      },
    });
    new Counter({
      name: 'mojo_rows_scored_total',
      help: 'Rows scored, by outcome (error: the model could not score the row)',
      labelNames: ['outcome'],
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc({ outcome: 'ok' }, self.rowsOk);
        this.inc({ outcome: 'error' }, self.rowsFailed);
      },
    });
    new Gauge({
      name: 'process_resident_memory_bytes',
      help: 'Resident memory size in bytes',
      registers: [this.registry],
      collect() {
        this.set(process.memoryUsage.rss());
      },
    });
    new Counter({
      name: 'process_cpu_seconds_total',
      help: 'User and system CPU time spent in seconds',
      registers: [this.registry],
      collect() {
        const u = process.cpuUsage();
        this.reset();
        this.inc((u.user + u.system) / 1e6);
      },
    });
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
      l = { buckets: new Float64Array(BUCKETS.length), sum: 0, count: 0 };
      this.latency.set(route, l);
    }
    for (let i = 0; i < BUCKETS.length; i++) {
      if (seconds <= BUCKETS[i]) {
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

  async text(): Promise<string> {
    let s = await this.registry.metrics();
    s += '# HELP mojo_request_duration_seconds Request handling time by route\n# TYPE mojo_request_duration_seconds histogram\n';
    for (const [route, l] of this.latency) {
      let cum = 0;
      for (let i = 0; i < BUCKETS.length; i++) {
        cum += l.buckets[i];
        s += `mojo_request_duration_seconds_bucket{route="${route}",le="${BUCKETS[i]}"} ${cum}\n`;
      }
      s += `mojo_request_duration_seconds_bucket{route="${route}",le="+Inf"} ${l.count}\n`;
      s += `mojo_request_duration_seconds_sum{route="${route}"} ${l.sum}\n`;
      s += `mojo_request_duration_seconds_count{route="${route}"} ${l.count}\n`;
    }
    return s;
  }
}
