/**
 * MOJO pipeline scoring (h2o-genmodel MojoPipeline): every sub-model scores the row (mapped to
 * its own columns); chosen slots of their predictions become the "generated" columns of the
 * main model's row, whose other columns come from the pipeline's row by name. The main model's
 * prediction is the pipeline's.
 */
import { RowError } from '../../errors.ts';
import type { MojoHeader } from '../../mojo/index.ts';
import type { RowMapper } from '../common/index.ts';
import { type InputColumn, type Model, ModelBase, type OutputColumn } from '../model.ts';

/** A sub-model feeding the main model. */
export interface PipelineStage {
  readonly model: Model;
  readonly mapper: RowMapper;
  /** Prediction slots read from the sub-model … */
  readonly fromSlots: Int32Array;
  /** … and the main-model columns they fill. */
  readonly toColumns: Int32Array;
  /** Per generated column: its level count when the main model reads it as categorical, else 0. */
  readonly levelCounts: Int32Array;
  readonly names: readonly string[];
}

export class PipelineModel extends ModelBase {
  private readonly n: number;
  private readonly rows: Float64Array[];
  private readonly outs: Float64Array[];
  private readonly mainRow: Float64Array;

  constructor(
    override readonly header: MojoHeader,
    override readonly inputs: readonly InputColumn[],
    private readonly main: Model,
    /** Main-model columns taken from the pipeline row; generated columns are filled by stages. */
    private readonly direct: RowMapper,
    private readonly directTargets: Int32Array,
    private readonly stages: readonly PipelineStage[],
  ) {
    super();
    this.n = stages.length;
    this.rows = stages.map((s) => new Float64Array(s.mapper.width));
    this.outs = stages.map((s) => new Float64Array(s.model.outWidth));
    this.mainRow = new Float64Array(main.inputs.length);
    this.directScratch = new Float64Array(direct.width);
  }

  private readonly directScratch: Float64Array;

  override get outputs(): readonly OutputColumn[] {
    return this.main.outputs;
  }

  protected override scoreRow(raw: Float64Array, out: Float64Array): void {
    const mainRow = this.mainRow;
    const ds = this.directScratch;
    this.direct.map(raw, ds);
    const dt = this.directTargets;
    for (let j = 0; j < dt.length; j++) mainRow[dt[j]] = ds[j];
    for (let i = 0; i < this.n; i++) {
      const st = this.stages[i];
      const row = this.rows[i];
      const o = this.outs[i];
      st.mapper.map(raw, row);
      st.model.score(row, o, 0);
      const from = st.fromSlots;
      const to = st.toColumns;
      const lc = st.levelCounts;
      for (let j = 0; j < from.length; j++) {
        const v = o[from[j]];
        // A categorical generated column must hold a level index (the reference then indexes
        // the main model's coefficients / splits with it and fails on a negative one).
        if (lc[j] > 0 && v === v && !(v >= 0 && v === Math.floor(v))) {
          throw new RowError(
            `pipeline: sub-model output ${v} for categorical column '${st.names[j]}' is not a level index (index ${v} out of bounds for ${lc[j]} levels)`,
          );
        }
        mainRow[to[j]] = v;
      }
    }
    this.main.score(mainRow, out, 0);
  }
}
