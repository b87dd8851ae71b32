/**
 * H2O's ScoreResponse and ContributionResponse, scored on the session's one row path: the
 * request's rows are positional rows under its `fields`, scored in slices (answerRows) and
 * collected by an H2O writer, which writes the response at the end. Each output row is the
 * copied input fields (in input order), a generated row id when asked for, then the model's
 * output as Java-style text cells. A row the model cannot score fails the request (500), as
 * in H2O's scorer.
 */
import { randomUUID } from 'node:crypto';
import { RowError } from '../../errors.ts';
import { type BatchWriter, DecodedItems, ItemsSource, type RowOutput, type Session, TextSink } from '../../scoring/index.ts';
import { answerRows } from '../batch-response.ts';
import type { Invoker } from '../invoke.ts';
import { H2oRequestError } from './errors.ts';
import type { CheckedRows, ContributionRequest, ScoreRequest } from './request.ts';

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
function checkShapleyType(type: string, session: Session): void {
  if (type !== 'ORIGINAL' && type !== 'TRANSFORMED') {
    throw new H2oRequestError('Only ORIGINAL or TRANSFORMED are accepted enums values of Shapley values');
  }
  if (!Object.hasOwn(session.model.explanations, 'contributions')) {
    throw new H2oRequestError(`Shapley values are not available for this model (${session.model.header.algo})`);
  }
  if (type === 'TRANSFORMED')
    throw new H2oRequestError('Requested Shapley type TRANSFORMED not enabled for this scorer. Expected: ORIGINAL');
}

/** What the route knows of the request besides its rows. */
interface Scoring {
  invoker: Invoker;
  lenient: boolean;
  deadline: number;
}

/** Scores the request's rows with `output`, collected by `writer`; resolves with the response text. */
async function scoreInto(req: CheckedRows, s: Scoring, session: Session, output: RowOutput, writer: H2oWriter): Promise<string> {
  const sink = new TextSink();
  writer.sink = sink;
  const source = new ItemsSource(new DecodedItems(req.rows, 'arrays', req.fields), session.encoder, new Set());
  const body = await answerRows({ session, source, output, writer, sink, lenient: s.lenient, deadline: s.deadline }, s.invoker);
  return typeof body === 'string' ? body : await new Response(body).text();
}

export async function scoreResponse(req: ScoreRequest & CheckedRows, s: Scoring, id: string): Promise<string> {
  if (req.requestPredictionIntervals === true)
    throw new H2oRequestError('requestPredictionIntervals set to true, but model does not support it');
  const session = s.invoker.session.bind(req.fields);
  const shapley = req.requestShapleyValueType !== undefined && req.requestShapleyValueType !== 'NONE';
  if (shapley) checkShapleyType(req.requestShapleyValueType!, session);
  const include = new Set(req.includeFieldsInOutput ?? []);
  const copied: number[] = [];
  for (let j = 0; j < req.fields.length; j++) if (include.has(req.fields[j])) copied.push(j);
  const idField = req.idField;
  const generateIds = idField !== undefined && idField !== '' && include.has(idField) && !req.fields.includes(idField);
  const prediction = session.output('prediction');
  const contributions = shapley ? session.output('contributions') : null;
  const output = contributions === null ? prediction : new BothOutputs(prediction, contributions);
  const fields =
    req.noFieldNamesInOutput === true
      ? undefined
      : [...copied.map((j) => req.fields[j]), ...(generateIds ? [idField!] : []), ...prediction.javaNames];
  const writer = new ScoreWriter(req.rows, copied, generateIds, id, fields, prediction, contributions);
  return scoreInto(req, s, session, output, writer);
}

export async function contributionResponse(req: ContributionRequest & CheckedRows, s: Scoring): Promise<string> {
  const session = s.invoker.session.bind(req.fields);
  checkShapleyType(req.requestShapleyValueType, session);
  const output = session.output('contributions');
  return scoreInto(req, s, session, output, new ContributionWriter(output));
}

/** Predictions and contributions of the same raw row (a score request asking for Shapley values). */
class BothOutputs implements RowOutput {
  readonly csvHeader: readonly string[];
  readonly javaNames: readonly string[];

  constructor(
    private readonly prediction: RowOutput,
    private readonly contributions: RowOutput,
  ) {
    this.csvHeader = prediction.csvHeader;
    this.javaNames = prediction.javaNames;
  }

  compute(raw: Float64Array, offset: number): void {
    this.prediction.compute(raw, offset);
    this.contributions.compute(raw, offset);
  }

  json(): string {
    return this.prediction.json();
  }

  csv(): string {
    return this.prediction.csv();
  }

  record() {
    return this.prediction.record();
  }

  javaCells(row: (string | null)[]): void {
    this.prediction.javaCells(row);
  }
}

/** Collects rows of Java-style text cells and writes H2O's JSON response at the end. */
abstract class H2oWriter implements BatchWriter {
  sink: TextSink | undefined;
  begin(): void {}

  abstract row(output: RowOutput): void;

  /** H2O's scorer fails the whole request for a row it cannot score. */
  rowError(message: string): void {
    throw new RowError(message);
  }

  abstract end(): void;
}

class ScoreWriter extends H2oWriter {
  private readonly score: string[][] = [];
  private readonly contributionRows: string[][] = [];

  constructor(
    private readonly rows: readonly (readonly (string | number | null)[])[],
    private readonly copied: readonly number[],
    private readonly generateIds: boolean,
    private readonly id: string,
    private readonly fields: string[] | undefined,
    private readonly prediction: RowOutput,
    private readonly contributions: RowOutput | null,
  ) {
    super();
  }

  row(): void {
    const cells = this.rows[this.score.length];
    const row: (string | null)[] = [];
    for (const j of this.copied) row.push(cells[j] === null ? '' : String(cells[j]));
    if (this.generateIds) row.push(randomUUID());
    this.prediction.javaCells(row);
    this.score.push(texts(row));
    if (this.contributions !== null) this.contributionRows.push(javaTexts(this.contributions));
  }

  end(): void {
    // Key order as H2O's scorer writes them: id, fields, score.
    const res: ScoreResponse = { id: this.id, fields: this.fields, score: this.score };
    if (this.fields === undefined) delete res.fields;
    if (this.contributions !== null) res.featureShapleyContributions = contributionGroups(this.contributions, this.contributionRows);
    this.sink!.write(JSON.stringify(res));
  }
}

class ContributionWriter extends H2oWriter {
  private readonly rows: string[][] = [];

  constructor(private readonly contributions: RowOutput) {
    super();
  }

  row(output: RowOutput): void {
    this.rows.push(javaTexts(output));
  }

  end(): void {
    this.sink!.write(JSON.stringify(contributionGroups(this.contributions, this.rows)));
  }
}

function javaTexts(output: RowOutput): string[] {
  const row: (string | null)[] = [];
  output.javaCells(row);
  return texts(row);
}

/** H2O's cells are text: a missing label or index is ''. */
function texts(row: (string | null)[]): string[] {
  for (let i = 0; i < row.length; i++) if (row[i] === null) row[i] = '';
  return row as string[];
}

/** One group without a name: the models with contributions here have a single output. */
function contributionGroups(contributions: RowOutput, rows: string[][]): ContributionResponse {
  return { features: [...contributions.javaNames], contributionGroups: [{ contributions: rows }] };
}
