/**
 * Stacked Ensemble scoring (h2o-genmodel StackedEnsembleMojoModel). Each base model scores the
 * row (remapped to its own columns); its prediction fills the metalearner's input row:
 * - regression: one value per base model (its prediction);
 * - binomial: one value per base model (its probability of the second class);
 * - multinomial: `nclasses` values per base model (its class probabilities).
 * Slots of base models the metalearner dropped stay 0. With the `Logit` transform every slot —
 * unused ones included, as the reference does — becomes logit(clamp(p, 1e-9, 1 - 1e-9)),
 * floored at -19. The metalearner's prediction is the ensemble's.
 */
import { MojoFormatError } from '../../errors.ts';
import type { MojoHeader } from '../../mojo/index.ts';
import { type InputColumn, type Model, ModelBase, type OutputColumn } from '../model.ts';
import {
  classColumnName,
  classifierOutputs,
  NUMERIC_BINOMIAL_LEVELS,
  regressionOutputs,
  responseLevels,
  type RowMapper,
} from '../common/index.ts';

export const enum EnsembleKind {
  Regression = 0,
  Binomial = 1,
  Multinomial = 2,
}

/** One base model in use: where it sits among the metalearner's inputs and its buffers. */
export interface BaseModel {
  readonly slot: number;
  readonly model: Model;
  readonly mapper: RowMapper;
}

const P_MIN = 1e-9;
const P_MAX = 1 - 1e-9;
const LOGIT_FLOOR = -19;

/** The metalearner transform: log-odds of a clamped probability, floored at -19. */
export function logitOfProbability(p: number): number {
  const q = Math.min(P_MAX, Math.max(p, P_MIN));
  const x = q / (1 - q);
  return x === 0 ? LOGIT_FLOOR : Math.max(LOGIT_FLOOR, Math.log(x));
}

/** The ensemble's prediction layout (the metalearner's binomial levels when the MOJO has no response domain). */
function ensembleOutputs(h: MojoHeader, kind: EnsembleKind, meta: Model): OutputColumn[] {
  if (kind === EnsembleKind.Regression) return regressionOutputs();
  if (responseLevels(h) !== null) return classifierOutputs(h);
  if (h.nclasses !== 2) throw new MojoFormatError(`${h.algo}: ${h.nclasses}-class ensemble has no response domain`);
  // No reference column names exist here (h2o's getOutputNames fails); p0/p1 as for integer labels.
  const first = meta.outputs[0];
  const levels = first?.kind === 'label' && first.domain.length === 2 ? first.domain : NUMERIC_BINOMIAL_LEVELS;
  const cols: OutputColumn[] = [{ name: 'predict', kind: 'label', domain: levels }];
  for (const l of levels) cols.push({ name: classColumnName(l), kind: 'number' });
  return cols;
}

export class StackedEnsembleModel extends ModelBase {
  override readonly outputs: readonly OutputColumn[];
  private readonly n: number;
  private readonly models: Model[];
  private readonly mappers: RowMapper[];
  /** Per base model: its remapped row, or null when the mapping is the identity. */
  private readonly rows: (Float64Array | null)[];
  private readonly outs: Float64Array[];
  private readonly slots: Int32Array;
  /** Metalearner input row (all slots, including those of unused base models). */
  private readonly basePreds: Float64Array;
  private readonly metaRow: Float64Array;
  private readonly metaOut: Float64Array;

  constructor(
    override readonly header: MojoHeader,
    override readonly inputs: readonly InputColumn[],
    private readonly kind: EnsembleKind,
    private readonly nclasses: number,
    baseModelNum: number,
    bases: readonly BaseModel[],
    private readonly metalearner: Model,
    private readonly logit: boolean,
  ) {
    super();
    this.outputs = ensembleOutputs(header, kind, metalearner);
    const outWidth = this.outWidth;
    const per = kind === EnsembleKind.Multinomial ? nclasses : 1;
    const need = kind === EnsembleKind.Regression ? 1 : kind === EnsembleKind.Binomial ? 3 : nclasses + 1;
    this.basePreds = new Float64Array(baseModelNum * per);
    if (metalearner.inputs.length > this.basePreds.length) {
      throw new MojoFormatError(
        `${header.algo}: the metalearner reads ${metalearner.inputs.length} columns but ${baseModelNum} base model(s) give ${this.basePreds.length}`,
      );
    }
    if (metalearner.outWidth < outWidth)
      throw new MojoFormatError(`${header.algo}: the metalearner writes ${metalearner.outWidth} value(s), the ensemble needs ${outWidth}`);
    // The reference hands the metalearner the whole slot array; it reads the leading columns.
    this.metaRow = this.basePreds.subarray(0, metalearner.inputs.length);
    this.metaOut = new Float64Array(metalearner.outWidth);
    this.n = bases.length;
    this.models = bases.map((b) => b.model);
    this.mappers = bases.map((b) => b.mapper);
    // A base model whose columns are the ensemble's own, in order, reads the ensemble's row as is.
    this.rows = bases.map((b) => (b.mapper.identity ? null : new Float64Array(b.mapper.width)));
    this.outs = bases.map((b) => {
      if (b.model.outWidth < need)
        throw new MojoFormatError(`${header.algo}: base model ${b.slot} writes ${b.model.outWidth} value(s), the ensemble reads ${need}`);
      return new Float64Array(b.model.outWidth);
    });
    this.slots = Int32Array.from(bases.map((b) => b.slot));
    for (const s of this.slots)
      if (s < 0 || s >= baseModelNum) throw new MojoFormatError(`${header.algo}: base model slot ${s} is out of range`);
  }

  protected override scoreRow(raw: Float64Array, out: Float64Array): void {
    const bp = this.basePreds;
    const n = this.n;
    const kind = this.kind;
    // Slots of unused base models must read 0 before the transform, every row.
    if (this.logit) bp.fill(0);
    for (let i = 0; i < n; i++) {
      let row = this.rows[i];
      if (row === null) row = raw;
      else this.mappers[i].map(raw, row);
      const o = this.outs[i];
      this.models[i].score(row, o, 0);
      const s = this.slots[i];
      if (kind === EnsembleKind.Binomial) bp[s] = o[2];
      else if (kind === EnsembleKind.Regression) bp[s] = o[0];
      else {
        const k = this.nclasses;
        const b = s * k;
        for (let j = 0; j < k; j++) bp[b + j] = o[j + 1];
      }
    }
    if (this.logit && kind !== EnsembleKind.Regression) {
      for (let i = 0; i < bp.length; i++) bp[i] = logitOfProbability(bp[i]);
    }
    const mo = this.metaOut;
    this.metalearner.score(this.metaRow, mo, 0);
    const w = this.outWidth;
    for (let j = 0; j < w; j++) out[j] = mo[j];
  }
}
