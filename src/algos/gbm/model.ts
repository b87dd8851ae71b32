/**
 * H2O GBM MOJOs (GbmMojoModel): the trees' sum plus `init_f` (and the offset) through the
 * distribution's inverse link; bernoulli-like families give p1 from one tree per group,
 * multinomial a softmax over one tree per class (a two-class multinomial uses f and -f).
 */
import { MojoFormatError } from '../../errors.ts';
import type { MojoHeader, MojoSource } from '../../mojo/index.ts';
import type { ExtraOutput } from '../model.ts';
import { contributionsOutput, SupervisedTreeModel } from '../common/tree/index.ts';
import { cappedLinkInverse, type Link, linkNamed } from '../common/link.ts';
import { type Distribution, parseDistribution, parseLink } from './distribution.ts';

const BINOMIAL_FAMILIES: ReadonlySet<Distribution> = new Set(['bernoulli', 'quasibinomial', 'modified_huber']);
const KIND_REGRESSION = 0;
const KIND_BINOMIAL = 1;
const KIND_MULTINOMIAL = 2;

export class GbmModel extends SupervisedTreeModel {
  override readonly acceptsOffset = true;
  readonly contributions?: ExtraOutput;
  private readonly kind: number;
  private readonly link: Link;
  private readonly initF: number;

  constructor(h: MojoHeader, src: MojoSource) {
    super(h, src);
    const origin = src.origin;
    const e = this.ensemble;
    const family = parseDistribution(h.info.str('distribution'), origin);
    const link = parseLink(h.info.str('link_function'), family, origin);
    this.initF = h.info.num('init_f');
    this.kind = BINOMIAL_FAMILIES.has(family) ? KIND_BINOMIAL : family === 'multinomial' ? KIND_MULTINOMIAL : KIND_REGRESSION;
    if (this.kind === KIND_REGRESSION ? h.nclasses !== 1 : h.nclasses < 2 || (this.kind === KIND_BINOMIAL && h.nclasses !== 2)) {
      throw new MojoFormatError(`${origin}: distribution ${family} does not fit a model with ${h.nclasses} class(es)`);
    }
    if (this.kind === KIND_BINOMIAL && e.perGroup !== 1) throw new MojoFormatError(`${origin}: ${family} GBM must have one tree per group`);
    this.link = linkNamed(link);
    if (h.nclasses <= 2) this.contributions = contributionsOutput(e, h, this.initF);
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
