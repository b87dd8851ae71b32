/**
 * One model ready to score, behind every front end (the server, the multi-model server, H2O's
 * routes, the CLI and the library): the model, its row encoder, its output cell table, the
 * decoding options of its request bodies, the texts of its output styles, bindings to column
 * sets, and `output(kind, style)`, which gives what each row is computed into and rendered
 * from. Built once per model (per binding); everything model-dependent is prepared here.
 */
import { explanation, type Model } from '../algos/index.ts';
import type { DecodeOptions } from './decoders/index.ts';
import { RowEncoder } from './row-encoder.ts';
import {
  type OutputStyle,
  type JavaCells,
  javaCells,
  type OutputRecord,
  RecordLayout,
  ExplanationOutput,
  PredictionOutput,
  type RowOutput,
  type RowText,
  rowText,
} from './writers/index.ts';

/** What a row is answered with: the prediction, or an explanation the model offers ('contributions', 'leaf', an extras name). */
export type OutputKind = 'prediction' | 'contributions' | 'leaf' | (string & {});

export interface SessionOptions {
  /** False renders records through RecordLayout instead of the precomputed fast text (the reference form). */
  fastRecords?: boolean;
  /** Aborted when in-flight batches must stop (a forced drain): checked between slices. */
  signal?: AbortSignal;
}

/** Distinct column sets kept bound (Word2Vec); beyond it a binding is built per call. */
const MAX_BINDINGS = 64;

export class Session {
  readonly encoder: RowEncoder;
  readonly layout: RecordLayout;
  /** How request bodies are decoded for this model (positional columns, header rule). */
  readonly decode: DecodeOptions;
  /** Raw row buffer for work that never yields (one row); a batch takes `newRaw()`. */
  readonly raw: Float64Array;
  readonly signal: AbortSignal | undefined;
  private readonly texts = new Map<OutputStyle, RowText<Float64Array>>();
  private java: JavaCells | undefined;
  private readonly sharedOutputs = new Map<OutputStyle, Map<OutputKind, RowOutput>>();
  private predictionRecords: RowOutput | undefined;
  private readonly bindings = new Map<string, Session>();

  constructor(
    readonly model: Model,
    private readonly options: SessionOptions = {},
  ) {
    this.encoder = new RowEncoder(model);
    this.layout = new RecordLayout(model);
    this.raw = new Float64Array(model.inputs.length);
    this.signal = options.signal;
    const positional = [...this.encoder.names];
    const offset = model.header.offsetColumn;
    if (offset !== null && !positional.includes(offset)) positional.push(offset);
    this.decode = { encoder: this.encoder, positional, csvHeaderAlways: this.bindable };
  }

  /** The model reads whichever columns a request sends (Word2Vec): scoring goes through `bind`. */
  get bindable(): boolean {
    return this.model.bindInputs !== undefined;
  }

  /** The session for the model bound to `columns` (this one when the model does not bind); cached per column set. */
  bind(columns: readonly string[]): Session {
    const bindInputs = this.model.bindInputs;
    if (bindInputs === undefined) return this;
    const key = columns.join('\u0000');
    let s = this.bindings.get(key);
    if (s === undefined) {
      s = new Session(bindInputs.call(this.model, columns), this.options);
      if (this.bindings.size < MAX_BINDINGS) this.bindings.set(key, s);
    }
    return s;
  }

  /** A fresh raw row buffer, for a batch that keeps it across yields. */
  newRaw(): Float64Array {
    return new Float64Array(this.raw.length);
  }

  /**
   * A fresh output (its own buffers) for `kind` in `style` (predictions only: explanations have
   * one shape). A model without the explanation asked for is a 400 naming what it has.
   */
  output(kind: OutputKind = 'prediction', style: OutputStyle = 'record'): RowOutput {
    if (kind !== 'prediction') return new ExplanationOutput(explanation(this.model, kind));
    return new PredictionOutput(this.model, this.layout, this.text(style), this.javaCells);
  }

  /** The Java-compatible output columns (the compat style, H2O's REST scorer). */
  get javaCells(): JavaCells {
    this.java ??= javaCells(this.layout);
    return this.java;
  }

  /** The output shared by work that never yields between computing a row and rendering it. */
  sharedOutput(kind: OutputKind = 'prediction', style: OutputStyle = 'record'): RowOutput {
    // By style, then kind: no key string to build for every row.
    let byKind = this.sharedOutputs.get(style);
    if (byKind === undefined) {
      byKind = new Map();
      this.sharedOutputs.set(style, byKind);
    }
    let o = byKind.get(kind);
    if (o === undefined) {
      o = this.output(kind, style);
      byKind.set(kind, o);
    }
    return o;
  }

  /**
   * Encodes one row object into the shared raw buffer and renders `kind` as a record (the
   * library's `score`, the documented example). Throws INVALID_VALUE (strict) and RowError.
   */
  record(row: Record<string, unknown>, lenient: boolean, kind: OutputKind = 'prediction', index = 0): OutputRecord {
    const offset = this.encoder.encodeObject(row, this.raw, lenient, index);
    // The prediction's output is kept in a field: a per-row map look-up costs as much as a small model.
    const output = kind === 'prediction' ? (this.predictionRecords ??= this.output()) : this.sharedOutput(kind);
    output.compute(this.raw, offset);
    return output.record();
  }

  private text(style: OutputStyle): RowText<Float64Array> {
    let t = this.texts.get(style);
    if (t === undefined) {
      t = rowText(this.layout, style, this.options.fastRecords ?? true);
      this.texts.set(style, t);
    }
    return t;
  }
}
