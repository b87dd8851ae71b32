/**
 * Swagger UI and OpenAPI document of the multi-model server: the same bundled UI as the
 * single-model server (routes/docs.ts), titled for the endpoint instead of one model. The
 * document names no path of the server (not even the model root).
 */
import { swaggerDocs } from '../routes/index.ts';

const DESCRIPTION =
  "H2O-3 MOJO scorer serving many models, loaded on demand from the model root. Each loaded model answers POST /models/{name}/invoke like /invocations, H2O's REST scorer API below /models/{name}/model/…, and describes its input row at GET /models/{name}/schema.";

export function multiModelDocs() {
  return swaggerDocs('multi-model-docs', { title: 'mojo-scorer: SageMaker multi-model endpoint', description: DESCRIPTION }).get(
    '/',
    () => new Response(null, { status: 302, headers: { location: '/swagger' } }),
    { detail: { hide: true } },
  );
}
