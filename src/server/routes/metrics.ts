/** GET /metrics: Prometheus exposition of the whole server's counters (all workers, see metrics-ipc.ts). */
import { Elysia } from 'elysia';
import type { ServerMetrics } from '../metrics.ts';

export function metricsRoute(metrics: ServerMetrics) {
  return new Elysia({ name: 'metrics' }).get(
    '/metrics',
    async () => {
      const { text, contentType } = await metrics.text();
      return new Response(text, { headers: { 'content-type': contentType } });
    },
    { detail: { summary: 'Prometheus metrics (the whole server, all workers)', tags: ['operations'] } },
  );
}
