/**
 * H2O's REST scorer API (Scoring API v1 of h2oai/mlops-dai-runtimes' local REST scorer), so
 * its clients work unchanged: POST /model/score and /model/contribution, GET /model/id,
 * /model/schema, /model/sample_request, /model/capabilities and /readyz. What H2O's scorer
 * offers and this one does not — GET /model/score?file= (a CSV path on the server's own disk)
 * and POST /model/media-score — is a 501 Not Implemented, as H2O's runtimes answer for the
 * operations they leave out. In multi-model mode
 * the same routes sit below /models/{name} (H2O's scorer serves one model and has no
 * convention for several).
 */
import { requestOptions } from '../request-options.ts';
import { Elysia } from 'elysia';
import type { Logger } from '../log.ts';
import { readText } from '../read-body.ts';
import type { Invoker } from '../invoke.ts';
import { detailResponse, h2oErrorResponse, type H2oAction } from './errors.ts';
import { capabilities, modelInfo, sampleRequest } from './info.ts';
import { ContributionRequestSchema, parseContributionRequest, parseScoreRequest, ScoreRequestSchema } from './request.ts';
import { contributionResponse, scoreResponse } from './score.ts';

export interface H2oRouteOptions {
  /** '' for the single model, '/models/:name' in multi-model mode. */
  prefix: string;
  /** The model's invoker a request addresses (by the `name` path parameter in multi-model mode). */
  resolve(name: string | undefined): Promise<Invoker>;
  /** The id reported for a model (H2O's scorer: MODEL_ID, else the model's uuid). */
  modelId(invoker: Invoker): string;
  log: Logger;
}

const JSON_HEADERS = { 'content-type': 'application/json' } as const;
const TAGS = ['h2o'];

/** H2O's scorer reads a CSV from its own disk for GET /model/score?file=: a client must not name server files. */
const NO_SERVER_FILES = '501 NOT_IMPLEMENTED "Scoring a file on the server\'s disk is not supported: POST the rows to /model/score"';
const NO_FILE = '400 BAD_REQUEST "Request is missing a valid CSV file path"';
const NO_MEDIA = '501 NOT_IMPLEMENTED "Scoring with media files is not supported"';

/** GET /model/score?file=: a 400 without a path (as H2O), else a 501. */
function scoreByFile(request: Request): Response {
  const q = request.url.indexOf('?');
  const file = q < 0 ? null : new URLSearchParams(request.url.slice(q + 1)).get('file');
  return file === null || file === '' ? detailResponse(400, NO_FILE) : detailResponse(501, NO_SERVER_FILES);
}

function json(body: unknown): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), { headers: JSON_HEADERS });
}

/** The id H2O's scorer reports: MODEL_ID when set, else the model's uuid. */
export function h2oModelId(env: Record<string, string | undefined>): (invoker: Invoker) => string {
  return (invoker) => env.MODEL_ID || invoker.session.model.header.uuid;
}

export function h2oRoutes(o: H2oRouteOptions) {
  const p = o.prefix;
  const handle = async (action: H2oAction, name: string | undefined, run: (e: Invoker) => Response | Promise<Response>) => {
    try {
      return await run(await o.resolve(name));
    } catch (e) {
      return h2oErrorResponse(e, action, o.log);
    }
  };
  /**
   * A scoring route: the body read within the payload limit and the time limit, then scored on
   * the session's row path (sliced, stopped by the deadline and a forced drain), in the metrics
   * as `route`; errors in H2O's shape.
   */
  const scoring = (
    action: H2oAction,
    route: string,
    name: string | undefined,
    request: Request,
    answer: (e: Invoker, text: string, lenient: boolean, deadline: number) => Promise<string>,
  ) =>
    handle(action, name, (e) =>
      e.measured(route, request, async (headers, t0) => {
        try {
          const deadline = t0 + e.options.timeoutMs;
          const text = await readText(request, { maxBytes: e.options.maxPayloadBytes, deadline }, headers);
          return json(await answer(e, text, requestOptions(headers, null, e.options).lenient, deadline));
        } catch (err) {
          return h2oErrorResponse(err, action, o.log);
        }
      }),
    );
  const nameOf = (params: Record<string, string> | undefined) => params?.name;
  return new Elysia({ name: `h2o-rest${p}` })
    .get(
      `${p}/model/id`,
      ({ params }) => handle('scoring', nameOf(params), (e) => new Response(o.modelId(e), { headers: { 'content-type': 'text/plain' } })),
      { detail: { summary: 'Model id (H2O REST scorer)', tags: TAGS } },
    )
    .get(
      `${p}/model/schema`,
      ({ params }) => handle('scoring', nameOf(params), (e) => json(modelInfo(e.session.model, e.session.javaCells, o.modelId(e)))),
      {
        detail: { summary: 'Input and output fields (H2O REST scorer)', tags: TAGS },
      },
    )
    .get(`${p}/model/sample_request`, ({ params }) => handle('scoring', nameOf(params), (e) => json(sampleRequest(e.session.model))), {
      detail: { summary: 'A request that passes all checks (H2O REST scorer)', tags: TAGS },
    })
    .get(`${p}/model/capabilities`, ({ params }) => handle('scoring', nameOf(params), (e) => json(capabilities(e.session.model))), {
      detail: { summary: 'SCORE, and CONTRIBUTION_ORIGINAL when the model has Shapley values', tags: TAGS },
    })
    .post(
      `${p}/model/score`,
      ({ params, request }) =>
        scoring('scoring', 'model/score', nameOf(params), request, (e, text, lenient, deadline) =>
          scoreResponse(parseScoreRequest(text), { invoker: e, lenient, deadline }, o.modelId(e)),
        ),
      { parse: 'none', detail: { summary: 'Score rows (H2O REST scorer)', tags: TAGS, requestBody: jsonBody(ScoreRequestSchema) } },
    )
    .post(
      `${p}/model/contribution`,
      ({ params, request }) =>
        scoring('shapley contribution', 'model/contribution', nameOf(params), request, (e, text, lenient, deadline) =>
          contributionResponse(parseContributionRequest(text), { invoker: e, lenient, deadline }),
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
    .get(`${p}/model/score`, ({ params, request }) => handle('scoring', nameOf(params), () => scoreByFile(request)), {
      detail: { summary: 'Score a CSV file on the server (H2O REST scorer): not supported, 501', tags: TAGS },
    })
    .post(`${p}/model/media-score`, ({ params }) => handle('scoring', nameOf(params), () => detailResponse(501, NO_MEDIA)), {
      parse: 'none',
      detail: { summary: 'Score with media files (H2O REST scorer): not supported, 501', tags: TAGS },
    })
    .get(
      `${p}/readyz`,
      ({ params }) => handle('scoring', nameOf(params), () => new Response('Ready', { headers: { 'content-type': 'text/plain' } })),
      { detail: { summary: 'Readiness (H2O REST scorer)', tags: TAGS } },
    );
}

function jsonBody(schema: object) {
  return { required: true, content: { 'application/json': { schema } } };
}
