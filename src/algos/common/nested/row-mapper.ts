/**
 * Maps one model's raw row onto a nested model's raw row by column name. h2o's multi-model
 * MOJOs (stacked ensembles, pipelines, k-LIME) hand each nested model the parent's values in
 * the nested model's own column order. Categorical levels are matched by string once, at load,
 * into a flat remap table, so a nested model whose domain lists levels differently (or lacks
 * some) still sees its own level indices; a level it never saw becomes missing.
 */
import { MojoFormatError } from '../../../errors.ts';
import type { InputColumn } from '../../model.ts';

/** No level table for this column: the value is copied as is. */
const PASS = -1;
/** Entry of a level table for a parent level the nested model does not know. */
const UNKNOWN_LEVEL = -1;

export class RowMapper {
  /** Number of nested-model columns written by `map`. */
  readonly width: number;
  /** Parent column index per nested column. */
  private readonly src: Int32Array;
  /** Start of the column's level table in `levels`, or PASS. */
  private readonly base: Int32Array;
  /** Length of the column's level table (parent domain size). */
  private readonly count: Int32Array;
  private readonly levels: Int32Array;
  /** True when every column is copied unchanged from the same position. */
  readonly identity: boolean;

  private constructor(src: Int32Array, base: Int32Array, count: Int32Array, levels: Int32Array, identity: boolean) {
    this.width = src.length;
    this.src = src;
    this.base = base;
    this.count = count;
    this.levels = levels;
    this.identity = identity;
  }

  /**
   * Builds the mapping of `parent` columns onto `target` columns (both in raw-row order).
   * `what` names the nested model in messages. A target column missing from the parent is a
   * corrupt artifact (h2o refuses to load it too).
   */
  static build(parent: readonly InputColumn[], target: readonly InputColumn[], what: string): RowMapper {
    const byName = new Map<string, number>();
    for (let i = 0; i < parent.length; i++) if (!byName.has(parent[i].name)) byName.set(parent[i].name, i);
    const n = target.length;
    const src = new Int32Array(n);
    const base = new Int32Array(n).fill(PASS);
    const count = new Int32Array(n);
    const table: number[] = [];
    let identity = n === parent.length;
    for (let j = 0; j < n; j++) {
      const t = target[j];
      const i = byName.get(t.name);
      if (i === undefined) throw new MojoFormatError(`${what} reads column '${t.name}', which the enclosing model does not have`);
      src[j] = i;
      if (i !== j) identity = false;
      const pd = parent[i].domain;
      const td = t.domain;
      // Numeric on either side: the value (a level index or a number) is passed as is, as h2o does.
      if (pd === null || td === null || sameLevels(pd, td)) continue;
      identity = false;
      const pos = new Map<string, number>();
      for (let k = 0; k < td.length; k++) if (!pos.has(td[k])) pos.set(td[k], k);
      base[j] = table.length;
      count[j] = pd.length;
      for (const level of pd) table.push(pos.get(level) ?? UNKNOWN_LEVEL);
    }
    return new RowMapper(src, base, count, Int32Array.from(table), identity);
  }

  /** Writes the nested model's raw row into `dst` (length `width`). */
  map(raw: Float64Array, dst: Float64Array): void {
    const n = this.width;
    const src = this.src;
    const base = this.base;
    for (let j = 0; j < n; j++) {
      let v = raw[src[j]];
      const b = base[j];
      if (b !== PASS && v === v) {
        // Encoded levels are whole numbers in [0, count); anything else is left for the model to judge.
        if (v >= 0 && v < this.count[j] && v === Math.floor(v)) {
          const t = this.levels[b + v];
          v = t === UNKNOWN_LEVEL ? NaN : t;
        }
      }
      dst[j] = v;
    }
  }
}

function sameLevels(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
