/**
 * Server settings from the environment (SageMaker passes everything as env variables).
 * Per-request overrides (style, lenient, explanations) are decided in request-options.ts.
 */
import { ConfigurationError, echoed } from '../errors.ts';
import { isOutputStyle, OUTPUT_STYLES, type OutputStyle } from '../scoring/index.ts';
import { isAnyAccept, responseFormat } from './codecs/index.ts';
import { booleanSetting, type Env, numberSetting } from './env-settings.ts';
import { workersFromEnv } from './start-settings.ts';

export { hostname, MAX_WORKERS, resolvePort, workersFromEnv } from './start-settings.ts';

export type { OutputStyle };

export interface AppOptions {
  /** Default output shape; `compat` is the original Java scorer's. */
  style: OutputStyle;
  /** Default for unparsable numbers: missing (true) or a 400 (false). */
  lenient: boolean;
  /** Request body limit in bytes, after any Content-Encoding is undone (413 beyond it). */
  maxPayloadBytes: number;
  /** Time a request may take, body included (504 beyond it while scoring, 408 while the body arrives). */
  timeoutMs: number;
  /** Worker processes, reported by /execution-parameters. */
  workers: number;
  /** Serve Prometheus metrics at /metrics. */
  metrics: boolean;
  /** Render records with the precompiled writers (false forces the reference renderer). */
  fastRecords: boolean;
  /** Default explanation output: Shapley contributions (env DEFAULT_CONTRIBUTIONS). */
  contributions: boolean;
  /** Default explanation output: leaf-node assignments (env DEFAULT_LEAF). */
  leaf: boolean;
  /** Serve the model page at / (MODEL_PAGE). */
  modelPage: boolean;
  /** Serve the model's own file at /model.mojo, for the page to score in the browser (SERVE_MODEL_FILE). */
  serveModelFile: boolean;
  /** Serve Swagger UI and the OpenAPI document at /swagger (SWAGGER). */
  swagger: boolean;
  /** Response type of /invocations when the request has no Accept, or `*` + `/*` (SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT); null: the request's own format. */
  defaultAccept: string | null;
}

const MB = 1024 * 1024;
/** SageMaker's own invocation payload limit. */
export const DEFAULT_MAX_PAYLOAD_MB = 6;
/** SageMaker's default model server timeout, in seconds. */
export const DEFAULT_TIMEOUT_SECONDS = 60;

/** Longest SAGEMAKER_MODEL_SERVER_TIMEOUT, in seconds: a timer's longest delay (2^31 - 1 ms). */
export const MAX_TIMEOUT_SECONDS = 2_147_483;

/** SAGEMAKER_MAX_PAYLOAD_IN_MB, else its older alias MAX_PAYLOAD_MB, else SageMaker's 6 MB. */
function payloadMb(env: Env): number {
  const name = env.SAGEMAKER_MAX_PAYLOAD_IN_MB?.trim() ? 'SAGEMAKER_MAX_PAYLOAD_IN_MB' : 'MAX_PAYLOAD_MB';
  return numberSetting(env, name, DEFAULT_MAX_PAYLOAD_MB);
}

/** SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT: a type /invocations answers in (JSON, CSV, JSON Lines), or null when unset. */
function defaultAcceptFromEnv(env: Env): string | null {
  const name = 'SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT';
  const v = env[name]?.trim() ?? '';
  if (v === '') return null;
  try {
    if (isAnyAccept(v)) throw new Error('a wildcard');
    responseFormat(v, 'json');
  } catch {
    throw new ConfigurationError(name, `${name}='${echoed(v)}' must be application/json, text/csv or application/jsonlines`);
  }
  return v;
}

/** Every server setting from the environment; a bad value is a CONFIGURATION error naming it. */
export function optionsFromEnv(env: Env): AppOptions {
  const style = (env.OUTPUT_STYLE ?? 'record').trim().toLowerCase();
  if (!isOutputStyle(style))
    throw new ConfigurationError(
      'OUTPUT_STYLE',
      `OUTPUT_STYLE='${echoed(env.OUTPUT_STYLE ?? '')}' must be ${OUTPUT_STYLES.map((s) => `'${s}'`).join(' or ')}`,
    );
  return {
    style,
    lenient: booleanSetting(env, 'LENIENT_NUMBERS', false),
    maxPayloadBytes: Math.floor(payloadMb(env) * MB),
    timeoutMs: numberSetting(env, 'SAGEMAKER_MODEL_SERVER_TIMEOUT', DEFAULT_TIMEOUT_SECONDS, { max: MAX_TIMEOUT_SECONDS }) * 1000,
    workers: workersFromEnv(env),
    metrics: booleanSetting(env, 'METRICS', true),
    fastRecords: !booleanSetting(env, 'MOJO_SCORER_REFERENCE_RECORDS', false),
    contributions: booleanSetting(env, 'DEFAULT_CONTRIBUTIONS', false),
    leaf: booleanSetting(env, 'DEFAULT_LEAF', false),
    modelPage: booleanSetting(env, 'MODEL_PAGE', true),
    serveModelFile: booleanSetting(env, 'SERVE_MODEL_FILE', false),
    swagger: booleanSetting(env, 'SWAGGER', true),
    defaultAccept: defaultAcceptFromEnv(env),
  };
}

export function defaultOptions(over: Partial<AppOptions> = {}): AppOptions {
  return {
    style: 'record',
    lenient: false,
    maxPayloadBytes: DEFAULT_MAX_PAYLOAD_MB * MB,
    timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000,
    workers: 1,
    metrics: true,
    fastRecords: true,
    contributions: false,
    leaf: false,
    modelPage: true,
    serveModelFile: false,
    swagger: true,
    defaultAccept: null,
    ...over,
  };
}
