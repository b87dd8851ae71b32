/**
 * Reads a request body as text under the payload limit and the request's deadline.
 * The limit is checked against Content-Length before reading, against the bytes as they
 * arrive, and against the decoded size of a compressed body, so every oversize body is the
 * same JSON 413 whatever its size (Bun's own limit sits far above ours, see bunBodyLimit).
 * A body that stops arriving (Content-Length longer than what is sent) or breaks off is a
 * client error (408/400), never a 500.
 */
import { BadRequestError, PayloadTooLargeError, RequestTimeoutError } from '../errors.ts';
import { type ArrivingText, type BodyText, wholeText } from '../scoring/index.ts';
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
 * short body as one string, a long one as it arrives (ArrivingBody: read on as its reader needs
 * it, each piece decoded as its bytes come; its bytes are never held whole beside its text).
 */
export function readBodyText<R = BodyText>(
  request: Request,
  limits: BodyLimits,
  headers: HeaderBag = headerBag(request),
  then?: ReadContinuation<BodyText, R>,
): Promise<R> {
  return wholeBody(headers, limits) ? readShort(request, limits, headers, then) : continued(arriving(request, limits, headers), then);
}

/** The body as one string, read as readBodyText does (bodies parsed whole: JSON). */
export function readText(request: Request, limits: BodyLimits, headers: HeaderBag = headerBag(request)): Promise<string> {
  return wholeBody(headers, limits) ? readShort(request, limits, headers) : arriving(request, limits, headers).then(wholeText);
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

/**
 * A long or compressed body, to be read as it arrives. A body declared over the limit is the
 * 413 at once; one in an unknown charset is refused once read, after any 413 or 408 it earns.
 */
async function arriving(request: Request, limits: BodyLimits, headers: HeaderBag): Promise<ArrivingBody> {
  const contentType = headers['content-type'] ?? null;
  const coding = bodyCoding(headers['content-encoding'] ?? null);
  const declaredHeader = headers['content-length'];
  const declared = declaredHeader === undefined ? Number.NaN : Number(declaredHeader);
  const max = limits.maxBytes;
  // Deflate's stored blocks add a few bytes per 64 KB: a compressed body this much over the limit inflates past it too.
  const overhead = coding === 'identity' ? 0 : Math.ceil(max / 8192) + 1024;
  if (declared > max + overhead) throw new PayloadTooLargeError(max);
  const decoder = bodyDecoder(contentType);
  // A plain body cannot pass its Content-Length (the bytes after it are the next request's).
  const sized = coding === 'identity' && declared >= 0;
  if (!(decoder instanceof Error)) return new ArrivingBody(request.body, coding, decoder, limits, sized);
  const drained = new ArrivingBody(request.body, coding, null, limits, sized);
  while (!drained.ended) await drained.more();
  throw decoder;
}

const STREAMING: TextDecodeOptions = { stream: true };

function ignore(): void {}

/**
 * A long body read from its stream a piece at a time, as its reader asks (`more`): each piece
 * of its bytes (Content-Encoding undone) is decoded into `parts` and let go. One read is kept
 * ahead, so that the next piece is on its way while the last is scored (waiting for it only
 * once the reader asks cost a 1M-row body a fifth of its speed). The payload limit is checked
 * against the bytes as they arrive; each read is given up after BODY_STALL_MS of silence or at
 * the deadline. A failed read cancels the stream.
 */
class ArrivingBody implements ArrivingText {
  readonly parts: string[] = [];
  private done = false;
  /** A read that failed: every later one fails alike (the stream is cancelled). */
  private failure: unknown = null;
  private length = 0;
  /** The read kept ahead. */
  private next: Promise<Chunk> | null = null;
  private reading: Promise<void> | null = null;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array> | null;
  private readonly inflater: BodyInflater | null;

  constructor(
    stream: ReadableStream<Uint8Array> | null,
    coding: BodyCoding,
    /** Null: the bytes are only counted (a body refused once read). */
    private readonly decoder: TextDecoder | null,
    private readonly limits: BodyLimits,
    private readonly declaredSized: boolean,
  ) {
    this.reader = stream === null ? null : stream.getReader();
    this.inflater = coding === 'identity' ? null : new BodyInflater(coding, this.take);
  }

  get ended(): boolean {
    return this.done;
  }

  get sized(): boolean {
    return this.done || this.declaredSized;
  }

  more(): Promise<void> {
    // One read at a time: a caller that asks while one is under way (scoring, and the answer's
    // pump reading the rest for a client that reads nothing yet) waits on it.
    this.reading ??= this.readOn().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  private async readOn(): Promise<void> {
    if (this.failure !== null) throw this.failure;
    if (this.done) return;
    const reader = this.reader;
    if (reader === null) {
      this.end();
      return;
    }
    try {
      const { done, value } = await (this.next ?? readWithin(reader, this.limits.deadline));
      this.next = null;
      if (done) {
        this.inflater?.push(new Uint8Array(0), true);
        this.end();
        return;
      }
      if (this.inflater) this.inflater.push(value);
      else this.take(value);
      const next = readWithin(reader, this.limits.deadline);
      // Its failure is met when it is awaited (by the next call), or never when the batch has stopped.
      next.catch(ignore);
      this.next = next;
    } catch (e) {
      this.failure = e;
      void reader.cancel().catch(() => {});
      throw e;
    }
  }

  private readonly take = (bytes: Uint8Array): void => {
    this.length += bytes.length;
    if (this.length > this.limits.maxBytes) throw new PayloadTooLargeError(this.limits.maxBytes);
    const part = this.decoder?.decode(bytes, STREAMING) ?? '';
    if (part.length > 0) this.parts.push(part);
  };

  private end(): void {
    const last = this.decoder?.decode() ?? '';
    if (last.length > 0) this.parts.push(last);
    this.done = true;
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
