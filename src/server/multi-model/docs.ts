/**
 * Swagger UI and OpenAPI document of the multi-model server: the same bundled UI as the
 * single-model server (routes/docs.ts), titled for the endpoint instead of one model.
 */
import { swaggerDocs } from '../routes/docs.ts';

export function multiModelDocs(root: string) {
  return swaggerDocs('multi-model-docs', {
    title: 'mojo-scorer: SageMaker multi-model endpoint',
    description: `H2O-3 MOJO scorer serving many models, loaded on demand from ${root}. Each loaded model answers POST /models/{name}/invoke like /invocations, H2O's REST scorer API below /models/{name}/model/…, and describes its input row at GET /models/{name}/schema.`,
  }).get('/', () => new Response(null, { status: 302, headers: { location: '/swagger' } }), { detail: { hide: true } });
}
