/**
 * gzip answers for clients that accept them (Accept-Encoding). Only text answers (JSON, CSV,
 * JSON Lines, HTML, JavaScript) of at least GZIP_MIN_BYTES: the first bytes are read to find
 * out, so a short answer leaves as it was and a streamed batch is compressed as it streams.
 * Compressed at GZIP_LEVEL through node:zlib (CompressionStream has no level, and its default
 * took a fifth of a large CSV batch's time).
 */
import { createGzip } from 'node:zlib';
import { addVary } from './vary.ts';

/** Below this an answer leaves uncompressed (gzip's own overhead is ~20 bytes, and CPU). */
export const GZIP_MIN_BYTES = 1024;
/**
 * zlib level 1, nginx's default for answers made on the fly: on a 1M-row GBM CSV answer (42 MB)
 * ~85-110 ms of CPU against ~200 ms for CompressionStream's level 6, for 8.2 MB against 5.2 MB.
 */
export const GZIP_LEVEL = 1;
const COMPRESSIBLE = /^(text\/|application\/(json|jsonlines|x-jsonlines|jsonl|x-ndjson|ndjson|json-lines|javascript|[\w.+-]*\+json))/i;

/** Whether an Accept-Encoding header accepts gzip (q=0 refuses; `*` accepts). */
export function acceptsGzip(acceptEncoding: string | null): boolean {
  if (acceptEncoding === null) return false;
  for (const part of acceptEncoding.split(',')) {
    const [coding, ...params] = part.split(';');
    const name = coding.trim().toLowerCase();
    if (name !== 'gzip' && name !== 'x-gzip' && name !== '*') continue;
    const q = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

/** Whether `response` is a body worth compressing (text, not already encoded). */
export function compressible(response: Response): boolean {
  if (response.body === null || response.status === 204 || response.status === 304) return false;
  const h = response.headers;
  return !h.has('content-encoding') && COMPRESSIBLE.test(h.get('content-type') ?? '');
}

/**
 * `response`, gzip-compressed when its body reaches GZIP_MIN_BYTES; otherwise the same bytes
 * uncompressed. Either way the answer says it varies by Accept-Encoding.
 */
export async function gzipResponse(response: Response): Promise<Response> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const head: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  while (size < GZIP_MIN_BYTES) {
    const r = await reader.read();
    if (r.done) {
      ended = true;
      break;
    }
    head.push(r.value);
    size += r.value.byteLength;
  }
  const headers = new Headers(response.headers);
  addVary(headers, 'accept-encoding');
  const init = { status: response.status, statusText: response.statusText, headers };
  if (ended) return new Response(concat(head, size), init);
  const whole = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of head) controller.enqueue(chunk);
    },
    async pull(controller) {
      const r = await reader.read();
      if (r.done) controller.close();
      else controller.enqueue(r.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  headers.set('content-encoding', 'gzip');
  headers.delete('content-length');
  return new Response(whole.pipeThrough(gzipStream(GZIP_LEVEL)), init);
}

/** A gzip compressor as a web TransformStream: each chunk written to one zlib stream, what it gave passed on. */
function gzipStream(level: number): TransformStream<Uint8Array, Uint8Array> {
  const zip = createGzip({ level });
  let out: Uint8Array[] = [];
  zip.on('data', (d: Uint8Array) => out.push(d));
  const passOn = (controller: TransformStreamDefaultController<Uint8Array>) => {
    for (const d of out) controller.enqueue(d);
    out = [];
  };
  return new TransformStream<Uint8Array, Uint8Array>({
    async transform(chunk, controller) {
      await new Promise<void>((resolve, reject) => zip.write(chunk, (e) => (e ? reject(e) : resolve())));
      passOn(controller);
    },
    async flush(controller) {
      // 'end' comes after the last 'data' (end()'s own callback may come before it).
      const ended = new Promise<void>((resolve, reject) => {
        zip.once('end', resolve);
        zip.once('error', reject);
      });
      zip.end();
      await ended;
      passOn(controller);
    },
  });
}

function concat(chunks: Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
