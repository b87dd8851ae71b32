/**
 * OpenAPI operation objects for the scoring routes, built from the model: the request body is
 * the model's own row schema with an example row, so Swagger UI's "Try it out" works as is.
 */
import type { Model } from '../algos/index.ts';
import { csvLine, OUTPUT_STYLES } from '../scoring/index.ts';
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
import { CUSTOM_ATTRIBUTES_HEADER } from './request-options.ts';
import { CONTENT_TYPE } from './codecs/media.ts';
import { exampleRow, rowSchema } from './schema.ts';

import type { Json } from './routes/types.ts';

/** A TypeBox schema as plain JSON Schema (drops TypeBox's symbol keys). */
function plain(schema: unknown): Json {
  return JSON.parse(JSON.stringify(schema)) as Json;
}

const ERROR_SCHEMA: Json = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' }, column: { type: 'string' }, row: { type: 'integer' } },
      required: ['code', 'message'],
    },
  },
};

function errorResponses(): Json {
  const res = (description: string): Json => ({ description, content: { 'application/json': { schema: ERROR_SCHEMA } } });
  return {
    400: res('Malformed body, empty body, or a value of the wrong type (the error names the column and row)'),
    406: res('None of the Accept types can be produced'),
    413: res('Body larger than MAX_PAYLOAD_MB'),
    415: res('Unsupported Content-Type'),
    422: res('The model cannot score this row (single-row requests)'),
  };
}

function outputSchema(model: Model): Json {
  const props: Json = {};
  for (const c of model.outputs) {
    props[c.name] =
      c.kind === 'label'
        ? { type: ['string', 'null'], enum: [...c.domain, null] }
        : c.kind === 'vector'
          ? { type: ['array', 'null'], items: { type: ['number', 'string', 'null'] } }
          : { type: ['number', 'string', 'null'] };
  }
  return { type: 'object', title: 'Record', properties: props };
}

export function invocationsDetail(model: Model, exampleOutput: Json | undefined): Json {
  const row = plain(rowSchema(model, false));
  const example = exampleRow(model);
  const names = Object.keys(example);
  const record = outputSchema(model);
  const ok = {
    description:
      'One record for a single JSON object; an array (JSON), lines (JSON Lines) or CSV rows for a batch. A row the model cannot score is {"error": "…"} in its place; a CSV batch always ends with an `error` column, empty for rows that scored.',
    content: {
      'application/json': {
        schema: { oneOf: [record, { type: 'array', items: record }] },
        ...(exampleOutput ? { example: exampleOutput } : {}),
      },
      [CONTENT_TYPE.csv]: { schema: { type: 'string' } },
      'application/jsonlines': { schema: { type: 'string' } },
    },
  };
  return {
    summary: 'Score rows (SageMaker invocations)',
    description:
      'Request format by Content-Type (sniffed for application/octet-stream or none): one JSON object, a JSON array of objects, ' +
      'H2O\'s {"fields": [...], "rows": [[...]]}, text/csv (header line optional; without it the columns are the model inputs in order), ' +
      "or application/jsonlines. Response format by Accept, defaulting to the request's. Query `style=compat` (or header X-Output-Style) " +
      "gives the original Java scorer's shape; `lenient=true` (or X-Lenient-Numbers) makes unparsable numbers missing. " +
      '`contributions=true` (or X-Contributions) answers Shapley contributions per input plus BiasTerm instead of predictions, ' +
      '`leaf=true` (or X-Leaf) the leaf-node path of every tree (tree models only; otherwise 400). ' +
      'Each option can also come in X-Amzn-SageMaker-Custom-Attributes as `key=value` pairs separated by `;` or `,` ' +
      '(priority: query > header > custom attributes > server default); that header is echoed on the response. ' +
      'Unknown columns are ignored and listed in X-Ignored-Columns.',
    tags: ['scoring'],
    parameters: [
      { name: STYLE_PARAM, in: 'query', required: false, schema: { type: 'string', enum: [...OUTPUT_STYLES] } },
      { name: LENIENT_PARAM, in: 'query', required: false, schema: { type: 'boolean' } },
      { name: CONTRIBUTIONS_PARAM, in: 'query', required: false, schema: { type: 'boolean' } },
      { name: LEAF_PARAM, in: 'query', required: false, schema: { type: 'boolean' } },
      { name: STYLE_HEADER, in: 'header', required: false, schema: { type: 'string', enum: [...OUTPUT_STYLES] } },
      { name: LENIENT_HEADER, in: 'header', required: false, schema: { type: 'boolean' } },
      { name: CONTRIBUTIONS_HEADER, in: 'header', required: false, schema: { type: 'boolean' } },
      { name: LEAF_HEADER, in: 'header', required: false, schema: { type: 'boolean' } },
      {
        name: CUSTOM_ATTRIBUTES_HEADER,
        in: 'header',
        required: false,
        description:
          'SageMaker custom attributes: `style`, `lenient`, `contributions`, `leaf` as key=value pairs (e.g. `contributions=true`); others ignored.',
        schema: { type: 'string', maxLength: 1024 },
      },
    ],
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: {
            oneOf: [
              row,
              { type: 'array', items: row },
              {
                type: 'object',
                properties: { fields: { type: 'array', items: { type: 'string' } }, rows: { type: 'array', items: { type: 'array' } } },
                required: ['fields', 'rows'],
              },
            ],
          },
          example,
        },
        'text/csv': { schema: { type: 'string' }, example: `${csvLine(names)}\n${csvLine(names.map((n) => String(example[n])))}\n` },
        'application/jsonlines': { schema: { type: 'string' }, example: `${JSON.stringify(example)}\n` },
      },
    },
    responses: { 200: ok, ...errorResponses() },
  };
}

export function predictParametersDetail(model: Model, exampleOutput: Json | undefined): Json {
  const row = plain(rowSchema(model, false)) as { properties: Record<string, Json> };
  const example = exampleRow(model);
  const parameters: Json[] = [];
  for (const [name, schema] of Object.entries(row.properties)) {
    const isCategorical = model.inputs.some((c) => c.name === name && c.domain !== null);
    parameters.push({
      name,
      in: 'query',
      required: false,
      description: schema.description,
      schema: isCategorical ? { type: 'string' } : { type: 'number' },
      ...(name in example ? { example: example[name] } : {}),
    });
  }
  return {
    summary: 'Score one row given as query parameters',
    description:
      'Each model column is a query parameter (values are text; numeric text is a number). Missing parameters are missing values.',
    tags: ['scoring'],
    parameters,
    responses: {
      200: {
        description: 'The record',
        content: { 'application/json': { schema: outputSchema(model), ...(exampleOutput ? { example: exampleOutput } : {}) } },
      },
      ...errorResponses(),
    },
  };
}
