/**
 * Kubernetes-style probes: GET /livez (the process answers) and GET /healthz (it can score: a
 * single-model server has its model loaded before it listens; a multi-model server is ready for
 * load requests). Both answer 200 `ok`, as Kubernetes' own components do.
 */
import { Elysia } from 'elysia';

const OK = () => new Response('ok', { headers: { 'content-type': 'text/plain; charset=utf-8' } });

export function probeRoutes() {
  return new Elysia({ name: 'probes' })
    .get('/livez', OK, { detail: { summary: 'Liveness probe', tags: ['operations'] } })
    .get('/healthz', OK, { detail: { summary: 'Health probe (ready to score)', tags: ['operations'] } });
}
