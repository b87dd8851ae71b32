/**
 * The model page at `/`: HTML shell, its script (src/page/main.ts, bundled by a Bun macro when
 * this code is transpiled or compiled, so neither a fresh clone nor the compiled binary needs a build step) and `/model.mojo`,
 * the served model's own zip file, streamed from disk as is, for the page to load with the library.
 * A model loaded from a folder or a model.tar.gz has no such file: the page then only scores
 * files dropped on it, and /model.mojo refuses (re-zipping would inflate every entry per request).
 * No CDN: works offline.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { Elysia } from 'elysia';
import type { Model } from '../../algos/index.ts';
import { MojoFormatError, MojoNotFoundError } from '../../errors.ts';
import { pageHtml } from '../../page/index.ts';
import { errorResponse } from '../errors.ts';
import { jsonLogger } from '../log.ts';
import { basename, dirname, resolve } from 'node:path';
import { hideServerPath } from '../server-paths.ts';

const SCRIPT_URL = '/page.js';
const MODEL_URL = '/model.mojo';

/** The page script: its module inlines the bundle, and is imported on first use (start-up stays fast). */
async function pageScript(): Promise<string> {
  return (await import('./page-script.ts')).PAGE_SCRIPT;
}

/** Whether `path` is a zip file (a .zip/.mojo MOJO as H2O writes it): its first bytes, not its name. */
function isZipFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    const fd = openSync(path, 'r');
    try {
      const head = new Uint8Array(4);
      return readSync(fd, head, 0, 4, 0) === 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

const NO_ORIGINAL = new MojoNotFoundError(
  'the served model was loaded from a folder or a model.tar.gz: there is no single .zip/.mojo file to download (drop your own copy on the page)',
);

/** Routes of the model page; without `modelPath` the page only scores files dropped on it. */
export function pageRoutes(model: Model, modelPath?: string) {
  // /model.mojo reads the artifact at request time: its errors must not name where it lives.
  if (modelPath) hideServerPath(dirname(resolve(modelPath)), '(model folder)');
  const servable = modelPath !== undefined && isZipFile(modelPath);
  const html = pageHtml(`${model.header.algorithmName} (${model.header.category}) — mojo-scorer`, SCRIPT_URL, servable ? MODEL_URL : null);
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
      if (!servable) return errorResponse(NO_ORIGINAL, jsonLogger);
      // Looked at again per request (4 bytes): the file may have been replaced under the server.
      if (!isZipFile(modelPath)) return errorResponse(new MojoFormatError(`${basename(modelPath)}: no longer a zip file`), jsonLogger);
      return new Response(Bun.file(modelPath), { headers: { 'content-type': 'application/zip', 'cache-control': 'no-cache' } });
    },
    { detail: { hide: true } },
  );
}
