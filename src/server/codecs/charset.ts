/**
 * Request body bytes → text, in the charset the Content-Type names (UTF-8 when it names none).
 * TextDecoder knows the WHATWG encodings (latin1 is windows-1252 there, as browsers do); an
 * unknown label is a 415.
 */
import { echoed, UnsupportedMediaTypeError } from '../../errors.ts';

const UTF8 = new TextDecoder('utf-8');
const decoders = new Map<string, TextDecoder>();
/** Distinct charset labels kept (clients send the same few). */
const MAX_DECODERS = 16;

/** The `charset` parameter of a Content-Type, lower-cased; undefined when there is none. */
export function charsetOf(contentType: string | null): string | undefined {
  if (contentType === null) return undefined;
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return m ? m[1].toLowerCase() : undefined;
}

/** Decodes a body in the Content-Type's charset; throws UNSUPPORTED_MEDIA_TYPE for an unknown one. */
export function decodeText(bytes: Uint8Array, contentType: string | null): string {
  return decoderFor(charsetOf(contentType)).decode(bytes);
}

/** Whether a body of this Content-Type is UTF-8 (it names no other charset). */
export function isUtf8(contentType: string | null): boolean {
  // A charset is a parameter: a type without ';' (the usual "application/json") has none, and
  // indexOf costs a one-row request less than the regular expression.
  return contentType === null || !contentType.includes(';') || !/charset/i.test(contentType) || isUtf8Label(charsetOf(contentType));
}

function isUtf8Label(charset: string | undefined): boolean {
  return charset === undefined || charset === 'utf-8' || charset === 'utf8';
}

/**
 * A decoder of its own for one body decoded piece by piece as it arrives (`stream: true` keeps
 * a character split between pieces, so it is never shared), or the UNSUPPORTED_MEDIA_TYPE an
 * unknown charset is: the caller throws it once the body is read, as decodeText would.
 */
export function bodyDecoder(contentType: string | null): TextDecoder | UnsupportedMediaTypeError {
  try {
    const label = decoderFor(charsetOf(contentType)).encoding;
    return new TextDecoder(label);
  } catch (e) {
    if (e instanceof UnsupportedMediaTypeError) return e;
    throw e;
  }
}

function decoderFor(charset: string | undefined): TextDecoder {
  if (charset === undefined || isUtf8Label(charset)) return UTF8;
  let d = decoders.get(charset);
  if (d === undefined) {
    try {
      d = new TextDecoder(charset);
    } catch {
      throw new UnsupportedMediaTypeError(
        `unsupported charset '${echoed(charset)}'; send UTF-8 (or another WHATWG encoding such as ISO-8859-1, UTF-16)`,
      );
    }
    if (decoders.size < MAX_DECODERS) decoders.set(charset, d);
  }
  return d;
}
