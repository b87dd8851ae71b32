/**
 * H2O GBM MOJOs (GbmMojoModel): the trees' sum plus `init_f` (and the offset) through the
 * distribution's inverse link; bernoulli-like families give p1 from one tree per group,
 * multinomial a softmax over one tree per class (a two-class multinomial uses f and -f).
 */
import { MojoFormatError } from '../../errors.ts';
import { type ExtraOutput, ModelBase, type OutputColumn, type ReaderContext } from '../model.ts';
import { featureInputs } from '../common/output-columns.ts';
import {
  ClassDecision,
  contributionsOutput,
  LINK_CODE,
  linkInv,
  parseDistribution,
  parseLink,
  readTreeModel,
  treeOutputs,
  type TreeSum,
  type Distribution,
} from '../common/tree/index.ts';

const BINOMIAL_FAMILIES: ReadonlySet<Distribution> = new Set(['bernoulli', 'quasibinomial', 'modified_huber']);
const KIND_REGRESSION = 0;
const KIND_BINOMIAL = 1;
const KIND_MULTINOMIAL = 2;

export class GbmModel extends ModelBase {
  override readonly acceptsOffset = true;
  override readonly inputs;
  override readonly outputs: OutputColumn[];
  readonly contributions?: ExtraOutput;
  readonly leafAssignments: ExtraOutput;
  readonly extras?: Readonly<Record<string, ExtraOutput>>;
  /** Per class: the sum of its trees over all groups. */
  private readonly sums: TreeSum[];
  private readonly groups: number;
  private readonly perGroup: number;
  private readonly kind: number;
  private readonly link: number;
  private readonly initF: number;
  private readonly k: number;
  private readonly decision: ClassDecision | null;

  constructor(
    override readonly header: ReaderContext['header'],
    ctx: ReaderContext,
  ) {
    super();
    const h = header;
    const origin = ctx.source.origin;
    const t = readTreeModel(ctx.source, h);
    const e = t.ensemble;
    this.sums = t.sums;
    this.leafAssignments = t.leafAssignments;
    this.extras = t.extras;
    const family = parseDistribution(h.info.str('distribution'), origin);
    const link = parseLink(h.info.str('link_function'), family, origin);
    this.initF = h.info.num('init_f');
    this.kind = BINOMIAL_FAMILIES.has(family) ? KIND_BINOMIAL : family === 'multinomial' ? KIND_MULTINOMIAL : KIND_REGRESSION;
    this.k = h.nclasses;
    if (this.kind === KIND_REGRESSION ? h.nclasses !== 1 : h.nclasses < 2 || (this.kind === KIND_BINOMIAL && h.nclasses !== 2)) {
      throw new MojoFormatError(`${origin}: distribution ${family} does not fit a model with ${h.nclasses} class(es)`);
    }
    if (this.kind === KIND_BINOMIAL && e.perGroup !== 1) throw new MojoFormatError(`${origin}: ${family} GBM must have one tree per group`);
    this.groups = e.groups;
    this.perGroup = e.perGroup;
    this.link = LINK_CODE[link];
    this.inputs = featureInputs(h);
    this.outputs = treeOutputs(h, e.calibration !== null);
    this.decision = h.nclasses >= 2 ? new ClassDecision(h, e.calibration) : null;
    if (h.nclasses <= 2) this.contributions = contributionsOutput(e, h, this.initF);
  }

  protected override scoreRow(raw: Float64Array, out: Float64Array, offset: number): void {
    if (this.kind === KIND_REGRESSION) {
      out[0] = linkInv(this.link, this.sums[0](raw) + this.initF + offset);
      return;
    }
    const k = this.k;
    if (this.kind === KIND_BINOMIAL) {
      const p1 = linkInv(this.link, this.sums[0](raw) + this.initF + offset);
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
