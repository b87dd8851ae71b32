/**
 * Swagger UI at /swagger and the OpenAPI document at /swagger/json. The UI's script and style
 * are served from the swagger-ui-dist package rather than a CDN: SageMaker endpoints and many
 * containers have no internet access.
 */
import { openapi } from '@elysiajs/openapi';
import { Elysia } from 'elysia';
import { fileURLToPath } from 'node:url';
import type { Model } from '../../algos/index.ts';

const ASSET_DIR = '/swagger/assets';
const ASSETS: Record<string, string> = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

function assetPath(name: string): string {
  return fileURLToPath(import.meta.resolve(`swagger-ui-dist/${name}`));
}

export function docsRoutes(model: Model) {
  const h = model.header;
  return new Elysia({ name: 'docs' })
    .use(
      openapi({
        path: '/swagger',
        specPath: '/swagger/json',
        provider: 'swagger-ui',
        documentation: {
          info: {
            title: `mojo-scorer: ${h.algorithmName} (${h.category})`,
            version: '1',
            description: `H2O-3 MOJO scorer. Model ${h.algo} ${h.uuid}, h2o ${h.h2oVersion}, ${model.inputs.length} input columns${h.responseColumn ? `, response '${h.responseColumn}'` : ''}.`,
          },
        },
        exclude: { paths: [`${ASSET_DIR}/:name`, '/'] },
        swagger: { cdn: `${ASSET_DIR}/swagger-ui-bundle.js`, theme: `${ASSET_DIR}/swagger-ui.css`, autoDarkMode: false },
      }),
    )
    .get(
      `${ASSET_DIR}/:name`,
      ({ params }) => {
        const type = ASSETS[params.name];
        if (type === undefined) return new Response('not found', { status: 404 });
        return new Response(Bun.file(assetPath(params.name)), {
          headers: { 'content-type': type, 'cache-control': 'public, max-age=86400' },
        });
      },
      { detail: { hide: true } },
    );
}
