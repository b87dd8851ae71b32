/**
 * k-LIME scoring (h2o-genmodel KLimeMojoModel): a k-means model picks the row's cluster; that
 * cluster's GLM (or the global GLM when the cluster has none) gives the prediction, and its
 * per-column terms are the reason codes. A cluster index outside the table — k-means answers
 * -1 when no centre is at a finite distance — fails the row, as in the reference.
 */
import { RowError } from '../../errors.ts';
import type { MojoHeader } from '../../mojo/index.ts';
import type { RowMapper } from '../common/index.ts';
import { type ExtraOutput, type InputColumn, type Model, ModelBase, type OutputColumn } from '../model.ts';
import type { GlmTerms } from './coefficients.ts';

export interface LocalModel {
  readonly model: Model;
  readonly mapper: RowMapper;
  readonly terms: GlmTerms;
}

export class KLimeModel extends ModelBase {
  override readonly outputs: readonly OutputColumn[] = [{ name: 'predict', kind: 'number' }];
  override readonly explanations: Readonly<Record<string, ExtraOutput>>;
  private readonly kmRow: Float64Array;
  private readonly kmOut: Float64Array;
  /** Per distinct GLM: its row and output buffers. */
  private readonly rows: Float64Array[];
  private readonly outs: Float64Array[];
  /** Per cluster: index into `locals`. */
  private readonly byCluster: Int32Array;
  private readonly reasons: Float64Array;

  constructor(
    override readonly header: MojoHeader,
    override readonly inputs: readonly InputColumn[],
    private readonly clustering: Model,
    private readonly kmMapper: RowMapper,
    private readonly locals: readonly LocalModel[],
    byCluster: readonly number[],
  ) {
    super();
    this.kmRow = new Float64Array(kmMapper.width);
    this.kmOut = new Float64Array(clustering.outWidth);
    this.rows = locals.map((l) => new Float64Array(l.mapper.width));
    this.outs = locals.map((l) => new Float64Array(l.model.outWidth));
    this.byCluster = Int32Array.from(byCluster);
    this.reasons = new Float64Array(inputs.length);
    const names = ['predict', 'cluster', ...inputs.map((c) => `rc_${c.name}`)];
    this.explanations = { klime: { names, compute: (raw, offset) => this.explain(raw, offset) } };
  }

  /** Scores the row with its cluster's GLM; returns the index into `locals`. */
  private run(raw: Float64Array, offset: number): number {
    this.admit(offset);
    this.kmMapper.map(raw, this.kmRow);
    this.clustering.score(this.kmRow, this.kmOut, 0);
    const c = this.kmOut[0];
    const k = this.byCluster.length;
    if (!(c >= 0 && c < k)) {
      throw new RowError(
        `k-LIME: the clustering model assigned no usable cluster (index ${Number.isNaN(c) ? 'NaN' : Math.trunc(c)} out of bounds for ${k} clusters)`,
      );
    }
    const li = this.byCluster[c | 0];
    const l = this.locals[li];
    l.mapper.map(raw, this.rows[li]);
    l.model.score(this.rows[li], this.outs[li], 0);
    return li;
  }

  protected override scoreRow(raw: Float64Array, out: Float64Array, offset: number): void {
    out[0] = this.outs[this.run(raw, offset)][0];
  }

  /** predict, cluster, then one reason code per input column (NaN where the GLM has no term). */
  private explain(raw: Float64Array, offset: number): number[] {
    const li = this.run(raw, offset);
    const rc = this.reasons;
    rc.fill(NaN);
    this.locals[li].terms.apply(this.rows[li], rc, 0);
    const res = [this.outs[li][0], this.kmOut[0] | 0];
    for (let i = 0; i < rc.length; i++) res.push(rc[i]);
    return res;
  }
}
