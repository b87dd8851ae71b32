/**
 * The id of a request: the client's own (X-Request-Id, or SageMaker's X-Amzn-RequestId) when it
 * is a short printable token, else a fresh UUID. Echoed on the response and named in every log
 * line about the request, so one failing call can be found in CloudWatch from the client side.
 */

export const REQUEST_ID_HEADER = 'x-request-id';
const AMZN_REQUEST_ID_HEADER = 'x-amzn-requestid';
/** Longer ids, or ids with spaces or control characters, are replaced (they end up in logs). */
const CLIENT_ID = /^[\x21-\x7e]{1,128}$/;

/** The request's id, the client's when usable. */
export function requestIdOf(headers: Headers): string {
  const sent = headers.get(REQUEST_ID_HEADER) ?? headers.get(AMZN_REQUEST_ID_HEADER);
  return sent !== null && CLIENT_ID.test(sent) ? sent : crypto.randomUUID();
}
