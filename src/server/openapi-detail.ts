/**
 * OpenAPI operation objects for the scoring routes, built from the model: the request body is
 * the model's own row schema with an example row, so Swagger UI's "Try it out" works as is.
 */
import type { Model } from '../algos/index.ts';
import { csvLine, OUTPUT_STYLES } from '../scoring/index.ts';
import * as control from './control-params.ts';
import { CONTENT_TYPE } from './codecs/index.ts';
import { CUSTOM_ATTRIBUTES_HEADER } from './request-options.ts';
import { DESCRIBED_COLUMNS, exampleInputs, rowSchema } from './schema.ts';

import type { Json } from './routes/index.ts';

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

/** Explanation records (contributions, leaf assignments) the model can answer with, as one schema. */
function explanationSchema(model: Model): Json | null {
  const variants: Json[] = [];
  const add = (title: string, names: readonly string[] | undefined, type: string) => {
    if (names === undefined) return;
    const props: Json = {};
    for (const n of names) props[n] = { type: [type, 'null'] };
    variants.push({ type: 'object', title, properties: props });
  };
  add('Contributions (SHAP, in the link space; BiasTerm last)', model.explanations.contributions?.names, 'number');
  add('Leaf assignments (path of L/R per tree)', model.explanations.leaf?.names, 'string');
  return variants.length === 0 ? null : variants.length === 1 ? variants[0] : { oneOf: variants };
}

/** The per-request options, each as a query parameter and a header (or a custom attribute). */
function optionParameters(model: Model): Json[] {
  const explain = (param: string, header: string, what: string, available: boolean): Json[] => [
    {
      name: param,
      in: 'query',
      required: false,
      description: `Answer with ${what} of each row instead of its prediction${available ? '' : ' (this model has none: 400)'}`,
      schema: { type: 'boolean' },
    },
    { name: header, in: 'header', required: false, description: `Same as the ${param} query parameter`, schema: { type: 'boolean' } },
  ];
  return [
    { name: control.STYLE_PARAM, in: 'query', required: false, schema: { type: 'string', enum: [...OUTPUT_STYLES] } },
    { name: control.STYLE_HEADER, in: 'header', required: false, schema: { type: 'string', enum: [...OUTPUT_STYLES] } },
    { name: control.LENIENT_PARAM, in: 'query', required: false, schema: { type: 'boolean' } },
    { name: control.LENIENT_HEADER, in: 'header', required: false, schema: { type: 'boolean' } },
    ...explain(
      control.CONTRIBUTIONS_PARAM,
      control.CONTRIBUTIONS_HEADER,
      'the SHAP contributions',
      model.explanations.contributions !== undefined,
    ),
    ...explain(control.LEAF_PARAM, control.LEAF_HEADER, 'the leaf node assignments', model.explanations.leaf !== undefined),
    {
      name: CUSTOM_ATTRIBUTES_HEADER,
      in: 'header',
      required: false,
      description:
        "SageMaker CustomAttributes: `key=value` pairs separated by `;` or `,` with the query parameters' keys " +
        '(style, lenient, contributions, leaf), e.g. `style=compat;contributions=true`; a query parameter or explicit header wins. ' +
        'Echoed on the response.',
      schema: { type: 'string' },
    },
  ];
}

/** A CSV response body for the example output: header line, the record's cells, the error column. */
function csvExample(exampleOutput: Json | undefined): string | undefined {
  if (exampleOutput === undefined) return undefined;
  const names = Object.keys(exampleOutput);
  const cells = names.map((n) => {
    const v = exampleOutput[n];
    return v === null || v === undefined ? '' : Array.isArray(v) ? v.join(' ') : String(v);
  });
  return `${csvLine([...names, 'error'])}\n${csvLine(cells)},\n`;
}

/** Where the row schema lives in the document (one copy, shared by reference: wide models stay small). */
export const ROW_SCHEMA_REF = '#/components/schemas/Row';

/** The document's shared components: the model's row schema. */
export function schemaComponents(model: Model): Json {
  return { schemas: { Row: plain(rowSchema(model, false)) } };
}

export function invocationsDetail(model: Model, exampleOutput: Json | undefined): Json {
  const row = { $ref: ROW_SCHEMA_REF };
  const example = exampleInputs(model);
  const names = Object.keys(example);
  const record = outputSchema(model);
  const explanation = explanationSchema(model);
  const answer = explanation === null ? record : { oneOf: [record, explanation] };
  const csv = csvExample(exampleOutput);
  const ok = {
    description:
      'One record for a single JSON object; an array (JSON), lines (JSON Lines) or CSV rows for a batch. A row the model cannot score is {"error": "…"} in its place; a CSV batch always ends with an `error` column, empty for rows that scored.',
    content: {
      'application/json': {
        schema: { oneOf: [answer, { type: 'array', items: answer }] },
        ...(exampleOutput ? { example: exampleOutput } : {}),
      },
      [CONTENT_TYPE.csv]: { schema: { type: 'string' }, ...(csv === undefined ? {} : { example: csv }) },
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
      '`contributions=true` (SHAP, tree models) or `leaf=true` answers with explanations instead of predictions; every option ' +
      'can also come from X-Amzn-SageMaker-Custom-Attributes. Unknown columns are ignored and listed in X-Ignored-Columns.',
    tags: ['scoring'],
    parameters: optionParameters(model),
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
  const example = exampleInputs(model);
  const parameters: Json[] = [];
  const described = Object.keys(row.properties).length <= DESCRIBED_COLUMNS;
  for (const [name, schema] of Object.entries(row.properties)) {
    const domain = model.inputs.find((c) => c.name === name)?.domain ?? null;
    parameters.push({
      name,
      in: 'query',
      ...(schema.description === undefined ? {} : { description: schema.description }),
      // Levels as a dropdown; the route itself also takes any other text (scored as missing).
      schema: domain === null ? { type: 'number' } : domain.length <= 1000 ? { type: 'string', enum: [...domain] } : { type: 'string' },
      ...(name in example && described ? { example: example[name] } : {}),
    });
  }
  const columns = new Set(parameters.map((p) => p.name));
  for (const p of optionParameters(model)) if (!columns.has(p.name)) parameters.push(p);
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
