/** GET /metrics: Prometheus exposition of this process's counters. */
import { Elysia } from 'elysia';
import type { ServerMetrics } from '../metrics.ts';

export function metricsRoute(metrics: ServerMetrics) {
  return new Elysia({ name: 'metrics' }).get(
    '/metrics',
    async () => new Response(await metrics.text(), { headers: { 'content-type': metrics.registry.contentType } }),
    { detail: { summary: 'Prometheus metrics (this worker process)', tags: ['operations'] } },
  );
}
