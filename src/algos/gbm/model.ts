/**
 * H2O GBM MOJOs (GbmMojoModel): the trees' sum plus `init_f` (and the offset) through the
 * distribution's inverse link; bernoulli-like families give p1 from one tree per group,
 * multinomial a softmax over one tree per class (a two-class multinomial uses f and -f).
 */
import type { MojoHeader } from '../../mojo/index.ts';
import { cappedLinkInverse, contributionsOutput, type Link, SupervisedTreeModel, type TreeEnsemble } from '../common/index.ts';
import { type GbmParams, KIND_BINOMIAL, KIND_REGRESSION } from './params.ts';

export class GbmModel extends SupervisedTreeModel {
  override readonly acceptsOffset = true;
  private readonly kind: number;
  private readonly link: Link;
  private readonly initF: number;

  constructor(h: MojoHeader, e: TreeEnsemble, p: GbmParams) {
    super(h, e, h.nclasses <= 2 ? contributionsOutput(e, h, p.initF) : undefined);
    this.kind = p.kind;
    this.link = p.link;
    this.initF = p.initF;
  }

  protected override scoreRow(raw: Float64Array, out: Float64Array, offset: number): void {
    if (this.kind === KIND_REGRESSION) {
      out[0] = cappedLinkInverse(this.link, this.sums[0](raw) + this.initF + offset);
      return;
    }
    const k = this.k;
    if (this.kind === KIND_BINOMIAL) {
      const p1 = cappedLinkInverse(this.link, this.sums[0](raw) + this.initF + offset);
      out[2] = p1;
      out[1] = 1.0 - p1;
    } else {
      for (let c = 1; c <= k; c++) out[c] = 0;
      for (let c = 0; c < this.perGroup; c++) out[1 + c] = this.sums[c](raw);
      if (k === 2 && this.perGroup === 1) {
        out[1] += this.initF + offset;
        out[2] = -out[1];
      }
      let max = -Infinity;
      for (let c = 1; c <= k; c++) max = Math.max(max, out[c]);
      let sum = 0;
      for (let c = 1; c <= k; c++) sum += out[c] = Math.exp(out[c] - max);
      for (let c = 1; c <= k; c++) out[c] /= sum;
    }
    this.decision!.finish(out, raw);
  }
}
