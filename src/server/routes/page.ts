/**
 * The model page at `/`: HTML shell, its script (src/page/main.ts, bundled by a Bun macro when
 * this code is transpiled or compiled, so neither a fresh clone nor the compiled binary needs a build step) and `/model.mojo`,
 * the served model as a zip for the page to load with the library. No CDN: works offline.
 */
import { Elysia } from 'elysia';
import { zipSync } from 'fflate';
import { dirname, resolve } from 'node:path';
import type { Model } from '../../algos/index.ts';
import { openMojo } from '../../mojo/index.ts';
import { pageHtml } from '../../page/html.ts';
import { hideServerPath } from '../server-paths.ts';

const SCRIPT_URL = '/page.js';
const MODEL_URL = '/model.mojo';

/** The page script: its module inlines the bundle, and is imported on first use (start-up stays fast). */
async function pageScript(): Promise<string> {
  return (await import('./page-script.ts')).PAGE_SCRIPT;
}

/** The model's entries re-zipped (a folder or model.tar.gz becomes a zip the page can read). */
function modelZip(path: string): Uint8Array {
  const source = openMojo(path);
  // Null prototype: an entry may be named "__proto__".
  const files: Record<string, Uint8Array> = Object.create(null);
  for (const name of source.list()) files[name] = source.bytes(name);
  return zipSync(files, { level: 1 });
}

/** Routes of the model page; without `modelPath` the page only scores files dropped on it. */
export function pageRoutes(model: Model, modelPath?: string) {
  // /model.mojo reads the artifact at request time: its errors must not name where it lives.
  if (modelPath) hideServerPath(dirname(resolve(modelPath)), '(model folder)');
  const html = pageHtml(`${model.header.algorithmName} (${model.header.category}) — mojo-scorer`, SCRIPT_URL, modelPath ? MODEL_URL : null);
  let zip: Uint8Array<ArrayBuffer> | undefined;
  const app = new Elysia({ name: 'page' })
    .get('/', () => new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } }), { detail: { hide: true } })
    .get(
      SCRIPT_URL,
      async () =>
        new Response(await pageScript(), { headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' } }),
      { detail: { hide: true } },
    );
  if (!modelPath) return app;
  return app.get(
    MODEL_URL,
    () => {
      zip ??= modelZip(modelPath) as Uint8Array<ArrayBuffer>;
      return new Response(zip, { headers: { 'content-type': 'application/zip', 'cache-control': 'no-cache' } });
    },
    { detail: { hide: true } },
  );
}
