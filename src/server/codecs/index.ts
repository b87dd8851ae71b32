/** The surface of server/codecs/ for the modules outside it. */
export { CONTENT_TYPE, invocationsAccept, isAnyAccept, requestKind, type ResponseFormat, responseFormat } from './media.ts';
export { decodeText } from './charset.ts';
export { BodyInflater, bodyCoding } from './content-encoding.ts';
export { forEachQueryPair, splitQuery } from './query.ts';
