/**
 * Errors as the Open Inference Protocol (KServe v2, Triton, MLServer) and KServe v1 send them:
 * `{"error": "<message>"}` with the error's status (400 bad request, 404 unknown model, 413,
 * 422 a row the model cannot score, 504 the time limit…). Anything that is not a ScorerError
 * is a bug: logged with its stack, answered with a 500.
 */
import { coded, echoed, ScorerError } from '../../errors.ts';
import type { Logger } from '../log.ts';

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

/** A model name these routes do not serve (single-model mode: not the model's name). */
export class UnknownModelError extends coded('MODEL_NOT_LOADED') {
  constructor(name: string, served?: string) {
    super(`model '${echoed(name)}' is not ${served === undefined ? 'loaded' : `served here (this server serves '${echoed(served)}')`}`, {
      detail: { model: echoed(name) },
    });
  }
}

export function protocolJson(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });
}

/** The protocol's error response for an error thrown while serving `where`. */
export function protocolErrorResponse(e: unknown, log: Logger, where: string): Response {
  if (e instanceof ScorerError) return protocolJson({ error: e.message }, e.status);
  log('error', `unhandled error in ${where}`, { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  return protocolJson({ error: 'internal server error' }, 500);
}
