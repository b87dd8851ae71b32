/**
 * The id of a request: the client's own (X-Request-Id, or SageMaker's X-Amzn-RequestId) when it
 * is a short printable token, else a fresh UUID for an answer that is logged (a 5xx, the access
 * log). Echoed on the answer and named in its log lines, so one failing call can be found in
 * CloudWatch from the client side.
 */
import type { HeaderBag } from '../request-headers.ts';

export const REQUEST_ID_HEADER = 'x-request-id';
const AMZN_REQUEST_ID_HEADER = 'x-amzn-requestid';
/** Longer ids, or ids with spaces or control characters, are replaced (they end up in logs). */
const CLIENT_ID = /^[\x21-\x7e]{1,128}$/;

/** The client's request id (X-Request-Id, else X-Amzn-RequestId) when it is usable, else null. */
export function clientRequestId(headers: HeaderBag): string | null {
  const sent = headers[REQUEST_ID_HEADER] ?? headers[AMZN_REQUEST_ID_HEADER];
  return sent !== undefined && CLIENT_ID.test(sent) ? sent : null;
}

/** A new request id, for an answer that is logged and came without a usable one. */
export function newRequestId(): string {
  return crypto.randomUUID();
}
