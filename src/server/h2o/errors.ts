/**
 * Errors as H2O's REST scorer sends them: `{"detail": …}` where the detail is Spring's
 * rendering of the status and reason (`400 BAD_REQUEST "Invalid scoring request due to: …"`).
 * Bad input (and asking a model for Shapley values it lacks, as H2O does) is 400; a model
 * that is not loaded 404; a row the model cannot score, or a bug, 500.
 */
import { coded, RowError, ScorerError } from '../../errors.ts';
import type { Logger } from '../log.ts';

const REASONS: Record<number, string> = {
  400: 'BAD_REQUEST',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  500: 'INTERNAL_SERVER_ERROR',
  507: 'INSUFFICIENT_STORAGE',
};

/** Statuses kept as they are; other client errors (422, 406…) are 400 as in H2O's scorer. */
const KEPT_STATUSES = new Set([404, 409, 413, 415, 507]);

/** What the request was, for the message prefix ("Invalid scoring request due to: …"). */
export type H2oAction = 'scoring' | 'shapley contribution';

/** Throws as a 400 with H2O's message (request shape problems). */
export class H2oRequestError extends coded('BAD_REQUEST') {}

export function detailResponse(status: number, detail: string): Response {
  return new Response(JSON.stringify({ detail }), { status, headers: { 'content-type': 'application/json' } });
}

/** The H2O-style response for an error thrown while serving `action`. */
export function h2oErrorResponse(e: unknown, action: H2oAction, log: Logger): Response {
  if (e instanceof ScorerError && !(e instanceof RowError)) {
    const status = KEPT_STATUSES.has(e.status) || e.status >= 500 ? e.status : 400;
    const prefix = status === 400 ? `Invalid ${action} request due to: ` : `Failed ${action} request due to: `;
    return detailResponse(status, spring(status, prefix + e.message));
  }
  if (e instanceof RowError) return detailResponse(500, spring(500, `Failed ${action} request due to: ${e.message}`));
  log('error', `unhandled error in H2O ${action} route`, { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  return detailResponse(500, spring(500, `Failed ${action} request due to: internal error`));
}

function spring(status: number, reason: string): string {
  return `${status} ${REASONS[status] ?? 'ERROR'} "${reason}"`;
}
