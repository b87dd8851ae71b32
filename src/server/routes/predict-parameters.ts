/** GET /predict_parameters?col=value&…: one row from the query string (the Java scorer's route). */
import { Elysia } from 'elysia';
import type { Invoker } from '../invoke.ts';
import type { Json } from './types.ts';

export function predictParametersRoute(invoker: Invoker, detail: Json) {
  return new Elysia({ name: 'predict-parameters' }).get('/predict_parameters', ({ request }) => invoker.predictParameters(request), {
    detail,
  });
}
