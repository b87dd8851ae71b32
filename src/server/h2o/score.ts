/**
 * H2O's ScoreResponse and ContributionResponse for one model. Each output row is the copied
 * input fields (in input order), a generated row id when asked for, then the model's output.
 */
import { randomUUID } from 'node:crypto';
import { javaDoubleToString } from '../../scoring/index.ts';
import type { ModelEndpoint } from '../model-endpoint.ts';
import { H2oRequestError } from './errors.ts';
import type { OutputFields } from './fields.ts';
import type { ContributionRequest, ScoreRequest, TextRows } from './request.ts';

export interface ContributionResponse {
  features: string[];
  contributionGroups: { outputGroup?: string; contributions: string[][] }[];
}

export interface ScoreResponse {
  id: string;
  fields?: string[];
  score: string[][];
  featureShapleyContributions?: ContributionResponse;
}

/** ORIGINAL is what this scorer has (contributions over the model's input columns). */
function checkShapleyType(type: string, endpoint: ModelEndpoint): void {
  if (type !== 'ORIGINAL' && type !== 'TRANSFORMED') {
    throw new H2oRequestError('Only ORIGINAL or TRANSFORMED are accepted enums values of Shapley values');
  }
  if (endpoint.contributions === undefined) {
    throw new H2oRequestError(`Shapley values are not available for this model (${endpoint.model.header.algo})`);
  }
  if (type === 'TRANSFORMED')
    throw new H2oRequestError('Requested Shapley type TRANSFORMED not enabled for this scorer. Expected: ORIGINAL');
}

export function scoreResponse(
  req: ScoreRequest & TextRows,
  endpoint: ModelEndpoint,
  output: OutputFields,
  id: string,
  lenient: boolean,
): ScoreResponse {
  if (req.requestPredictionIntervals === true)
    throw new H2oRequestError('requestPredictionIntervals set to true, but model does not support it');
  const shapley = req.requestShapleyValueType !== undefined && req.requestShapleyValueType !== 'NONE';
  if (shapley) checkShapleyType(req.requestShapleyValueType!, endpoint);
  const include = new Set(req.includeFieldsInOutput ?? []);
  const copied: number[] = [];
  for (let j = 0; j < req.fields.length; j++) if (include.has(req.fields[j])) copied.push(j);
  const idField = req.idField;
  const generateIds = idField !== undefined && idField !== '' && include.has(idField) && !req.fields.includes(idField);
  const score: string[][] = new Array(req.rows.length);
  const contributions: string[][] = [];
  for (let i = 0; i < req.rows.length; i++) {
    const cells = req.rows[i];
    const row: string[] = [];
    for (const j of copied) row.push(cells[j]);
    if (generateIds) row.push(randomUUID());
    output.write(endpoint.scoreText(req.fields, cells, lenient), row);
    if (shapley) contributions.push(contributionCells(endpoint));
    score[i] = row;
  }
  // Key order as H2O's scorer writes them: id, fields, score.
  const res: ScoreResponse = { id, fields: undefined, score };
  if (req.noFieldNamesInOutput !== true) {
    const fields = copied.map((j) => req.fields[j]);
    if (generateIds) fields.push(idField!);
    res.fields = fields.concat(output.names);
  } else delete res.fields;
  if (shapley) res.featureShapleyContributions = contributionGroups(endpoint, contributions);
  return res;
}

export function contributionResponse(req: ContributionRequest & TextRows, endpoint: ModelEndpoint, lenient: boolean): ContributionResponse {
  checkShapleyType(req.requestShapleyValueType, endpoint);
  const rows: string[][] = new Array(req.rows.length);
  for (let i = 0; i < req.rows.length; i++) {
    endpoint.scoreText(req.fields, req.rows[i], lenient);
    rows[i] = contributionCells(endpoint);
  }
  return contributionGroups(endpoint, rows);
}

function contributionCells(endpoint: ModelEndpoint): string[] {
  const values = endpoint.contributionsOfLastRow();
  const cells = new Array<string>(values.length);
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    cells[k] = typeof v === 'number' ? javaDoubleToString(v) : v;
  }
  return cells;
}

/** One group without a name: the models with contributions here have a single output. */
function contributionGroups(endpoint: ModelEndpoint, rows: string[][]): ContributionResponse {
  return { features: [...endpoint.contributions!.names], contributionGroups: [{ contributions: rows }] };
}
