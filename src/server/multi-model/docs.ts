/**
 * Swagger UI and OpenAPI document of the multi-model server. The single-model docs plugin
 * (routes/docs.ts) titles itself from its one model; this one describes the endpoint instead
 * and serves the same bundled UI assets (no CDN: endpoints often have no internet access).
 */
import { openapi } from '@elysiajs/openapi';
import { Elysia } from 'elysia';
import { fileURLToPath } from 'node:url';
import { jsonError } from '../errors.ts';

const ASSET_DIR = '/swagger/assets';
/** A Map, not an object: the name comes from the URL ("__proto__", "constructor"…). */
const ASSETS = new Map<string, string>([
  ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
  ['swagger-ui.css', 'text/css; charset=utf-8'],
  ['favicon-32x32.png', 'image/png'],
  ['favicon-16x16.png', 'image/png'],
]);

export function multiModelDocs(root: string) {
  return new Elysia({ name: 'multi-model-docs' })
    .use(
      openapi({
        path: '/swagger',
        specPath: '/swagger/json',
        provider: 'swagger-ui',
        documentation: {
          info: {
            title: 'mojo-scorer: SageMaker multi-model endpoint',
            version: '1',
            description: `H2O-3 MOJO scorer serving many models, loaded on demand from ${root}. Each loaded model answers POST /models/{name}/invoke like /invocations, H2O's REST scorer API below /models/{name}/model/…, and describes its input row at GET /models/{name}/schema.`,
          },
        },
        exclude: { paths: [`${ASSET_DIR}/:name`, '/'] },
        swagger: { cdn: `${ASSET_DIR}/swagger-ui-bundle.js`, theme: `${ASSET_DIR}/swagger-ui.css`, autoDarkMode: false },
      }),
    )
    .get(
      `${ASSET_DIR}/:name`,
      ({ params }) => {
        const type = ASSETS.get(params.name);
        if (type === undefined) return jsonError(404, 'NOT_FOUND', 'no such route');
        const path = fileURLToPath(import.meta.resolve(`swagger-ui-dist/${params.name}`));
        return new Response(Bun.file(path), { headers: { 'content-type': type, 'cache-control': 'public, max-age=86400' } });
      },
      { detail: { hide: true } },
    )
    .get('/', () => new Response(null, { status: 302, headers: { location: '/swagger' } }), { detail: { hide: true } });
}
