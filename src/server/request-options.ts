/**
 * Per-request options for every scoring route (/invocations, /predict_parameters,
 * /models/{name}/invoke, the H2O routes): output style, lenient numbers, explanations.
 *
 * Priority, highest first: query parameter > explicit header (X-Output-Style, X-Lenient-Numbers,
 * X-Contributions, X-Leaf) > `X-Amzn-SageMaker-Custom-Attributes` > server default (env).
 * The custom attributes header is SageMaker's only per-request channel to the container; it is
 * opaque to SageMaker and often carries other things (trace ids), so pairs we do not know, or
 * that are not `key=value`, are ignored. A known key with a bad value is a 400, as for headers.
 */
import { BadRequestError, echoed } from '../errors.ts';
import { isOutputStyle, OUTPUT_STYLES, type OutputStyle } from '../scoring/index.ts';
import {
  CONTRIBUTIONS_HEADER,
  CONTRIBUTIONS_PARAM,
  LEAF_HEADER,
  LEAF_PARAM,
  LENIENT_HEADER,
  LENIENT_PARAM,
  STYLE_HEADER,
  STYLE_PARAM,
} from './control-params.ts';
import type { HeaderBag } from './request-headers.ts';

export const CUSTOM_ATTRIBUTES_HEADER = 'x-amzn-sagemaker-custom-attributes';
/** SageMaker's limit on the attribute value (visible US-ASCII characters), each way. */
export const MAX_CUSTOM_ATTRIBUTES_LENGTH = 1024;

export interface RequestOptions {
  style: OutputStyle;
  lenient: boolean;
  /** Shapley contributions instead of predictions. */
  contributions: boolean;
  /** Leaf-node assignments instead of predictions. */
  leaf: boolean;
}

/** The server-wide defaults a request falls back to. */
export type OptionDefaults = Readonly<RequestOptions>;

/**
 * `key=value` pairs of a custom attributes value, separated by `;` or `,`; keys lower-cased,
 * both sides trimmed. The first occurrence of a key wins; pairs without `=` are skipped.
 */
export function parseCustomAttributes(value: string): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const part of value.slice(0, MAX_CUSTOM_ATTRIBUTES_LENGTH).split(/[;,]/)) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    if (key !== '' && !pairs.has(key)) pairs.set(key, part.slice(eq + 1).trim());
  }
  return pairs;
}

const TRUE = /^(1|true|yes|on)$/i;
const FALSE = /^(0|false|no|off)$/i;

function flag(name: string, raw: string): boolean {
  const v = raw.trim();
  if (TRUE.test(v)) return true;
  if (FALSE.test(v)) return false;
  throw new BadRequestError(`'${name}' must be true or false, not '${echoed(v)}'`);
}

/**
 * Decides one request's options from its query control parameters (null when it has none),
 * its headers and the server defaults.
 */
export function requestOptions(
  headers: HeaderBag,
  query: ReadonlyMap<string, string> | null,
  defaults: OptionDefaults,
): Readonly<RequestOptions> {
  const attrValue = headers[CUSTOM_ATTRIBUTES_HEADER];
  const attrs = attrValue === undefined ? null : parseCustomAttributes(attrValue);
  const rawStyle = pick(query, headers, attrs, STYLE_PARAM, STYLE_HEADER);
  const lenient = pick(query, headers, attrs, LENIENT_PARAM, LENIENT_HEADER);
  const contributions = pick(query, headers, attrs, CONTRIBUTIONS_PARAM, CONTRIBUTIONS_HEADER);
  const leaf = pick(query, headers, attrs, LEAF_PARAM, LEAF_HEADER);
  // The usual request sets none of them: the server's defaults, as they are.
  if (rawStyle === undefined && lenient === undefined && contributions === undefined && leaf === undefined) return defaults;
  let style = defaults.style;
  if (rawStyle !== undefined) {
    const s = rawStyle.trim().toLowerCase();
    if (!isOutputStyle(s))
      throw new BadRequestError(`unknown output style '${echoed(s)}'; use ${OUTPUT_STYLES.map((o) => `'${o}'`).join(' or ')}`);
    style = s;
  }
  return {
    style,
    lenient: lenient === undefined ? defaults.lenient : flag(LENIENT_PARAM, lenient),
    contributions: contributions === undefined ? defaults.contributions : flag(CONTRIBUTIONS_PARAM, contributions),
    leaf: leaf === undefined ? defaults.leaf : flag(LEAF_PARAM, leaf),
  };
}

/** One option's raw value: the query parameter, else the header, else the custom attribute. */
function pick(
  query: ReadonlyMap<string, string> | null,
  headers: HeaderBag,
  attrs: ReadonlyMap<string, string> | null,
  param: string,
  header: string,
): string | undefined {
  return query?.get(param) ?? headers[header] ?? attrs?.get(param) ?? undefined;
}

/** The output a request asks for: the prediction, or one explanation (asking for both is a 400). */
export function outputKind(o: RequestOptions): 'prediction' | 'contributions' | 'leaf' {
  if (o.contributions && o.leaf) throw new BadRequestError('ask for contributions or leaf assignments, not both');
  return o.contributions ? 'contributions' : o.leaf ? 'leaf' : 'prediction';
}

/** Copies the request's custom attributes onto the response, as SageMaker forwards them back (capped). */
export function echoCustomAttributes(headers: HeaderBag, response: Response): Response {
  const value = headers[CUSTOM_ATTRIBUTES_HEADER];
  if (value !== undefined) response.headers.set(CUSTOM_ATTRIBUTES_HEADER, value.slice(0, MAX_CUSTOM_ATTRIBUTES_LENGTH));
  return response;
}
