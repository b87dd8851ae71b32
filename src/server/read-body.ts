/**
 * Reads a request body as text under the payload limit and the request's deadline.
 * The limit is checked against Content-Length before reading, against the bytes as they
 * arrive, and against the decoded size of a compressed body, so every oversize body is the
 * same JSON 413 whatever its size (Bun's own limit sits far above ours, see bunBodyLimit).
 * A body that stops arriving (Content-Length longer than what is sent) or breaks off is a
 * client error (408/400), never a 500.
 */
import { BadRequestError, PayloadTooLargeError, RequestTimeoutError } from '../errors.ts';
import type { BodyText } from '../scoring/index.ts';
import { continued, type ReadContinuation, type ReadFailures, within } from './body-watch.ts';
import { type HeaderBag, headerBag } from './request-headers.ts';
import { BodyInflater, type BodyCoding, bodyCoding, bodyDecoder, decodeText, isUtf8 } from './codecs/index.ts';

export type { ReadContinuation } from './body-watch.ts';

/** A body that sends nothing for this long has stalled (408). */
export const BODY_STALL_MS = 3000;
/**
 * A plain body declared this short is read whole in one call (Bun's native path): a one-row
 * request then costs no stream reader, which would take as long as the rest of the request.
 * It must arrive whole within BODY_STALL_MS; longer bodies are read as a stream, whose
 * stall limit restarts with every chunk.
 */
export const WHOLE_BODY_BYTES = 64 * 1024;

export interface BodyLimits {
  /** Largest body, in bytes, after decoding. */
  maxBytes: number;
  /** performance.now() time past which the body is no longer waited for (408). */
  deadline: number;
  /** performance.now() time the request arrived, when the caller has it: a short body's one read is then timed from it (no clock read of its own). */
  arrived?: number;
}

/**
 * Bun.serve's maxRequestBodySize. Bun answers a body over its own limit with a bare 413 before
 * any handler runs (by Content-Length, or mid-stream), so it is set out of reach and every
 * route reads its body through readBodyText, which enforces ours (a body is never read past it).
 */
export const BUN_BODY_LIMIT = Number.MAX_SAFE_INTEGER;

/**
 * The body as text in its Content-Type's charset (UTF-8 by default), read within the limits: a
 * short body as one string, a long one in parts decoded as its bytes arrive (its bytes are
 * never held whole beside its text; streamBody lets each part go once read).
 */
export function readBodyText<R = BodyText>(
  request: Request,
  limits: BodyLimits,
  headers: HeaderBag = headerBag(request),
  then?: ReadContinuation<BodyText, R>,
): Promise<R> {
  return wholeBody(headers, limits) ? readShort(request, limits, headers, then) : continued(readParts(request, limits, headers), then);
}

/** The body as one string, read as readBodyText does (bodies parsed whole: JSON). */
export function readText(request: Request, limits: BodyLimits, headers: HeaderBag = headerBag(request)): Promise<string> {
  return wholeBody(headers, limits)
    ? readShort(request, limits, headers)
    : readParts(request, limits, headers).then((parts) => parts.join(''));
}

/** A short plain body, read whole (and, given `then`, continued by it: a one-row request waits once). */
function readShort<R = string>(request: Request, limits: BodyLimits, headers: HeaderBag, then?: ReadContinuation<string, R>): Promise<R> {
  const contentType = headers['content-type'] ?? null;
  // UTF-8: Bun's own text() reads and decodes it in one native call (a broken-off body rejects
  // it); bytes() and a TextDecoder cost a one-row request a tenth of its time.
  if (isUtf8(contentType)) return within(request.text(), stallLimit(limits.deadline, limits.arrived), TEXT_READ, then);
  return continued(
    readWhole(request, Number(headers['content-length']), limits.deadline).then((b) => decodeText(b, contentType)),
    then,
  );
}

/** A long or compressed body, decoded piece by piece as its bytes arrive (each piece then let go). */
async function readParts(request: Request, limits: BodyLimits, headers: HeaderBag): Promise<string[]> {
  const contentType = headers['content-type'] ?? null;
  const coding = bodyCoding(headers['content-encoding'] ?? null);
  const declaredHeader = headers['content-length'];
  const declared = declaredHeader === undefined ? Number.NaN : Number(declaredHeader);
  const decoder = bodyDecoder(contentType);
  const parts: string[] = [];
  if (decoder instanceof Error) {
    // An unknown charset is refused once the body is read, after any 413 or 408 it earns.
    await readStreamed(request, coding, declared, limits, () => {});
    throw decoder;
  }
  await readStreamed(request, coding, declared, limits, (bytes) => {
    const part = decoder.decode(bytes, STREAMING);
    if (part.length > 0) parts.push(part);
  });
  const last = decoder.decode();
  if (last.length > 0) parts.push(last);
  return parts;
}

const STREAMING: TextDecodeOptions = { stream: true };

/**
 * Reads the body as a stream, handing each piece of its decoded bytes (Content-Encoding undone)
 * to `take`; the payload limit is checked against the bytes as they arrive.
 */
async function readStreamed(
  request: Request,
  coding: BodyCoding,
  declared: number,
  limits: BodyLimits,
  take: (bytes: Uint8Array) => void,
): Promise<void> {
  const max = limits.maxBytes;
  // Deflate's stored blocks add a few bytes per 64 KB: a compressed body this much over the limit inflates past it too.
  const overhead = coding === 'identity' ? 0 : Math.ceil(max / 8192) + 1024;
  if (declared > max + overhead) throw new PayloadTooLargeError(max);
  const stream = request.body;
  if (stream === null) return;
  let length = 0;
  const counted = (bytes: Uint8Array): void => {
    length += bytes.length;
    if (length > max) throw new PayloadTooLargeError(max);
    take(bytes);
  };
  const inflater = coding === 'identity' ? null : new BodyInflater(coding, counted);
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await readWithin(reader, limits.deadline);
      if (done) break;
      if (inflater) inflater.push(value);
      else counted(value);
    }
    inflater?.push(new Uint8Array(0), true);
  } catch (e) {
    void reader.cancel().catch(() => {});
    throw e;
  }
}

/** Whether the body is plain (no Content-Encoding) and declared short enough to be read whole. */
function wholeBody(headers: HeaderBag, limits: BodyLimits): boolean {
  if (headers['content-encoding'] !== undefined) return false;
  const declared = headers['content-length'];
  if (declared === undefined) return false;
  const n = Number(declared);
  return n >= 0 && n <= WHOLE_BODY_BYTES && n <= limits.maxBytes;
}

type Chunk = Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']>>;

/** A short plain body in one read, given up after BODY_STALL_MS or at the deadline. */
function readWhole(request: Request, declared: number, deadline: number): Promise<Uint8Array> {
  const fail: ReadFailures<Uint8Array> = {
    expired: stalled,
    broken,
    // Bun reads exactly Content-Length bytes; fewer is a body that broke off.
    check: (bytes) => (bytes.length === declared ? undefined : broken(new Error(`${bytes.length} of ${declared} bytes arrived`))),
  };
  return within(request.bytes(), stallLimit(deadline), fail);
}

const STREAM_READ: ReadFailures<Chunk> = { expired: stalled, broken };
const TEXT_READ: ReadFailures<string> = { expired: stalled, broken };

/** One read of a streamed body, given up after BODY_STALL_MS of silence or at the deadline. */
function readWithin(reader: ReadableStreamDefaultReader<Uint8Array>, deadline: number): Promise<Chunk> {
  return within(reader.read(), stallLimit(deadline), STREAM_READ);
}

/** When a read starting now (or at `from`) is given up: after BODY_STALL_MS of silence, or at the request's deadline. */
function stallLimit(deadline: number, from = performance.now()): number {
  return Math.min(deadline, from + BODY_STALL_MS);
}

function stalled(): Error {
  return new RequestTimeoutError('the request body stopped arriving before it was complete');
}

function broken(e: unknown): Error {
  return new BadRequestError(`the request body could not be read in full (${e instanceof Error ? e.message : String(e)})`);
}
