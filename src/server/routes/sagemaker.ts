/**
 * The SageMaker hosting contract: GET /ping (healthy once the model is loaded, which happens
 * before the port opens), GET /execution-parameters (read by batch transform) and
 * POST /invocations (body parsing is ours: Elysia is told not to touch it).
 */
import { Elysia } from 'elysia';
import { unverifiedOperations } from '../../algos/index.ts';
import type { Invoker } from '../invoke.ts';
import type { RealTimeRoutes } from '../real-time.ts';
import type { Json } from './types.ts';

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

/** The contract's routes; /ping and /invocations are the real-time table's handlers. */
export function sagemakerRoutes(invoker: Invoker, realTime: RealTimeRoutes, invocationsDetail: Json) {
  const execution = JSON.stringify({
    MaxConcurrentTransforms: invoker.options.workers,
    BatchStrategy: 'MULTI_RECORD',
    // SageMaker reads a whole number of MB (SAGEMAKER_MAX_PAYLOAD_IN_MB, at least 1).
    MaxPayloadInMB: Math.max(1, Math.floor(invoker.options.maxPayloadBytes / 1048576)),
    // A MOJO2 pipeline scored with operations the user opted in to (MOJO_ALLOW_UNVERIFIED).
    ...(unverifiedOperations(invoker.session.model).length > 0
      ? { UnverifiedOperations: unverifiedOperations(invoker.session.model) }
      : {}),
  });
  return new Elysia({ name: 'sagemaker' })
    .get('/ping', ({ request }) => realTime['/ping'].GET(request), { detail: { summary: 'Health check', tags: ['sagemaker'] } })
    .get('/execution-parameters', () => new Response(execution, { headers: JSON_HEADERS }), {
      detail: { summary: 'Batch transform parameters', tags: ['sagemaker'] },
    })
    .post('/invocations', ({ request }) => realTime['/invocations'].POST(request), { parse: 'none', detail: invocationsDetail });
}
