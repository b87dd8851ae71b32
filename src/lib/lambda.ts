/**
 * `mojo-scorer/lambda`: an AWS Lambda handler that scores with one MOJO, loaded once per
 * container. It answers API Gateway REST (payload 1.0), HTTP API (payload 2.0) and function-URL
 * events exactly as the server answers `/invocations` (POST) and `/predict_parameters` (GET):
 * the event becomes a web Request for the server's own Invoker, so bodies, content negotiation,
 * per-request options, output styles and errors are the server's, not a copy of them.
 */
import { decodeModelSource } from '../algos/index.ts';
import { BadRequestError, ConfigurationError } from '../errors.ts';
import { openMojo, openMojoBytes } from '../mojo/index.ts';
import { Session } from '../scoring/index.ts';
// The server's modules one by one, not its index: that would bundle Elysia and prom-client into the handler.
import { errorResponse } from '../server/errors.ts';
import { Invoker } from '../server/invoke.ts';
import { jsonLogger, type Logger, silentLogger } from '../server/log.ts';
import { type AppOptions, optionsFromEnv } from '../server/options.ts';

/** An API Gateway REST API (payload format 1.0) proxy event: the fields the handler reads. */
export interface ApiGatewayProxyEventV1 {
  httpMethod: string;
  path?: string | null;
  headers?: Record<string, string | undefined> | null;
  multiValueHeaders?: Record<string, string[] | undefined> | null;
  queryStringParameters?: Record<string, string | undefined> | null;
  multiValueQueryStringParameters?: Record<string, string[] | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
}

/** An HTTP API (payload format 2.0) or Lambda function-URL event: the fields the handler reads. */
export interface ApiGatewayProxyEventV2 {
  version: '2.0';
  rawPath?: string;
  rawQueryString?: string;
  headers?: Record<string, string | undefined> | null;
  requestContext: { http: { method: string; path?: string } };
  body?: string | null;
  isBase64Encoded?: boolean;
}

export type LambdaHttpEvent = ApiGatewayProxyEventV1 | ApiGatewayProxyEventV2;

/** The proxy result both payload formats and function URLs accept. */
export interface LambdaHttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

export type LambdaHttpHandler = (event: LambdaHttpEvent) => Promise<LambdaHttpResult>;

export interface LambdaHandlerOptions {
  /**
   * The model: a path (a .zip/.mojo file, a model.tar.gz or a folder holding model.ini) or the
   * bytes of one (a model bundled into the function's code). Default: the MOJO_MODEL_PATH
   * environment variable, else MODEL_PATH.
   */
  model?: string | Uint8Array;
  /** Settings read as the server reads them (LENIENT_NUMBERS, OUTPUT_STYLE, SAGEMAKER_MAX_PAYLOAD_IN_MB, …). Default: process.env. */
  env?: Record<string, string | undefined>;
  /** JSON log lines (to CloudWatch through stdout/stderr) unless false. */
  log?: boolean;
}

/** Where request URLs are rooted: only the path and query of an event matter to the Invoker. */
const ORIGIN = 'https://lambda.invalid';

/**
 * Loads the model now and returns a handler scoring with it. Call it at the top level of the
 * function's module so the model is loaded in the Lambda init phase, once per container.
 * Throws ScorerError (MOJO_FORMAT, UNSUPPORTED_ALGORITHM, …; CONFIGURATION when no model is named).
 */
export function createHandler(options: LambdaHandlerOptions = {}): LambdaHttpHandler {
  const env = options.env ?? processEnv();
  const invoker = loadInvoker(
    options.model ?? modelPathFromEnv(env),
    optionsFromEnv(env),
    options.log === false ? silentLogger : jsonLogger,
  );
  return (event) => answer(invoker, event);
}

let shared: Invoker | undefined;

/**
 * The ready-made handler (`handler` in the function's configuration: `index.handler` after
 * `export { handler } from 'mojo-scorer/lambda'`): loads MOJO_MODEL_PATH on its first event and
 * keeps it for the container's life.
 */
export const handler: LambdaHttpHandler = (event) => {
  if (shared === undefined) {
    const env = processEnv();
    shared = loadInvoker(modelPathFromEnv(env), optionsFromEnv(env), jsonLogger);
  }
  return answer(shared, event);
};

function processEnv(): Record<string, string | undefined> {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
}

function modelPathFromEnv(env: Record<string, string | undefined>): string {
  const path = env.MOJO_MODEL_PATH?.trim() || env.MODEL_PATH?.trim();
  if (!path)
    throw new ConfigurationError(
      'MOJO_MODEL_PATH',
      'MOJO_MODEL_PATH is not set: name the MOJO (.zip/.mojo, model.tar.gz or folder) to score with',
    );
  return path;
}

function loadInvoker(model: string | Uint8Array, options: AppOptions, log: Logger): Invoker {
  const source = typeof model === 'string' ? openMojo(model) : openMojoBytes(model, '<bytes>');
  const session = new Session(decodeModelSource(source), { fastRecords: options.fastRecords });
  return new Invoker(session, options, log, undefined);
}

/** POST scores the body (`/invocations`), GET the query string's row (`/predict_parameters`); other methods are a 405. */
async function answer(invoker: Invoker, event: LambdaHttpEvent): Promise<LambdaHttpResult> {
  const method = isV2(event) ? event.requestContext.http.method : event.httpMethod;
  if (method !== 'POST' && method !== 'GET')
    return {
      statusCode: 405,
      headers: { allow: 'GET, POST', 'content-type': 'application/json' },
      body: JSON.stringify({
        error: { code: 'METHOD_NOT_ALLOWED', message: `${method} is not allowed: POST scores the body, GET the query string` },
      }),
      isBase64Encoded: false,
    };
  let request: Request;
  try {
    request = toRequest(event, method);
  } catch (e) {
    return toResult(errorResponse(e, invoker.log, 'lambda event'));
  }
  const response = method === 'POST' ? await invoker.invocations(request) : await invoker.predictParameters(request);
  return toResult(response);
}

function isV2(event: LambdaHttpEvent): event is ApiGatewayProxyEventV2 {
  return (event as ApiGatewayProxyEventV2).version === '2.0' && (event as ApiGatewayProxyEventV2).requestContext?.http !== undefined;
}

/** The event as the web Request the server's routes read (path, query, headers, body bytes). */
function toRequest(event: LambdaHttpEvent, method: string): Request {
  const headers = new Headers();
  let url: string;
  if (isV2(event)) {
    // Payload 2.0 joins repeated headers with commas already; the raw query keeps its order.
    for (const [k, v] of Object.entries(event.headers ?? {})) if (v !== undefined) headers.set(k, v);
    const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
    url = `${ORIGIN}${event.rawPath || event.requestContext.http.path || '/'}${query}`;
  } else {
    const multi = event.multiValueHeaders;
    if (multi) for (const [k, vs] of Object.entries(multi)) for (const v of vs ?? []) headers.append(k, v);
    else for (const [k, v] of Object.entries(event.headers ?? {})) if (v !== undefined) headers.set(k, v);
    const query = new URLSearchParams();
    const multiQuery = event.multiValueQueryStringParameters;
    if (multiQuery) for (const [k, vs] of Object.entries(multiQuery)) for (const v of vs ?? []) query.append(k, v);
    else for (const [k, v] of Object.entries(event.queryStringParameters ?? {})) if (v !== undefined) query.append(k, v);
    const q = query.toString();
    url = `${ORIGIN}${event.path || '/'}${q ? `?${q}` : ''}`;
  }
  const body = method === 'POST' ? eventBody(event) : undefined;
  return new Request(url, { method, headers, body });
}

function eventBody(event: LambdaHttpEvent): Uint8Array<ArrayBuffer> | string {
  const body = event.body ?? '';
  if (!event.isBase64Encoded) return body;
  let binary: string;
  try {
    binary = atob(body);
  } catch {
    throw new BadRequestError('the event body is marked base64-encoded but is not base64');
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The server's Response as a proxy result: text bodies as they are, encoded bodies in base64. */
async function toResult(response: Response): Promise<LambdaHttpResult> {
  const headers: Record<string, string> = {};
  response.headers.forEach((v, k) => {
    headers[k] = v;
  });
  if (!response.headers.has('content-encoding'))
    return { statusCode: response.status, headers, body: await response.text(), isBase64Encoded: false };
  const bytes = new Uint8Array(await response.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { statusCode: response.status, headers, body: btoa(binary), isBase64Encoded: true };
}
