/**
 * KServe's v1 protocol (TensorFlow Serving's REST API as KServe serves it): readiness at
 * `GET /v1/models/{name}` and `POST /v1/models/{name}:predict` with `{"instances": [...]}` (rows
 * as objects by name, or arrays in model input order; `inputs` is read the same way) answered
 * `{"predictions": [...]}`, one record per row as /invocations writes it (the same output
 * styles and explanations, chosen by the same headers). Errors are `{"error": "…"}`.
 */
import { Elysia } from 'elysia';
import { BadRequestError, echoed } from '../../errors.ts';
import { batchWriter, EnvelopeWriter, mlflowItems, PREDICTIONS_ENVELOPE, positionalCount } from '../../scoring/index.ts';
import type { Invoker } from '../invoke.ts';
import { readText } from '../read-body.ts';
import type { HeaderBag } from '../request-headers.ts';
import { outputKind, requestOptions } from '../request-options.ts';
import { protocolErrorResponse, protocolJson } from './errors.ts';
import type { ProtocolRouteOptions } from './routes.ts';
import { scoreItems } from './score.ts';

const TAGS = ['kserve-v1'];
const PREDICT = ':predict';

export function kserveV1Routes(o: ProtocolRouteOptions) {
  return new Elysia({ name: 'kserve-v1' })
    .get(
      '/v1/models/:name',
      async ({ params }) => {
        try {
          await o.resolve(params.name);
          return protocolJson({ name: params.name, ready: true });
        } catch (e) {
          return protocolErrorResponse(e, o.log, 'GET /v1/models');
        }
      },
      { detail: { summary: 'Model readiness (KServe v1)', tags: TAGS } },
    )
    .post(
      // The verb is part of the last segment (`{name}:predict`): matched here, not by the router.
      '/v1/models/:name',
      async ({ params, request }) => {
        const target = params.name;
        if (!target.endsWith(PREDICT))
          return protocolJson({ error: `no such verb on '${echoed(target)}': only {name}:predict is served` }, 404);
        const name = target.slice(0, -PREDICT.length);
        try {
          const e = await o.resolve(name);
          return await e.measured('v1/predict', request, async (headers, t0) => {
            try {
              return await predict(e, request, headers, t0);
            } catch (err) {
              return protocolErrorResponse(err, o.log, 'POST /v1/models:predict');
            }
          });
        } catch (e) {
          return protocolErrorResponse(e, o.log, 'POST /v1/models:predict');
        }
      },
      { parse: 'none', detail: { summary: 'Predict {"instances": [...]} (KServe v1: POST /v1/models/{name}:predict)', tags: TAGS } },
    );
}

/** KServe's keys are never model columns: every MLflow key is the body's shape. */
const READS_NO_COLUMN = { reads: (_column: string) => false };

async function predict(e: Invoker, request: Request, headers: HeaderBag, t0: number): Promise<Response> {
  const deadline = t0 + e.options.timeoutMs;
  const text = await readText(request, { maxBytes: e.options.maxPayloadBytes, deadline }, headers);
  const session = e.session;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new BadRequestError(`malformed JSON: ${echoed((err as Error).message)}`);
  }
  const instances =
    body !== null && typeof body === 'object' && !Array.isArray(body) && ('instances' in body || 'inputs' in body)
      ? mlflowItems(body as Record<string, unknown>, READS_NO_COLUMN, session.decode.positional, positionalCount(session.decode))
      : null;
  if (instances === null) throw new BadRequestError('a predict request is {"instances": [...]}');
  const settings = requestOptions(headers, null, e.options);
  const answer = await scoreItems(e, {
    items: instances,
    output: (s) => s.output(outputKind(settings), settings.style),
    writer: (output, sink) => new EnvelopeWriter(PREDICTIONS_ENVELOPE, batchWriter('json', output, sink), sink),
    lenient: settings.lenient,
    deadline,
  });
  return new Response(answer, { headers: { 'content-type': 'application/json' } });
}
