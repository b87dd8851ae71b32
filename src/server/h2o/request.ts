/**
 * H2O's ScoreRequest and ContributionRequest (Scoring API v1): TypeBox schemas, which also
 * document the routes, and the checks H2O's scorer makes. Cells are strings in the spec;
 * numbers are accepted as they are (the row encoder reads them as /invocations does), booleans
 * as their text (Jackson coerces them the same way) and null is a missing value. The rows go
 * to the session's row path as positional rows under `fields`, never through text.
 */
import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { echoed } from '../../errors.ts';
import { H2oRequestError } from './errors.ts';

const Cell = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);
/**
 * What the compiled checks accept for a cell: anything; checkRows then checks each cell's type.
 * TypeBox's Number refuses what JSON.parse makes of 1e400 (Infinity), where H2O's scorer reads
 * the number's text with Double.parseDouble ("1e400" = Infinity), as /invocations does.
 */
const AnyCell = Type.Unknown();
const ShapleyType = Type.Union([Type.Literal('ORIGINAL'), Type.Literal('TRANSFORMED'), Type.Literal('NONE')]);

const scoreRequest = (cell: typeof Cell | typeof AnyCell) =>
  Type.Object(
    {
      fields: Type.Optional(Type.Array(Type.String(), { description: 'Names of the cells of each row, in order; no duplicates' })),
      rows: Type.Optional(Type.Array(Type.Array(cell), { description: 'Rows to score, one array of cells per row' })),
      includeFieldsInOutput: Type.Optional(Type.Array(Type.String(), { description: 'Input fields copied to each output row' })),
      noFieldNamesInOutput: Type.Optional(Type.Boolean({ description: 'Leave `fields` out of the response' })),
      idField: Type.Optional(Type.String({ description: 'Row id field; generated (a UUID) when absent from `fields`' })),
      requestShapleyValueType: Type.Optional(ShapleyType),
      requestPredictionIntervals: Type.Optional(Type.Boolean()),
    },
    { title: 'ScoreRequest' },
  );

const contributionRequest = (cell: typeof Cell | typeof AnyCell) =>
  Type.Object(
    {
      requestShapleyValueType: ShapleyType,
      fields: Type.Optional(Type.Array(Type.String())),
      rows: Type.Optional(Type.Array(Type.Array(cell))),
    },
    { title: 'ContributionRequest' },
  );

export const ScoreRequestSchema = scoreRequest(Cell);
export const ContributionRequestSchema = contributionRequest(Cell);

export type ScoreRequest = Static<typeof ScoreRequestSchema>;
export type ContributionRequest = Static<typeof ContributionRequestSchema>;

const scoreCheck = TypeCompiler.Compile(scoreRequest(AnyCell));
const contributionCheck = TypeCompiler.Compile(contributionRequest(AnyCell));

/** A request's rows, checked against its fields: one cell per field, each a string, number or null. */
export interface CheckedRows {
  fields: string[];
  rows: (string | number | null)[][];
}

function parseJson(text: string): unknown {
  if (text.trim() === '') throw new H2oRequestError('Request cannot be empty');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new H2oRequestError(`JSON parse error: ${echoed((e as Error).message)}`);
  }
}

function shapeError(check: typeof scoreCheck | typeof contributionCheck, body: unknown): H2oRequestError {
  const first = check.Errors(body).First();
  return new H2oRequestError(first === undefined ? 'malformed request' : `${echoed(first.path || 'request')}: ${echoed(first.message)}`);
}

export function parseScoreRequest(text: string): ScoreRequest & CheckedRows {
  const body = parseJson(text);
  if (!scoreCheck.Check(body)) throw shapeError(scoreCheck, body);
  const req = body as ScoreRequest;
  const checked = checkRows(req.fields, req.rows);
  if (req.includeFieldsInOutput !== undefined) {
    const known = new Set(checked.fields);
    for (const f of req.includeFieldsInOutput) {
      if (!known.has(f) && f !== req.idField) throw new H2oRequestError(`Included field '${echoed(f)}' is not among the input fields`);
    }
  }
  return { ...req, ...checked };
}

export function parseContributionRequest(text: string): ContributionRequest & CheckedRows {
  const body = parseJson(text);
  if (!contributionCheck.Check(body)) throw shapeError(contributionCheck, body);
  const req = body as ContributionRequest;
  return { ...req, ...checkRows(req.fields, req.rows) };
}

function checkRows(fields: string[] | undefined, rows: ScoreRequest['rows']): CheckedRows {
  if (fields === undefined || fields.length === 0) throw new H2oRequestError('List of input fields cannot be empty');
  if (rows === undefined || rows.length === 0) throw new H2oRequestError('List of input data rows cannot be empty');
  if (new Set(fields).size !== fields.length) throw new H2oRequestError('Input fields must not contain duplicates');
  const out: (string | number | null)[][] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.length !== fields.length) {
      throw new H2oRequestError(`Row ${i} (zero-indexed) has ${r.length} elements, expected ${fields.length} (one per field)`);
    }
    const cells = new Array<string | number | null>(r.length);
    for (let j = 0; j < r.length; j++) {
      const v: unknown = r[j];
      if (v === null || typeof v === 'string' || typeof v === 'number') cells[j] = v;
      else if (typeof v === 'boolean') cells[j] = String(v);
      else
        throw new H2oRequestError(
          `/rows/${i}/${j}: a cell must be a string, number, boolean or null, got ${Array.isArray(v) ? 'an array' : 'an object'}`,
        );
    }
    out[i] = cells;
  }
  return { fields, rows: out };
}
