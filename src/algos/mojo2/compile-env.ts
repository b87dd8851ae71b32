/**
 * What compiling a MOJO2 pipeline (and its nested pipelines) shares: the artifact's entries, its
 * string table, the unverified-operation policy and the budgets that bound a hostile file.
 */
import { MojoFormatError } from '../../errors.ts';
import type { EntryReader, Tensor } from '../../mojo2/index.ts';
import { type ColType, coerce, type StringTable } from './frame.ts';
import type { ContributionSource } from './contributions.ts';
import type { UnverifiedPolicy } from './unverified.ts';

/** Most transformations in one artifact, nested pipelines included (the largest public file has ~1,200). */
export const MAX_TRANSFORMATIONS = 1_000_000;
/** Deepest pipeline nesting. */
export const MAX_PIPELINE_DEPTH = 16;

export class CompileEnv {
  /** Transformations compiled so far (all pipelines). */
  transformations = 0;
  /** Set when a step parses dates from text: Str features then read unseen texts as dates. */
  parsesDates = false;
  /** The top-level pipeline's model steps whose contributions are verified (see ./contributions.ts). */
  readonly contributionSources: ContributionSource[] = [];

  constructor(
    readonly read: EntryReader,
    /** Whether the artifact holds an entry. */
    readonly has: (path: string) => boolean,
    readonly origin: string,
    readonly strings: StringTable,
    readonly policy: UnverifiedPolicy,
  ) {}

  /** Counts one transformation against the budget. */
  countTransformation(): void {
    if (++this.transformations > MAX_TRANSFORMATIONS)
      throw new MojoFormatError(`${this.origin}: more than ${MAX_TRANSFORMATIONS} transformations`);
  }

  /** A tensor's values in the representation of a column of `type` (strings as codes, float32 rounded). */
  valuesFor(t: Tensor, type: ColType, what: string): Float64Array {
    if (type === 'str') {
      if (t.type !== 'str') throw new MojoFormatError(`${this.origin}: ${what}: a ${t.type} tensor for a Str column`);
      return Float64Array.from(t.texts, (s) => this.strings.intern(s));
    }
    if (t.type === 'str') throw new MojoFormatError(`${this.origin}: ${what}: a string tensor for a ${type} column`);
    if (type === 'float32') return Float64Array.from(t.numbers, Math.fround);
    return t.numbers;
  }

  /** A scalar in the representation of a column of `type`. */
  scalarFor(v: number | string, type: ColType, what: string): number {
    if (typeof v === 'string') {
      if (type !== 'str') throw new MojoFormatError(`${this.origin}: ${what}: a text value for a ${type} column`);
      return this.strings.intern(v);
    }
    if (type === 'str') throw new MojoFormatError(`${this.origin}: ${what}: a number for a Str column`);
    return coerce(type, v);
  }
}
