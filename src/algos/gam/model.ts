/**
 * GAM evaluators (h2o-genmodel GamMojoModel / GamMojoMultinomialModel): the GLM linear
 * predictor over the expanded row with the centred coefficients. Single-output families answer
 * the mean through the link (binomial-type: class + two probabilities); multinomial uses the
 * softmax, ordinal cumulative logits. The reference has no offset support (ModelBase refuses one).
 */
import { MojoFormatError } from '../../errors.ts';
import type { MojoHeader } from '../../mojo/index.ts';
import {
  BadLevel,
  binomialOutputs,
  classifierOutputs,
  eta,
  type LinearLayout,
  inverseLink,
  Link,
  logistic,
  makeLayout,
  regressionOutputs,
  softmax,
} from '../common/index.ts';
import { type InputColumn, ModelBase, type OutputColumn } from '../model.ts';
import type { GamLayout } from './build.ts';
import { GamExpander } from './expand.ts';
import type { GamParams } from './params.ts';

const CLASSIFIER_FAMILIES: ReadonlySet<string> = new Set(['bernoulli', 'quasibinomial', 'fractionalbinomial']);

/** Coefficient layout of one class block; `broken` when the block reaches past the feature row. */
function coefficientLayout(h: MojoHeader, p: GamParams): { layout: LinearLayout; broken: string | null } {
  const numeric = p.perClass - 1 - (p.catOffsets[p.cats] ?? 0);
  if (numeric < 0)
    throw new MojoFormatError(`${p.origin}: ${p.perClass} coefficients per class are fewer than the categorical block needs`);
  const layout = makeLayout(p.cats, p.catOffsets, p.useAllFactorLevels, numeric, p.origin);
  const broken =
    p.cats + numeric > h.nfeatures
      ? `${p.origin}: the GAM coefficients reference ${p.cats + numeric} columns but the row has ${h.nfeatures} (the reference fails too)`
      : null;
  return { layout, broken };
}

abstract class GamBase extends ModelBase {
  override readonly inputs: readonly InputColumn[];
  abstract override readonly outputs: readonly OutputColumn[];
  protected readonly layout: LinearLayout;
  protected readonly beta: Float64Array;
  protected readonly expander: GamExpander;

  constructor(
    override readonly header: MojoHeader,
    p: GamParams,
    g: GamLayout,
  ) {
    super();
    const c = coefficientLayout(header, p);
    this.layout = c.layout;
    this.loadError = c.broken;
    this.beta = p.beta;
    this.inputs = g.inputs;
    this.expander = new GamExpander(header.nfeatures, p.gamStart, g.terms, p.imputation);
  }

  protected override scoreRow(raw: Float64Array, out: Float64Array): void {
    this.predict(this.expander.expand(raw), out);
  }

  protected abstract predict(row: Float64Array, out: Float64Array): void;
}

export class GamModel extends GamBase {
  override readonly outputs: readonly OutputColumn[];
  /** The inverse link, chosen once per model. */
  private readonly mean: (eta: number) => number;
  private readonly classifier: boolean;
  private readonly threshold: number;

  constructor(header: MojoHeader, p: GamParams, g: GamLayout) {
    super(header, p, g);
    if (p.singleLink === null) {
      this.loadError ??= `${p.origin}: link '${p.link}' is not supported for family ${p.family} (the reference throws)`;
      this.mean = inverseLink(Link.Identity, p.tweediePower);
    } else {
      this.mean = inverseLink(p.singleLink, p.tweediePower);
    }
    this.classifier = CLASSIFIER_FAMILIES.has(p.family);
    this.threshold = header.defaultThreshold;
    if (this.classifier) {
      if (header.category !== 'Binomial')
        this.loadError ??= `${p.origin}: ${p.family} GAM with category ${header.category} writes class probabilities the reference has no room for`;
      this.outputs = binomialOutputs(header);
    } else {
      this.outputs = regressionOutputs();
    }
  }

  protected predict(row: Float64Array, out: Float64Array): void {
    const beta = this.beta;
    const mu = this.mean(eta(this.layout, beta, 0, beta.length - 1, row, BadLevel.Truncate));
    if (this.classifier) {
      out[0] = mu >= this.threshold ? 1 : 0;
      out[1] = 1.0 - mu;
      out[2] = mu;
    } else {
      out[0] = mu;
    }
  }
}

export class GamMultinomialModel extends GamBase {
  override readonly outputs: readonly OutputColumn[];
  private readonly nclasses: number;
  private readonly perClass: number;
  private readonly ordinal: boolean;

  constructor(header: MojoHeader, p: GamParams, g: GamLayout) {
    super(header, p, g);
    this.nclasses = header.nclasses;
    this.perClass = p.perClass;
    this.ordinal = p.family === 'ordinal';
    this.outputs = classifierOutputs(header);
    if (this.outWidth !== this.nclasses + 1)
      throw new MojoFormatError(`${p.origin}: response domain does not have n_classes = ${this.nclasses} levels`);
  }

  protected predict(row: Float64Array, out: Float64Array): void {
    const K = this.nclasses;
    const P = this.perClass;
    const beta = this.beta;
    for (let c = 0; c < K; c++) out[c + 1] = eta(this.layout, beta, c * P, c * P + P - 1, row, BadLevel.Truncate);
    if (this.ordinal) ordinalProbabilities(out, K);
    else softmax(out, K);
  }
}

/** Cumulative-logit class probabilities; the label is the first class whose logit is positive, else the last. */
function ordinalProbabilities(out: Float64Array, K: number): void {
  const last = K - 1;
  let label = last;
  let prev = 0.0;
  for (let c = 0; c < last; c++) {
    const e = out[c + 1];
    const cdf = logistic(e);
    out[c + 1] = cdf - prev;
    prev = cdf;
    if (e > 0 && label === last) label = c;
  }
  out[K] = 1 - prev;
  out[0] = label;
}
