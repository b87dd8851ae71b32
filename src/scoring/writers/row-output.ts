/**
 * What a session writes for each row: predictions (in a style) or an explanation. A RowOutput
 * computes one row from the raw row into buffers it owns, then renders that row on demand, so
 * the loop and the writers never see the row's type (an output buffer, explanation values).
 * One per batch that yields (its buffers must not be shared with interleaved batches); work
 * that never yields may share one.
 */
import type { ExtraOutput, Model } from '../../algos/index.ts';
import { javaDoubleToString } from '../java-double.ts';
import { csvField, csvNumber, jsonNumber, jsonNumberText } from './cells.ts';
import type { JavaCells } from './java-cells.ts';
import { type OutputRecord, type RecordLayout, setCell } from './record.ts';
import type { RowText } from './row-text.ts';

export interface RowOutput {
  /** CSV header cells, unquoted (vectors expanded). */
  readonly csvHeader: readonly string[];
  /** Names of the Java-style text cells (`javaCells`). */
  readonly javaNames: readonly string[];
  /** Scores one raw row (NaN = missing) with its offset; throws RowError where the reference runtime does. */
  compute(raw: Float64Array, offset: number): void;
  /** The last computed row as a JSON object's text. */
  json(): string;
  /** The last computed row as a CSV line (no newline). */
  csv(): string;
  /** The last computed row as a record object. */
  record(): OutputRecord;
  /** Appends the last computed row's Java-style text cells (numbers as Double.toString prints them). */
  javaCells(row: (string | null)[]): void;
}

/** The model's predictions: `out` is the model's output buffer. */
export class PredictionOutput implements RowOutput {
  readonly csvHeader: readonly string[];
  readonly javaNames: readonly string[];
  readonly out: Float64Array;
  private readonly width: number;

  constructor(
    private readonly model: Model,
    private readonly layout: RecordLayout,
    private readonly text: RowText<Float64Array>,
    private readonly java: JavaCells,
  ) {
    this.out = new Float64Array(Math.max(1, model.outWidth));
    this.width = this.out.length;
    this.csvHeader = text.csvHeader;
    this.javaNames = java.names;
  }

  compute(raw: Float64Array, offset: number): void {
    const out = this.out;
    const n = this.width;
    // A loop beats the native fill() call for the usual handful of outputs.
    if (n > 64) out.fill(0);
    else for (let i = 0; i < n; i++) out[i] = 0;
    this.model.score(raw, out, offset);
  }

  json(): string {
    return this.text.json(this.out);
  }

  csv(): string {
    return this.text.csv(this.out);
  }

  record(): OutputRecord {
    return this.layout.record(this.out);
  }

  javaCells(row: (string | null)[]): void {
    this.java.write(this.out, row);
  }
}

/** An explanation (SHAP contributions, leaf assignments, a model's extras): named values per row, numbers or strings. */
export class ExplanationOutput implements RowOutput {
  readonly csvHeader: readonly string[];
  readonly javaNames: readonly string[];
  /** `{"name":` for the first value, `,"name":` for the others. */
  private readonly keys: string[];
  private values: readonly (number | string)[] = [];

  constructor(private readonly extra: ExtraOutput) {
    this.csvHeader = extra.names;
    this.javaNames = extra.names;
    this.keys = extra.names.map((n, i) => `${i === 0 ? '{' : ','}${JSON.stringify(n)}:`);
  }

  compute(raw: Float64Array, offset: number): void {
    this.values = this.extra.compute(raw, offset);
  }

  json(): string {
    const values = this.values;
    if (values.length === 0) return '{}';
    let s = '';
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      s += this.keys[i] + (typeof v === 'number' ? jsonNumberText(v) : JSON.stringify(v));
    }
    return `${s}}`;
  }

  csv(): string {
    const values = this.values;
    let s = '';
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      s += (i === 0 ? '' : ',') + (typeof v === 'number' ? csvNumber(v) : csvField(v));
    }
    return s;
  }

  record(): OutputRecord {
    const rec: OutputRecord = {};
    const names = this.extra.names;
    const values = this.values;
    for (let i = 0; i < names.length; i++) {
      const v = values[i];
      setCell(rec, names[i], typeof v === 'number' ? jsonNumber(v) : v);
    }
    return rec;
  }

  javaCells(row: (string | null)[]): void {
    for (const v of this.values) row.push(typeof v === 'number' ? javaDoubleToString(v) : v);
  }
}
