/** The primary's sum of worker metrics: counters add up, exited workers keep counting, memory does not. */
import { describe, expect, test } from 'bun:test';
import { MetricsTotals } from '../../src/server/metrics-ipc.ts';
import { type MetricsSnapshot, sumSnapshots } from '../../src/server/metrics-snapshot.ts';
import { ServerMetrics } from '../../src/server/metrics.ts';

function workerSnapshot(invocations: number, rss: number): MetricsSnapshot {
  const m = new ServerMetrics();
  for (let i = 0; i < invocations; i++) m.request('invocations', 200, 0.001);
  m.request('ping', 200, 0.0001);
  m.rows(invocations, 1);
  return { ...m.snapshot(), rssBytes: rss };
}

function count(s: MetricsSnapshot, route: string, status: number): number {
  return s.requests.find(([r, st]) => r === route && st === status)?.[2] ?? 0;
}

describe('sumSnapshots', () => {
  test('adds counters, histogram buckets and memory by label', () => {
    const total = sumSnapshots([workerSnapshot(3, 100), workerSnapshot(4, 50)]);
    expect(count(total, 'invocations', 200)).toBe(7);
    expect(count(total, 'ping', 200)).toBe(2);
    expect(total.rowsOk).toBe(7);
    expect(total.rowsFailed).toBe(2);
    expect(total.rssBytes).toBe(150);
    const [, buckets, , n] = total.latency.find(([r]) => r === 'invocations') ?? [];
    expect(n).toBe(7);
    expect(buckets?.reduce((a, b) => a + b, 0)).toBe(7);
  });

  test('does not change its inputs', () => {
    const a = workerSnapshot(2, 1);
    const before = structuredClone(a);
    sumSnapshots([a, workerSnapshot(5, 1)]);
    expect(a).toEqual(before);
  });
});

describe('MetricsTotals', () => {
  test('answers a worker that asks, with every worker counted; an exited worker keeps its counters', () => {
    const totals = new MetricsTotals();
    const replies: unknown[] = [];
    expect(totals.receive(101, workerSnapshot(5, 10), () => {})).toBe(false); // not a metrics message
    expect(totals.receive(101, { metrics: workerSnapshot(5, 10) }, (m) => replies.push(m))).toBe(true);
    expect(replies).toEqual([]); // a push asks for nothing
    totals.receive(102, { metrics: workerSnapshot(2, 20), id: 7 }, (m) => replies.push(m));
    expect(replies).toHaveLength(1);
    const reply = replies[0] as { totalsFor: number; totals: MetricsSnapshot };
    expect(reply.totalsFor).toBe(7);
    expect(count(reply.totals, 'invocations', 200)).toBe(7);

    totals.exited(101);
    totals.receive(103, { metrics: workerSnapshot(1, 30) }, () => {}); // its successor starts from zero
    const after = totals.totals();
    expect(count(after, 'invocations', 200)).toBe(8);
    expect(after.rssBytes).toBe(50); // only live workers
    totals.exited(101); // a second exit notice changes nothing
    expect(count(totals.totals(), 'invocations', 200)).toBe(8);
  });
});

describe('ServerMetrics.text', () => {
  test('renders what its source returns (the whole server in a worker)', async () => {
    const m = new ServerMetrics();
    m.request('invocations', 200, 0.001);
    m.source = () => sumSnapshots([m.snapshot(), workerSnapshot(9, 0)]);
    const { text } = await m.text();
    expect(text).toContain('mojo_requests_total{route="invocations",status="200"} 10');
    expect(text).toContain('mojo_request_duration_seconds_count{route="invocations"} 10');
    expect(text).toContain('mojo_rows_scored_total{outcome="ok"} 9');
  });
});
