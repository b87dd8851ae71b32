/**
 * The value model of a MOJO2 pipeline run: every column of a (nested) pipeline has one float64
 * slot in a frame. Float32/Float64 hold IEEE values (Float32 rounded to single precision), NaN
 * is missing; Int32/Int64 hold integers, NaN is missing; Str holds a code into the artifact's
 * StringTable (>= 0), UNSEEN_TEXT for a text the pipeline never names, NaN for missing; Time64
 * holds days since 1970-01-01 (UTC), NaN for missing.
 */
import { MojoFormatError } from '../../errors.ts';

export type ColType = 'bool' | 'int32' | 'int64' | 'float32' | 'float64' | 'str' | 'time64';

/** Code of a text that is none of the pipeline's own strings (compares unequal to every key). */
export const UNSEEN_TEXT = -1;

/** One column of a pipeline frame. */
export interface ColumnSpec {
  readonly name: string;
  readonly type: ColType;
}

/**
 * Every string constant of an artifact (map keys and values, replace and fill values, missing
 * texts), numbered once at load so that string comparisons in the loop are number comparisons.
 */
export class StringTable {
  private readonly codes = new Map<string, number>();
  readonly texts: string[] = [];

  /** The code of `text`, adding it (load time only). */
  intern(text: string): number {
    let c = this.codes.get(text);
    if (c === undefined) {
      c = this.texts.length;
      this.codes.set(text, c);
      this.texts.push(text);
    }
    return c;
  }

  /** The code of `text`, or UNSEEN_TEXT (scoring time: never adds). */
  lookup(text: string): number {
    return this.codes.get(text) ?? UNSEEN_TEXT;
  }

  /** text → code, for the row encoder's level table. */
  map(): ReadonlyMap<string, number> {
    return this.codes;
  }
}

/** Column name → slot of one pipeline's frame, with the column types. */
export class FrameLayout {
  private readonly slots = new Map<string, number>();
  readonly types: ColType[] = [];
  readonly names: string[] = [];

  constructor(readonly origin: string) {}

  /** Adds a column (a name seen twice keeps its first slot: DAI frames never repeat one). */
  add(col: ColumnSpec): number {
    const s = this.slots.get(col.name);
    if (s !== undefined) return s;
    const slot = this.types.length;
    this.slots.set(col.name, slot);
    this.types.push(col.type);
    this.names.push(col.name);
    return slot;
  }

  has(name: string): boolean {
    return this.slots.has(name);
  }

  /** The slot of a column a transformation names; a name no frame lists is a format error. */
  slot(name: string): number {
    const s = this.slots.get(name);
    if (s === undefined)
      throw new MojoFormatError(`${this.origin}: a transformation names column '${name}', which the pipeline does not list`);
    return s;
  }

  typeOf(name: string): ColType {
    return this.types[this.slot(name)];
  }

  get width(): number {
    return this.types.length;
  }
}

/** Rounds a value to what a column of `type` holds (float32 rounding, integer NA). */
export function coerce(type: ColType, v: number): number {
  if (type === 'float32') return Math.fround(v);
  return v;
}
