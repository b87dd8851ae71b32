/**
 * Content-Encoding of request bodies: `identity`, `gzip` (`x-gzip`) and `deflate` (zlib, or raw
 * deflate as some clients send it) are undone with fflate's streaming inflaters; anything else
 * is a 415. The caller caps the decoded size, so the input is pushed in small pieces: one push
 * can then never produce more than about a thousand times its size (a gzip bomb stops at the cap).
 */
import { Decompress, Gunzip } from 'fflate';
import { BadRequestError, echoed, UnsupportedMediaTypeError } from '../../errors.ts';

export type BodyCoding = 'identity' | 'gzip' | 'deflate';

/** Compressed bytes per push: bounds the output of one push to ~1 MB (deflate's best ratio is ~1032:1). */
const PUSH_BYTES = 1024;

/** The coding a Content-Encoding header names; throws UNSUPPORTED_MEDIA_TYPE for any other. */
export function bodyCoding(header: string | null): BodyCoding {
  if (header === null) return 'identity';
  const codings = header
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  if (codings.length === 0) return 'identity';
  if (codings.length === 1) {
    const c = codings[0];
    if (c === 'gzip' || c === 'x-gzip') return 'gzip';
    if (c === 'deflate') return 'deflate';
  }
  throw new UnsupportedMediaTypeError(`unsupported Content-Encoding '${echoed(header)}'; send gzip, deflate or identity`);
}

/** Inflates pushed pieces into `onData`; `onData` may throw (the size cap) to stop inflating. */
export class BodyInflater {
  private readonly inflater: Gunzip | Decompress;

  constructor(coding: 'gzip' | 'deflate', onData: (chunk: Uint8Array) => void) {
    const ondata = (chunk: Uint8Array) => onData(chunk);
    this.inflater = coding === 'gzip' ? new Gunzip(ondata) : new Decompress(ondata);
  }

  push(bytes: Uint8Array, final = false): void {
    try {
      for (let at = 0; at < bytes.length; at += PUSH_BYTES) {
        const end = Math.min(bytes.length, at + PUSH_BYTES);
        this.inflater.push(bytes.subarray(at, end), final && end === bytes.length);
      }
      if (final && bytes.length === 0) this.inflater.push(new Uint8Array(0), true);
    } catch (e) {
      if (e instanceof Error && 'code' in e && typeof (e as { code: unknown }).code === 'number') {
        throw new BadRequestError(`malformed compressed body: ${e.message}`);
      }
      throw e;
    }
  }
}
