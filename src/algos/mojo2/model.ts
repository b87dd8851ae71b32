/**
 * A Driverless AI pipeline (MOJO2) behind the Model contract: features are the raw row (Str
 * features as string codes through the row encoder's level table), outputs the pipeline's
 * output columns in order, then the prediction interval when the pipeline carries one.
 */
import type { MojoHeader } from '../../mojo/index.ts';
import { CONTRIBUTIONS, type ExtraOutput, type InputColumn, ModelBase, NO_EXPLANATIONS, type OutputColumn } from '../model.ts';
import type { ColumnSpec } from './frame.ts';
import type { Program } from './program.ts';

/** `<target>.lower` / `.upper` = prediction + the interval's offsets (G5's structure). */
export interface IntervalSpec {
  /** Index of the prediction among the pipeline's outputs. */
  readonly output: number;
  readonly lower: number;
  readonly upper: number;
}

/** What the loader hands the model. */
export interface Mojo2Parts {
  readonly header: MojoHeader;
  readonly program: Program;
  readonly features: readonly ColumnSpec[];
  readonly outputs: readonly ColumnSpec[];
  readonly inputs: readonly InputColumn[];
  /** Numeric values the pipeline's missing-value strings name (±inf, ±Double.MAX_VALUE). */
  readonly numericMissing: ReadonlySet<number>;
  readonly interval: IntervalSpec | null;
  readonly contributions: ((model: Mojo2Model) => ExtraOutput) | null;
  /** Unverified operations the user allowed (empty unless MOJO_ALLOW_UNVERIFIED). */
  readonly unverified: readonly string[];
  readonly container: 'protobuf' | 'toml';
}

export class Mojo2Model extends ModelBase {
  readonly header: MojoHeader;
  readonly inputs: readonly InputColumn[];
  readonly outputs: readonly OutputColumn[];
  override readonly explanations: Readonly<Record<string, ExtraOutput>>;
  readonly unverified: readonly string[];
  readonly container: 'protobuf' | 'toml';
  private readonly program: Program;
  private readonly f32: Uint8Array;
  private readonly numeric: Uint8Array;
  private readonly numericMissing: ReadonlySet<number>;
  private readonly interval: IntervalSpec | null;

  constructor(parts: Mojo2Parts) {
    super();
    this.header = parts.header;
    this.inputs = parts.inputs;
    this.program = parts.program;
    this.interval = parts.interval;
    this.unverified = parts.unverified;
    this.container = parts.container;
    this.numericMissing = parts.numericMissing;
    this.f32 = Uint8Array.from(parts.features, (c) => (c.type === 'float32' ? 1 : 0));
    this.numeric = Uint8Array.from(parts.features, (c) => (c.type === 'str' ? 0 : 1));
    const outs: OutputColumn[] = parts.outputs.map((c) => ({ name: c.name, kind: 'number' }));
    if (parts.interval) {
      const name = parts.outputs[parts.interval.output].name;
      outs.push({ name: `${name}.lower`, kind: 'number' }, { name: `${name}.upper`, kind: 'number' });
    }
    this.outputs = outs;
    this.explanations = parts.contributions ? { [CONTRIBUTIONS]: parts.contributions(this) } : NO_EXPLANATIONS;
  }

  /** Runs the pipeline on an encoded row; returns its frame (valid until the next run). */
  run(raw: Float64Array): Float64Array {
    const p = this.program;
    const frame = p.frame;
    const fs = p.featureSlots;
    const missing = this.numericMissing;
    for (let i = 0; i < fs.length; i++) {
      let x = raw[i];
      if (this.numeric[i] === 1 && missing.size > 0 && missing.has(x)) x = Number.NaN;
      frame[fs[i]] = this.f32[i] === 1 ? Math.fround(x) : x;
    }
    p.run();
    return frame;
  }

  protected scoreRow(raw: Float64Array, out: Float64Array): void {
    const frame = this.run(raw);
    const os = this.program.outputSlots;
    for (let i = 0; i < os.length; i++) out[i] = frame[os[i]];
    const iv = this.interval;
    if (iv !== null) {
      const y = out[iv.output];
      out[os.length] = y + iv.lower;
      out[os.length + 1] = y + iv.upper;
    }
  }
}
