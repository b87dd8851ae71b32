/**
 * The contract between algorithm readers and everything else. A reader decodes a MOJO once
 * into a `Model`; the scoring path then only calls `score(raw, out, offset)` on flat arrays.
 */
import { RowError } from '../errors.ts';
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
  /**
   * Categorical with `levelCodes` only: raw value of a text not in `levelCodes`, when the model
   * reads more from it than "unseen" (a date a pipeline parses); default `unseenCode`.
   */
  readonly unseenValue?: (text: string) => number;
  /** Numeric only: texts that mean missing for this column (a pipeline's own NA strings). */
  readonly missingTexts?: ReadonlySet<string>;
  /** The value type the model file declares for the column (MOJO2: float32, int64, str…), for descriptions. */
  readonly valueType?: string;
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

/** One per-row explanation output (CLI --contributions / --leaf / --extra). */
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
  /** Whether `score` takes a non-zero offset (see ModelBase); absent means it refuses one. */
  readonly acceptsOffset?: boolean;
  /**
   * Whether scoring changes the model: GLRM seeds row n of its life with seed + n, as the
   * reference does, so nothing may score a row the caller did not send (no example rows).
   */
  readonly stateful?: boolean;
  /**
   * Scores one encoded row (NaN = missing) into `out[0..outWidth)`. `offset` is the offset
   * column's value (0 when the model has none). Throws RowError when the reference runtime
   * would throw for this row. Must not allocate in the steady state.
   */
  score(raw: Float64Array, out: Float64Array, offset: number): void;
  /**
   * The explanation outputs this model has, by name: `contributions` (SHAP), `leaf` (leaf node
   * assignments) and any other named extra (e.g. 'leaf_node_ids', 'glrm_reconstruct', 'klime').
   * Empty when it has none; `explanation(model, name)` picks one.
   */
  readonly explanations: Readonly<Record<string, ExtraOutput>>;
  /**
   * For models whose inputs are whatever columns the caller sends (Word2Vec embeds every
   * string cell): the same model reading, and reporting under, these column names.
   */
  bindInputs?(columns: readonly string[]): Model;
}

/** Name of the SHAP contributions in `Model.explanations`. */
export const CONTRIBUTIONS = 'contributions';
/** Name of the leaf node assignments in `Model.explanations`. */
export const LEAF = 'leaf';
/** The explanations of a model that has none (shared, frozen). */
export const NO_EXPLANATIONS: Readonly<Record<string, ExtraOutput>> = Object.freeze({});

/** The one refusal of a non-zero offset (h2o-genmodel's GenModel.score0 default). */
export const OFFSET_UNSUPPORTED = '`offset` column is not supported';

/** Total float64 slots of an output layout. */
export function slotWidth(cols: readonly OutputColumn[]): number {
  let n = 0;
  for (const c of cols) n += c.kind === 'vector' ? c.size : 1;
  return n;
}

/**
 * The defaults every algorithm's model inherits, as h2o-genmodel's GenModel gives them: a
 * non-zero offset fails the row unless the model says it takes one (`acceptsOffset`), a model
 * the reference cannot score fails every row with its `loadError`, and `outWidth` follows from
 * `outputs`. Subclasses implement `scoreRow`.
 */
export abstract class ModelBase implements Model {
  abstract readonly header: MojoHeader;
  abstract readonly inputs: readonly InputColumn[];
  abstract readonly outputs: readonly OutputColumn[];
  readonly acceptsOffset: boolean = false;
  readonly stateful: boolean = false;
  readonly explanations: Readonly<Record<string, ExtraOutput>> = NO_EXPLANATIONS;
  /** Set while loading when the reference throws for every row of this MOJO: the row error. */
  protected loadError: string | null = null;
  #outWidth = -1;

  get outWidth(): number {
    if (this.#outWidth < 0) this.#outWidth = slotWidth(this.outputs);
    return this.#outWidth;
  }

  score(raw: Float64Array, out: Float64Array, offset: number): void {
    this.admit(offset);
    this.scoreRow(raw, out, offset);
  }

  /** Throws the error every row gets before the model's own code runs (offset refused, load error). */
  protected admit(offset: number): void {
    if (offset !== 0 && !this.acceptsOffset) throw new RowError(OFFSET_UNSUPPORTED);
    if (this.loadError !== null) throw new RowError(this.loadError);
  }

  /** The model's own scoring of an admitted row (same contract as `Model.score`). */
  protected abstract scoreRow(raw: Float64Array, out: Float64Array, offset: number): void;
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
