/**
 * Reads a request body as bytes under the payload limit and the request's deadline.
 * The limit is checked against Content-Length before reading, against the bytes as they
 * arrive, and against the decoded size of a compressed body, so every oversize body is the
 * same JSON 413 whatever its size (Bun's own limit sits far above ours, see bunBodyLimit).
 * A body that stops arriving (Content-Length longer than what is sent) or breaks off is a
 * client error (408/400), never a 500.
 */
import { BadRequestError, PayloadTooLargeError, RequestTimeoutError } from '../errors.ts';
import { type ReadFailures, within } from './body-watch.ts';
import { type HeaderBag, headerBag } from './request-headers.ts';
import { decodeText, BodyInflater, type BodyCoding, bodyCoding, isUtf8 } from './codecs/index.ts';

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
}

/**
 * Bun.serve's maxRequestBodySize. Bun answers a body over its own limit with a bare 413 before
 * any handler runs (by Content-Length, or mid-stream), so it is set out of reach and every
 * route reads its body through readBody, which enforces ours (a body is never read past it).
 */
export const BUN_BODY_LIMIT = Number.MAX_SAFE_INTEGER;

/** The request's body bytes, decoded from its Content-Encoding. */
export function readBody(request: Request, limits: BodyLimits): Promise<Uint8Array> {
  const coding = bodyCoding(request.headers.get('content-encoding'));
  const declaredHeader = request.headers.get('content-length');
  const declared = declaredHeader === null ? Number.NaN : Number(declaredHeader);
  // Not async: a one-row request awaits Bun's own read and nothing else.
  if (coding === 'identity' && declared >= 0 && declared <= WHOLE_BODY_BYTES && declared <= limits.maxBytes)
    return readWhole(request, declared, limits.deadline);
  return readStreamed(request, coding, declared, limits);
}

async function readStreamed(request: Request, coding: BodyCoding, declared: number, limits: BodyLimits): Promise<Uint8Array> {
  const max = limits.maxBytes;
  // Deflate's stored blocks add a few bytes per 64 KB: a compressed body this much over the limit inflates past it too.
  const overhead = coding === 'identity' ? 0 : Math.ceil(max / 8192) + 1024;
  if (declared > max + overhead) throw new PayloadTooLargeError(max);
  const out = new Bytes(coding === 'identity' && declared > 0 ? declared : 0, max);
  const stream = request.body;
  if (stream === null) return out.bytes();
  const inflater = coding === 'identity' ? null : new BodyInflater(coding, (c) => out.append(c));
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await readWithin(reader, limits.deadline);
      if (done) break;
      if (inflater) inflater.push(value);
      else out.append(value);
    }
    inflater?.push(new Uint8Array(0), true);
  } catch (e) {
    void reader.cancel().catch(() => {});
    throw e;
  }
  return out.bytes();
}

/** The body as text in its Content-Type's charset (UTF-8 by default), read as readBody does. */
export function readText(request: Request, limits: BodyLimits, headers: HeaderBag = headerBag(request)): Promise<string> {
  const contentType = headers['content-type'] ?? null;
  // A short plain UTF-8 body: Bun's own text() reads and decodes it in one native call (a
  // broken-off body rejects it); bytes() and a TextDecoder cost a one-row request a tenth of its time.
  if (wholeBody(headers, limits) && isUtf8(contentType))
    return within(request.text(), Math.min(limits.deadline, performance.now() + BODY_STALL_MS), TEXT_READ);
  return readBody(request, limits).then((bytes) => decodeText(bytes, contentType));
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
  return within(request.bytes(), Math.min(deadline, performance.now() + BODY_STALL_MS), fail);
}

const STREAM_READ: ReadFailures<Chunk> = { expired: stalled, broken };
const TEXT_READ: ReadFailures<string> = { expired: stalled, broken };

/** One read of a streamed body, given up after BODY_STALL_MS of silence or at the deadline. */
function readWithin(reader: ReadableStreamDefaultReader<Uint8Array>, deadline: number): Promise<Chunk> {
  return within(reader.read(), Math.min(deadline, performance.now() + BODY_STALL_MS), STREAM_READ);
}

function stalled(): Error {
  return new RequestTimeoutError('the request body stopped arriving before it was complete');
}

function broken(e: unknown): Error {
  return new BadRequestError(`the request body could not be read in full (${e instanceof Error ? e.message : String(e)})`);
}

/** A growing byte buffer capped at `max` (413 beyond it); sized once when the length is declared. */
class Bytes {
  private buf: Uint8Array;
  private length = 0;

  constructor(
    expected: number,
    private readonly max: number,
  ) {
    this.buf = new Uint8Array(Math.min(expected, max) || 64 * 1024);
  }

  append(chunk: Uint8Array): void {
    const need = this.length + chunk.length;
    if (need > this.max) throw new PayloadTooLargeError(this.max);
    if (need > this.buf.length) {
      const grown = new Uint8Array(Math.min(this.max, Math.max(need, this.buf.length * 2)));
      grown.set(this.buf.subarray(0, this.length));
      this.buf = grown;
    }
    this.buf.set(chunk, this.length);
    this.length = need;
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}
