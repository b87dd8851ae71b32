/**
 * Public surface of the serving protocols of other platforms: the Open Inference Protocol
 * (KServe v2, Triton, MLServer) and KServe v1, for one model or a multi-model server's models.
 */
import { Elysia } from 'elysia';
import { kserveV1Routes } from './kserve-v1.ts';
import { openInferenceRoutes } from './open-inference.ts';
import type { ProtocolRouteOptions } from './routes.ts';

export { type ProtocolRouteOptions, singleModel } from './routes.ts';

/** Every protocol's routes, over the models `resolve` names. */
export function protocolRoutes(o: ProtocolRouteOptions) {
  return new Elysia({ name: 'serving-protocols' }).use(openInferenceRoutes(o)).use(kserveV1Routes(o));
}
