/**
 * SageMaker's multi-model contract: POST /models (load), GET /models (list, paginated by
 * next_page_token / max_results → nextPageToken), GET /models/{name}, DELETE /models/{name},
 * POST /models/{name}/invoke (the /invocations semantics for that model), plus
 * GET /models/{name}/schema (the JSON schema of the model's input row).
 */
import { Elysia } from 'elysia';
import { BadRequestError, echoed } from '../../errors.ts';
import { errorResponse } from '../errors.ts';
import { BODY_STALL_MS, readText } from '../read-body.ts';
import type { Logger } from '../log.ts';
import { rowSchema } from '../schema.ts';
import { DEFAULT_PAGE_SIZE } from './options.ts';
import type { CatalogModel } from './catalog.ts';
import type { ModelRegistry } from './registry.ts';

const JSON_HEADERS = { 'content-type': 'application/json' } as const;
const TAGS = ['multi-model'];
/** Names address routes: no slashes or control characters, and a sane length. */
const MODEL_NAME = /^[^/\\\u0000-\u001f]{1,256}$/;
/** SageMaker passes the InvokeEndpoint TargetModel in this header (for logs only). */
const TARGET_MODEL_HEADER = 'x-amzn-sagemaker-target-model';

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });
}

function describe(m: CatalogModel) {
  return { modelName: m.name, modelUrl: m.url };
}

function parseLoadBody(text: string): { name: string; url: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BadRequestError('the body must be JSON: {"model_name": "...", "url": "..."}');
  }
  const b = body as { model_name?: unknown; url?: unknown } | null;
  if (b === null || typeof b !== 'object' || typeof b.model_name !== 'string' || typeof b.url !== 'string' || b.url === '') {
    throw new BadRequestError('the body must be {"model_name": "...", "url": "..."} with two strings');
  }
  // "." and ".." are path steps in a URL (/models/.. is /): a model so named could never be addressed.
  if (!MODEL_NAME.test(b.model_name) || b.model_name === '.' || b.model_name === '..')
    throw new BadRequestError(
      `invalid model_name '${echoed(String(b.model_name))}': 1 to 256 characters, no '/' or control characters, not '.' or '..'`,
    );
  return { name: b.model_name, url: b.url };
}

function pageSize(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_PAGE_SIZE;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new BadRequestError(`max_results='${echoed(raw)}' must be a positive integer`);
  return Math.min(n, DEFAULT_PAGE_SIZE);
}

/** Page tokens are the last name of the previous page, base64url-encoded (opaque to callers). */
function decodeToken(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^[A-Za-z0-9_-]+$/.test(raw)) throw new BadRequestError(`invalid next_page_token '${echoed(raw)}'`);
  return Buffer.from(raw, 'base64url').toString('utf8');
}

/** A load request names a model and a url: a few hundred bytes. */
const LOAD_BODY_BYTES = 64 * 1024;

export function multiModelRoutes(registry: ModelRegistry, log: Logger) {
  const guard = async (where: string, run: () => Promise<Response>): Promise<Response> => {
    try {
      return await run();
    } catch (e) {
      return errorResponse(e, log, where);
    }
  };
  return new Elysia({ name: 'multi-model' })
    .post(
      '/models',
      ({ request }) =>
        guard('POST /models', async () => {
          const { name, url } = parseLoadBody(
            await readText(request, { maxBytes: LOAD_BODY_BYTES, deadline: performance.now() + BODY_STALL_MS }),
          );
          const target = request.headers.get(TARGET_MODEL_HEADER);
          if (target !== null) log('info', 'load requested', { model: name, targetModel: target });
          return json(describe(await registry.load(name, url)));
        }),
      {
        parse: 'none',
        detail: {
          summary: 'Load a model (SageMaker multi-model): 409 if the name is loaded, 507 if it does not fit the memory budget',
          tags: TAGS,
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['model_name', 'url'],
                  properties: { model_name: { type: 'string' }, url: { type: 'string', example: '/opt/ml/models/abc/model' } },
                },
              },
            },
          },
        },
      },
    )
    .get(
      '/models',
      ({ query }) =>
        guard('GET /models', async () => {
          const page = await registry.list(decodeToken(query.next_page_token), pageSize(query.max_results));
          const body: { models: ReturnType<typeof describe>[]; nextPageToken?: string } = { models: page.models.map(describe) };
          if (page.next !== undefined) body.nextPageToken = Buffer.from(page.next, 'utf8').toString('base64url');
          return json(body);
        }),
      { detail: { summary: 'List loaded models (paginated: next_page_token, max_results)', tags: TAGS } },
    )
    .get('/models/:name', ({ params }) => guard('GET /models/{name}', async () => json(describe(await registry.describe(params.name)))), {
      detail: { summary: 'Describe a loaded model', tags: TAGS },
    })
    .delete(
      '/models/:name',
      ({ params }) => guard('DELETE /models/{name}', async () => json(describe(await registry.unload(params.name)))),
      {
        detail: { summary: 'Unload a model', tags: TAGS },
      },
    )
    .post(
      '/models/:name/invoke',
      ({ params, request }) =>
        guard('POST /models/{name}/invoke', async () => (await registry.get(params.name)).invoker.invocations(request)),
      { parse: 'none', detail: { summary: 'Score with a loaded model (same bodies, options and errors as /invocations)', tags: TAGS } },
    )
    .get(
      '/models/:name/schema',
      ({ params }) =>
        guard('GET /models/{name}/schema', async () => {
          const { invoker } = await registry.get(params.name);
          return json(rowSchema(invoker.session.model, invoker.options.lenient));
        }),
      { detail: { summary: "JSON schema of a loaded model's input row", tags: TAGS } },
    );
}
