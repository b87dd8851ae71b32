/**
 * The contract between algorithm readers and everything else. A reader decodes a MOJO once
 * into a `Model`; the scoring path then only calls `score(raw, out, offset)` on flat arrays.
 */
import type { MojoHeader, MojoSource } from '../mojo/index.ts';

/** One input column in raw-row order. Categorical values are encoded as their level index. */
export interface InputColumn {
  name: string;
  /** Levels for a categorical column, null for a numeric one. */
  domain: readonly string[] | null;
  /**
   * Categorical only: when set, the exact level text → raw value table the row encoder uses
   * instead of the domain index (and without the "<column>.<level>" alias). Models that put an
   * input transformation in front of their own columns (categorical encodings) use it.
   */
  readonly levelCodes?: ReadonlyMap<string, number>;
  /** Categorical only: raw value for a level that is not found (default NaN, i.e. missing). */
  readonly unseenCode?: number;
}

/**
 * One output column. It occupies one slot of the output buffer (`vector`: `size` slots).
 * - `label`: slot holds a class index into `domain` (rendered as the level string).
 * - `number`: a double (NaN renders as null).
 * - `integer`: an index such as a cluster id.
 * - `vector`: `size` doubles rendered as an array; NaN in the first slot renders as null.
 */
export type OutputColumn =
  | { name: string; kind: 'label'; domain: readonly string[] }
  | { name: string; kind: 'number' }
  | { name: string; kind: 'integer' }
  | { name: string; kind: 'vector'; size: number };

/** Optional per-row explanation outputs (CLI --contributions / --leaf). */
export interface ExtraOutput {
  /** Column names, one slot each. */
  names: readonly string[];
  /** 'number' → out is numbers; 'string' → strings (e.g. leaf paths "LRRL"). */
  compute(raw: Float64Array, offset: number): (number | string)[];
}

export interface Model {
  readonly header: MojoHeader;
  /** Columns the row encoder fills, in raw-row order (`raw.length === inputs.length`). */
  readonly inputs: readonly InputColumn[];
  readonly outputs: readonly OutputColumn[];
  /** Number of float64 slots `score` writes (sum of output slot widths). */
  readonly outWidth: number;
  /**
   * Scores one encoded row (NaN = missing) into `out[0..outWidth)`. `offset` is the offset
   * column's value (0 when the model has none). Throws RowError when the reference runtime
   * would throw for this row. Must not allocate in the steady state.
   */
  score(raw: Float64Array, out: Float64Array, offset: number): void;
  /** SHAP contributions, when the algorithm supports them. */
  readonly contributions?: ExtraOutput;
  /** Leaf node assignments, when the algorithm supports them. */
  readonly leafAssignments?: ExtraOutput;
  /** Any other named extra output (e.g. 'glrm_reconstruct', 'klime'). */
  readonly extras?: Readonly<Record<string, ExtraOutput>>;
  /**
   * For models whose inputs are whatever columns the caller sends (Word2Vec embeds every
   * string cell): the same model reading, and reporting under, these column names.
   */
  bindInputs?(columns: readonly string[]): Model;
}

/** What a reader gets: the artifact, its parsed header, and a way to load nested models. */
export interface ReaderContext {
  readonly source: MojoSource;
  readonly header: MojoHeader;
  /** Loads a nested model stored below `prefix` in the same artifact (ensembles, pipelines). */
  loadNested(prefix: string): Model;
}

export interface AlgorithmReader {
  /** `algo` values in model.ini this reader handles. */
  readonly algos: readonly string[];
  /** Highest mojo_version this reader understands (h2o-genmodel's `mojoVersion()`). */
  readonly maxMojoVersion: number;
  read(ctx: ReaderContext): Model;
}
