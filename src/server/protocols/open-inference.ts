/**
 * The Open Inference Protocol (KServe v2, Triton, Seldon MLServer) over REST: server metadata
 * (`GET /v2`), liveness and readiness (`/v2/health/live`, `/v2/health/ready`), model metadata
 * and readiness (`/v2/models/{name}`, `/v2/models/{name}/ready`) and inference
 * (`POST /v2/models/{name}/infer`), with the protocol's error shape `{"error": "…"}`. Requests
 * are decoded to rows (tensors.ts) and scored on the session's row path; the answer is written
 * by a TensorWriter. Model versions are not served (a MOJO has one).
 */
import { Elysia } from 'elysia';
import { BadRequestError, echoed } from '../../errors.ts';
import { PredictionOutput } from '../../scoring/index.ts';
import type { Invoker } from '../invoke.ts';
import { readText } from '../read-body.ts';
import type { HeaderBag } from '../request-headers.ts';
import { requestOptions } from '../request-options.ts';
import { protocolErrorResponse, protocolJson } from './errors.ts';
import { modelMetadata, serverMetadata } from './metadata.ts';
import type { ProtocolRouteOptions } from './routes.ts';
import { scoreItems } from './score.ts';
import { parseInferRequest } from './tensors.ts';
import { TensorWriter } from './tensor-writer.ts';

const TAGS = ['open-inference'];

export function openInferenceRoutes(o: ProtocolRouteOptions) {
  const withModel = async (name: string, where: string, run: (e: Invoker) => Response | Promise<Response>) => {
    try {
      return await run(await o.resolve(name));
    } catch (e) {
      return protocolErrorResponse(e, o.log, where);
    }
  };
  return new Elysia({ name: 'open-inference' })
    .get('/v2', () => protocolJson(serverMetadata()), { detail: { summary: 'Server metadata (Open Inference Protocol)', tags: TAGS } })
    .get('/v2/health/live', () => protocolJson({ live: true }), { detail: { summary: 'Liveness (Open Inference Protocol)', tags: TAGS } })
    .get('/v2/health/ready', () => protocolJson({ ready: true }), {
      detail: { summary: 'Readiness (Open Inference Protocol)', tags: TAGS },
    })
    .get(
      '/v2/models/:name',
      ({ params }) => withModel(params.name, 'GET /v2/models', (e) => protocolJson(modelMetadata(params.name, e.session.model))),
      {
        detail: { summary: 'Model metadata: inputs and outputs (Open Inference Protocol)', tags: TAGS },
      },
    )
    .get(
      '/v2/models/:name/ready',
      ({ params }) => withModel(params.name, 'GET /v2/models/ready', () => protocolJson({ name: params.name, ready: true })),
      {
        detail: { summary: 'Model readiness (Open Inference Protocol)', tags: TAGS },
      },
    )
    .post(
      '/v2/models/:name/infer',
      ({ params, request }) =>
        withModel(params.name, 'POST /v2/models/infer', (e) =>
          e.measured('v2/infer', request, async (headers, t0) => {
            try {
              return await infer(e, params.name, request, headers, t0);
            } catch (err) {
              return protocolErrorResponse(err, o.log, 'POST /v2/models/infer');
            }
          }),
        ),
      {
        parse: 'none',
        detail: { summary: 'Inference with named input tensors (Open Inference Protocol)', tags: TAGS },
      },
    );
}

async function infer(e: Invoker, name: string, request: Request, headers: HeaderBag, t0: number): Promise<Response> {
  const deadline = t0 + e.options.timeoutMs;
  const text = await readText(request, { maxBytes: e.options.maxPayloadBytes, deadline }, headers);
  const req = parseInferRequest(text, e.session);
  const settings = requestOptions(headers, null, e.options);
  const body = await scoreItems(e, {
    items: req.items,
    output: (session) => session.output('prediction'),
    writer: (output, sink, session) => {
      if (!(output instanceof PredictionOutput)) throw new Error('a prediction output was expected');
      return new TensorWriter(
        req.id === undefined ? { model_name: name } : { model_name: name, id: req.id },
        session.layout,
        output,
        outputColumns(session.layout.names, req.outputs),
        sink,
      );
    },
    lenient: settings.lenient,
    deadline,
  });
  return new Response(body, { headers: { 'content-type': 'application/json' } });
}

/** Indices of the output columns asked for (all when none are named). */
function outputColumns(names: readonly string[], asked: string[] | undefined): number[] {
  if (asked === undefined) return names.map((_, i) => i);
  return asked.map((a) => {
    const i = names.indexOf(a);
    if (i < 0) throw new BadRequestError(`unknown output '${echoed(a)}'; the model's outputs: ${echoed(names.join(', '))}`);
    return i;
  });
}
