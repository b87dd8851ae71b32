/**
 * The model page at `/`: HTML shell, its script (src/page/main.ts, bundled by a Bun macro when
 * this code is transpiled or compiled, so neither a fresh clone nor the compiled binary needs a build step) and `/model.mojo`,
 * the served model's own zip file, streamed from disk as is, for the page to load with the library.
 * The file is shared only when asked (SERVE_MODEL_FILE): a model is often the valuable part of a
 * deployment. Otherwise the page embeds the model's description and scores through the server.
 * A model loaded from a folder or a model.tar.gz has no such file: the page then scores through
 * the server too, and /model.mojo refuses (re-zipping would inflate every entry per request).
 * No CDN: works offline.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { Elysia } from 'elysia';
import type { Model } from '../../algos/index.ts';
import { MojoFormatError, MojoNotFoundError } from '../../errors.ts';
import { describeModel, type ModelDescription } from '../../lib/index.ts';
import { openMojo } from '../../mojo/index.ts';
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

/** The model's description for the page (its model.ini read again), or undefined when the artifact no longer opens. */
function pageDescription(model: Model, modelPath: string): ModelDescription | undefined {
  try {
    return describeModel(model, openMojo(modelPath));
  } catch {
    return undefined;
  }
}

/** Which parts of the page are served. */
export interface PageRouteOptions {
  /** The page at / and its script (MODEL_PAGE). */
  page: boolean;
  /** The model's own file at /model.mojo (SERVE_MODEL_FILE). */
  modelFile: boolean;
  /** Whether Swagger UI is served (the page links to it). */
  swagger: boolean;
}

/**
 * Routes of the model page. Without `modelPath` the page only scores files dropped on it;
 * with it, the page scores through the server, or in the browser when the file is shared.
 */
export function pageRoutes(model: Model, modelPath?: string, options: PageRouteOptions = { page: true, modelFile: false, swagger: true }) {
  const app = new Elysia({ name: 'page' });
  // /model.mojo reads the artifact at request time: its errors must not name where it lives.
  if (modelPath) hideServerPath(dirname(resolve(modelPath)), '(model folder)');
  const servable = options.modelFile && modelPath !== undefined && isZipFile(modelPath);
  if (options.page) {
    const title = `${model.header.algorithmName} (${model.header.category}) — mojo-scorer`;
    const description = !servable && modelPath !== undefined ? pageDescription(model, modelPath) : undefined;
    const html = pageHtml(title, SCRIPT_URL, servable ? MODEL_URL : null, { description, swagger: options.swagger });
    app
      .get('/', () => new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } }), { detail: { hide: true } })
      .get(
        SCRIPT_URL,
        async () =>
          new Response(await pageScript(), { headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' } }),
        { detail: { hide: true } },
      );
  }
  if (!modelPath || !options.modelFile) return app;
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
