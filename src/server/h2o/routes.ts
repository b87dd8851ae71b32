/**
 * H2O's REST scorer API (Scoring API v1 of h2oai/mlops-dai-runtimes' local REST scorer), so
 * its clients work unchanged: POST /model/score and /model/contribution, GET /model/id,
 * /model/schema, /model/sample_request, /model/capabilities and /readyz. In multi-model mode
 * the same routes sit below /models/{name} (H2O's scorer serves one model and has no
 * convention for several).
 */
import { requestOptions } from '../request-options.ts';
import { Elysia } from 'elysia';
import type { Logger } from '../log.ts';
import { readText } from '../read-body.ts';
import type { ModelEndpoint } from '../model-endpoint.ts';
import { h2oErrorResponse, type H2oAction } from './errors.ts';
import { outputFields, type OutputFields } from './fields.ts';
import { capabilities, modelInfo, sampleRequest } from './info.ts';
import { ContributionRequestSchema, parseContributionRequest, parseScoreRequest, ScoreRequestSchema } from './request.ts';
import { contributionResponse, scoreResponse } from './score.ts';

export interface H2oRouteOptions {
  /** '' for the single model, '/models/:name' in multi-model mode. */
  prefix: string;
  /** The endpoint a request addresses (by the `name` path parameter in multi-model mode). */
  resolve(name: string | undefined): Promise<ModelEndpoint>;
  /** The id reported for a model (H2O's scorer: MODEL_ID, else the model's uuid). */
  modelId(endpoint: ModelEndpoint): string;
  log: Logger;
}

const JSON_HEADERS = { 'content-type': 'application/json' } as const;
const TAGS = ['h2o'];

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { headers: JSON_HEADERS });
}

/** The id H2O's scorer reports: MODEL_ID when set, else the model's uuid. */
export function h2oModelId(env: Record<string, string | undefined>): (endpoint: ModelEndpoint) => string {
  return (endpoint) => env.MODEL_ID || endpoint.model.header.uuid;
}

export function h2oRoutes(o: H2oRouteOptions) {
  const fields = new WeakMap<ModelEndpoint, OutputFields>();
  const fieldsOf = (e: ModelEndpoint): OutputFields => {
    let f = fields.get(e);
    if (f === undefined) {
      f = outputFields(e.model);
      fields.set(e, f);
    }
    return f;
  };
  const p = o.prefix;
  const handle = async (action: H2oAction, name: string | undefined, run: (e: ModelEndpoint) => Response | Promise<Response>) => {
    try {
      return await run(await o.resolve(name));
    } catch (e) {
      return h2oErrorResponse(e, action, o.log);
    }
  };
  const body = async (request: Request, e: ModelEndpoint): Promise<string> => {
    return readText(request, { maxBytes: e.options.maxPayloadBytes, deadline: performance.now() + e.options.timeoutMs });
  };
  const nameOf = (params: Record<string, string> | undefined) => params?.name;
  return new Elysia({ name: `h2o-rest${p}` })
    .get(
      `${p}/model/id`,
      ({ params }) => handle('scoring', nameOf(params), (e) => new Response(o.modelId(e), { headers: { 'content-type': 'text/plain' } })),
      { detail: { summary: 'Model id (H2O REST scorer)', tags: TAGS } },
    )
    .get(
      `${p}/model/schema`,
      ({ params }) => handle('scoring', nameOf(params), (e) => json(modelInfo(e.model, fieldsOf(e), o.modelId(e)))),
      {
        detail: { summary: 'Input and output fields (H2O REST scorer)', tags: TAGS },
      },
    )
    .get(`${p}/model/sample_request`, ({ params }) => handle('scoring', nameOf(params), (e) => json(sampleRequest(e.model))), {
      detail: { summary: 'A request that passes all checks (H2O REST scorer)', tags: TAGS },
    })
    .get(`${p}/model/capabilities`, ({ params }) => handle('scoring', nameOf(params), (e) => json(capabilities(e.model))), {
      detail: { summary: 'SCORE, and CONTRIBUTION_ORIGINAL when the model has Shapley values', tags: TAGS },
    })
    .post(
      `${p}/model/score`,
      ({ params, request }) =>
        handle('scoring', nameOf(params), async (e) =>
          json(
            scoreResponse(
              parseScoreRequest(await body(request, e)),
              e,
              fieldsOf(e),
              o.modelId(e),
              requestOptions(request.headers, null, e.options).lenient,
            ),
          ),
        ),
      { parse: 'none', detail: { summary: 'Score rows (H2O REST scorer)', tags: TAGS, requestBody: jsonBody(ScoreRequestSchema) } },
    )
    .post(
      `${p}/model/contribution`,
      ({ params, request }) =>
        handle('shapley contribution', nameOf(params), async (e) =>
          json(
            contributionResponse(
              parseContributionRequest(await body(request, e)),
              e,
              requestOptions(request.headers, null, e.options).lenient,
            ),
          ),
        ),
      {
        parse: 'none',
        detail: {
          summary: 'Shapley contributions of rows (H2O REST scorer)',
          tags: TAGS,
          requestBody: jsonBody(ContributionRequestSchema),
        },
      },
    )
    .get(
      `${p}/readyz`,
      ({ params }) => handle('scoring', nameOf(params), () => new Response('Ready', { headers: { 'content-type': 'text/plain' } })),
      { detail: { summary: 'Readiness (H2O REST scorer)', tags: TAGS } },
    );
}

function jsonBody(schema: object) {
  return { required: true, content: { 'application/json': { schema } } };
}
