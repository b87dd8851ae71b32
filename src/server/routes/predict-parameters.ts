/** GET /predict_parameters?col=value&…: one row from the query string (the Java scorer's route). */
import { Elysia } from 'elysia';
import type { RealTimeRoutes } from '../real-time.ts';
import type { Json } from './types.ts';

/** The real-time table's handler for the path, mounted in the app. */
export function predictParametersRoute(realTime: RealTimeRoutes, detail: Json) {
  return new Elysia({ name: 'predict-parameters' }).get(
    '/predict_parameters',
    ({ request }) => realTime['/predict_parameters'].GET(request),
    {
      detail,
    },
  );
}
