/**
 * A model ready to serve: row encoder + reusable buffers + record layout. One per process:
 * the shared buffers serve work that never yields (one row); a batch scored in slices takes
 * its own (buffers(), evaluatorInto()).
 */
import type { Model } from '../algos/index.ts';
import { RowError } from '../errors.ts';
import { RecordLayout, type OutputRecord } from './record.ts';
import { RowEncoder } from './row-encoder.ts';
import type { Evaluate } from './score-rows.ts';

export type RowResult = OutputRecord | { error: string };

export class Scorer {
  readonly encoder: RowEncoder;
  readonly layout: RecordLayout;
  readonly raw: Float64Array;
  readonly out: Float64Array;
  /** Scores a raw row into `out` (scoreRows' evaluator); throws RowError. */
  readonly evaluate: Evaluate<Float64Array>;

  constructor(readonly model: Model) {
    this.encoder = new RowEncoder(model);
    this.layout = new RecordLayout(model);
    this.raw = new Float64Array(model.inputs.length);
    const out = new Float64Array(Math.max(1, model.outWidth));
    this.out = out;
    this.evaluate = this.evaluatorInto(out);
  }

  /** An evaluator writing into `out`: a batch that yields between rows owns its own buffers. */
  evaluatorInto(out: Float64Array): Evaluate<Float64Array> {
    const model = this.model;
    const n = out.length;
    return (raw, offset) => {
      // A loop beats the native fill() call for the usual handful of outputs (as clearRow).
      if (n > 64) out.fill(0);
      else for (let i = 0; i < n; i++) out[i] = 0;
      model.score(raw, out, offset);
      return out;
    };
  }

  /** Fresh raw and output buffers, for a batch that keeps them across yields. */
  buffers(): { raw: Float64Array; out: Float64Array } {
    return { raw: new Float64Array(this.raw.length), out: new Float64Array(this.out.length) };
  }

  /** Scores the row currently in `raw`; returns `out` or throws RowError. */
  scoreRaw(offset: number): Float64Array {
    return this.evaluate(this.raw, offset);
  }

  /** Encodes and scores one object row into `out` (throws BadRequest in strict mode, RowError). */
  scoreObject(rec: Record<string, unknown>, lenient: boolean, row = 0, unknown?: Set<string>): Float64Array {
    const offset = this.encoder.encodeObject(rec, this.raw, lenient, row, unknown);
    return this.scoreRaw(offset);
  }

  /** Encodes, scores and renders one object row; a row the model cannot score becomes {error}. */
  recordOfObject(rec: Record<string, unknown>, lenient: boolean, row = 0, unknown?: Set<string>): RowResult {
    const offset = this.encoder.encodeObject(rec, this.raw, lenient, row, unknown);
    return this.recordOfRaw(offset);
  }

  recordOfRaw(offset: number): RowResult {
    try {
      return this.layout.record(this.scoreRaw(offset));
    } catch (e) {
      return { error: rowErrorMessage(e) };
    }
  }
}

/** Message of a per-row failure; anything that is not a RowError propagates (a bug → logged 500). */
export function rowErrorMessage(e: unknown): string {
  if (e instanceof RowError) return e.message;
  throw e;
}
