/**
 * Swagger UI at /swagger and the OpenAPI document at /swagger/json. The UI's script and style
 * are served from the swagger-ui-dist package rather than a CDN: SageMaker endpoints and many
 * containers have no internet access.
 */
import { openapi } from '@elysiajs/openapi';
import { Elysia } from 'elysia';
// File imports: paths into node_modules, or to the copies embedded in a compiled binary (the
// container image ships only that binary).
import favicon16 from 'swagger-ui-dist/favicon-16x16.png' with { type: 'file' };
import favicon32 from 'swagger-ui-dist/favicon-32x32.png' with { type: 'file' };
import bundleJs from 'swagger-ui-dist/swagger-ui-bundle.js' with { type: 'file' };
import styleCss from 'swagger-ui-dist/swagger-ui.css' with { type: 'file' };
import type { Model } from '../../algos/index.ts';
import { jsonError } from '../errors.ts';
import { schemaComponents } from '../openapi-detail.ts';
import { swaggerPageHtml } from './swagger-page.ts';

const ASSET_DIR = '/swagger/assets';
/** A Map, not an object: the name comes from the URL ("__proto__", "constructor"…). */
const ASSETS = new Map<string, { path: string; type: string }>([
  ['swagger-ui-bundle.js', { path: bundleJs, type: 'text/javascript; charset=utf-8' }],
  ['swagger-ui.css', { path: styleCss, type: 'text/css; charset=utf-8' }],
  ['favicon-32x32.png', { path: favicon32, type: 'image/png' }],
  ['favicon-16x16.png', { path: favicon16, type: 'image/png' }],
]);

/** The model's Swagger UI and OpenAPI document. */
export function docsRoutes(model: Model) {
  const h = model.header;
  return swaggerDocs(
    'docs',
    {
      title: `mojo-scorer: ${h.algorithmName} (${h.category})`,
      description: `H2O-3 MOJO scorer. Model ${h.algo} ${h.uuid}, h2o ${h.h2oVersion}, ${model.inputs.length} input columns${h.responseColumn ? `, response '${h.responseColumn}'` : ''}.`,
    },
    schemaComponents(model),
  );
}

/** Swagger UI (bundled assets, no CDN) and the OpenAPI document, titled by `info`. */
export function swaggerDocs(name: string, info: { title: string; description: string }, components?: object) {
  const page = swaggerPageHtml(info, {
    script: `${ASSET_DIR}/swagger-ui-bundle.js`,
    style: `${ASSET_DIR}/swagger-ui.css`,
    specUrl: 'swagger/json',
  });
  return (
    new Elysia({ name })
      // The UI fetches its document at the relative URL 'swagger/json', which from /swagger/ would
      // be /swagger/swagger/json: send the trailing-slash form to /swagger (relative, so a proxy prefix survives).
      .onRequest(({ request }) => {
        // A string test first: this hook sees every request.
        if (request.url.endsWith('/swagger/') && new URL(request.url).pathname === '/swagger/')
          return new Response(null, { status: 301, headers: { location: '../swagger' } });
      })
      .use(
        openapi({
          path: '/swagger',
          specPath: '/swagger/json',
          // No provider: the plugin's page would embed the model's strings unescaped (swagger-page.ts builds ours).
          provider: null,
          documentation: { info: { ...info, version: '1' }, ...(components ? { components: components as never } : {}) },
          exclude: { paths: [`${ASSET_DIR}/:name`, '/'] },
        }),
      )
      .get('/swagger', () => new Response(page, { headers: { 'content-type': 'text/html; charset=utf-8' } }), { detail: { hide: true } })
      .get('/favicon.ico', () => asset(ASSETS.get('favicon-32x32.png')!), { detail: { hide: true } })
      .get(
        `${ASSET_DIR}/:name`,
        ({ params }) => {
          const found = ASSETS.get(params.name);
          if (found === undefined) return jsonError(404, 'NOT_FOUND', 'no such route');
          return asset(found);
        },
        { detail: { hide: true } },
      )
  );
}

function asset(a: { path: string; type: string }): Response {
  return new Response(Bun.file(a.path), { headers: { 'content-type': a.type, 'cache-control': 'public, max-age=86400' } });
}
