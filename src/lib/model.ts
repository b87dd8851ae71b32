/**
 * A loaded MOJO as the library hands it out: score row objects into the same output records
 * the server's JSON carries, or drive the evaluator directly with pre-encoded typed arrays.
 * Scoring is synchronous and reuses one set of buffers per model (and per column binding).
 */
import { type ExtraOutput, explanation, type Model } from '../algos/index.ts';
import { BadRequestError, RowError } from '../errors.ts';
import { jsonNumber, type OutputRecord, RecordLayout, RowEncoder } from '../scoring/index.ts';
import type { ModelDescription } from './describe.ts';

export type { OutputRecord };

export interface ScoreOptions {
  /**
   * Unparsable numbers become missing values instead of an INVALID_VALUE error (h2o's
   * convertInvalidNumbersToNa). Unseen categorical levels are always missing. Default false.
   */
  lenient?: boolean;
  /**
   * What to return: the prediction (default), or an explanation the model offers —
   * 'contributions' (SHAP, tree models), 'leaf' (leaf paths such as "LRRL"), or another name
   * listed in `describe().explanations` (e.g. 'glrm_reconstruct', 'klime').
   */
  output?: 'prediction' | 'contributions' | 'leaf' | (string & {});
}

/** One row's result in `scoreMany`: the record, or the reason the model cannot score that row. */
export type RowResult = OutputRecord | { error: string };

type Row = Readonly<Record<string, unknown>>;

/** Encoder, buffers and layout for one column binding of a model. */
class Bound {
  readonly encoder: RowEncoder;
  readonly layout: RecordLayout;
  readonly raw: Float64Array;
  readonly out: Float64Array;
  constructor(readonly model: Model) {
    this.encoder = new RowEncoder(model);
    this.layout = new RecordLayout(model);
    this.raw = new Float64Array(model.inputs.length);
    this.out = new Float64Array(Math.max(1, model.outWidth));
  }
}

/** Bindings kept per distinct set of row keys (Word2Vec reads whatever columns it is given). */
const MAX_BINDINGS = 64;

export class MojoModel {
  private readonly main: Bound;
  private readonly bindings = new Map<string, Bound>();

  /** @internal Use `loadModel`. */
  constructor(
    readonly model: Model,
    private readonly description: ModelDescription,
  ) {
    this.main = new Bound(model);
  }

  /** Algorithm, category, versions, metadata, inputs (types, levels), outputs, explanations. */
  describe(): ModelDescription {
    return this.description;
  }

  /** Input column names in encoded (raw array) order. */
  get inputNames(): readonly string[] {
    return this.main.encoder.names;
  }

  /** Output record keys, in order (a vector output is one key holding an array). */
  get outputNames(): readonly string[] {
    return this.main.layout.names;
  }

  /** Float64 slots one scored row fills in `scoreEncoded`. */
  get outputWidth(): number {
    return this.model.outWidth;
  }

  /**
   * Scores one row object (column name → number, numeric text, level string; null/absent =
   * missing). Throws ScorerError: INVALID_VALUE for a bad cell (unless lenient), ROW_ERROR
   * when the model cannot score the row (the reference runtime throws too).
   */
  score(row: Row, options: ScoreOptions = {}): OutputRecord {
    return this.scoreOne(row, options, 0);
  }

  /**
   * Scores many rows. A row the model cannot score becomes `{ error }` in its place; a bad
   * cell (strict mode) throws INVALID_VALUE naming the row.
   */
  scoreMany(rows: Iterable<Row>, options: ScoreOptions = {}): RowResult[] {
    const results: RowResult[] = [];
    let i = 0;
    for (const row of rows) {
      try {
        results.push(this.scoreOne(row, options, i));
      } catch (e) {
        if (!(e instanceof RowError)) throw e;
        results.push({ error: e.message });
      }
      i++;
    }
    return results;
  }

  /**
   * Encodes a row object into `raw` (length `inputNames.length`; NaN = missing, categorical
   * levels as their index) and returns the offset column's value (0 when none).
   */
  encode(row: Row, raw: Float64Array, options: Pick<ScoreOptions, 'lenient'> = {}): number {
    if (raw.length !== this.main.raw.length) throw lengthError('raw', raw.length, this.main.raw.length);
    return this.main.encoder.encodeObject(row as Record<string, unknown>, raw, options.lenient === true);
  }

  /**
   * Scores pre-encoded rows: `raw` holds n rows of `inputNames.length` values back to back,
   * `out` receives n rows of `outputWidth` values (allocated when omitted). Throws ROW_ERROR
   * (with the row index in `detail`) at a row the model cannot score.
   */
  scoreEncoded(raw: Float64Array, out?: Float64Array, offsets?: Float64Array): Float64Array {
    const w = this.main.raw.length;
    const ow = this.model.outWidth;
    const n = w === 0 ? (out === undefined ? 1 : Math.floor(out.length / Math.max(1, ow))) : raw.length / w;
    if (!Number.isInteger(n)) throw lengthError('raw', raw.length, w, 'a multiple of');
    const dest = out ?? new Float64Array(n * ow);
    if (dest.length < n * ow) throw lengthError('out', dest.length, n * ow, 'at least');
    if (offsets !== undefined && offsets.length !== n) throw lengthError('offsets', offsets.length, n);
    const model = this.model;
    for (let i = 0; i < n; i++) {
      const o = dest.subarray(i * ow, (i + 1) * ow);
      o.fill(0);
      try {
        model.score(raw.subarray(i * w, (i + 1) * w), o, offsets === undefined ? 0 : offsets[i]);
      } catch (e) {
        if (e instanceof RowError) throw new RowErrorAt(e.message, i);
        throw e;
      }
    }
    return dest;
  }

  /** The output record for one row of `scoreEncoded`'s output. */
  record(out: Float64Array): OutputRecord {
    return this.main.layout.record(out);
  }

  private scoreOne(row: Row, options: ScoreOptions, index: number): OutputRecord {
    if (row === null || typeof row !== 'object' || Array.isArray(row))
      throw new BadRequestError(`row ${index}: expected an object of column → value`, { row: index });
    const b = this.bind(row);
    const offset = b.encoder.encodeObject(row as Record<string, unknown>, b.raw, options.lenient === true, index);
    const output = options.output ?? 'prediction';
    if (output !== 'prediction') return explanationRecord(explanation(b.model, output), b.raw, offset);
    b.out.fill(0);
    b.model.score(b.raw, b.out, offset);
    return b.layout.record(b.out);
  }

  private bind(row: Row): Bound {
    const model = this.model;
    if (model.bindInputs === undefined) return this.main;
    const keys = Object.keys(row);
    const key = keys.join('\u0000');
    let b = this.bindings.get(key);
    if (b === undefined) {
      if (this.bindings.size >= MAX_BINDINGS) this.bindings.clear();
      b = new Bound(model.bindInputs(keys));
      this.bindings.set(key, b);
    }
    return b;
  }
}

/** ROW_ERROR carrying the index of the encoded row that failed. */
class RowErrorAt extends RowError {
  readonly row: number;
  constructor(message: string, row: number) {
    super(`row ${row}: ${message}`);
    this.row = row;
  }
}

function explanationRecord(x: ExtraOutput, raw: Float64Array, offset: number): OutputRecord {
  const values = x.compute(raw, offset);
  const rec: OutputRecord = {};
  const names = x.names;
  for (let i = 0; i < names.length; i++) {
    const v = values[i];
    rec[names[i]] = typeof v === 'number' ? jsonNumber(v) : v;
  }
  return rec;
}

function lengthError(what: string, got: number, want: number, relation = ''): BadRequestError {
  return new BadRequestError(`${what} has length ${got}, expected ${relation ? `${relation} ` : ''}${want}`, { [what]: got });
}
