/** The surface of server/codecs/ for the modules outside it. */
export { CONTENT_TYPE, invocationsAccept, isAnyAccept, requestKind, type ResponseFormat, responseFormat } from './media.ts';
export { bodyDecoder, decodeText, isUtf8 } from './charset.ts';
export { BodyInflater, type BodyCoding, bodyCoding } from './content-encoding.ts';
export { forEachQueryPair, splitQuery } from './query.ts';
