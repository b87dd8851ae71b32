/**
 * Single-output GLM (h2o-genmodel GlmMojoModel): eta = beta·x + intercept + offset, mean through
 * the inverse link. Binomial-type families (binomial, quasibinomial, fractionalbinomial) answer
 * a class (mean ≥ default threshold) and the two class probabilities; others the mean.
 */
import { MojoFormatError } from '../../errors.ts';
import type { MojoHeader } from '../../mojo/index.ts';
import { binomialOutputs, etaFunction, inverseLink, makeLayout, regressionOutputs } from '../common/index.ts';
import type { OutputColumn } from '../model.ts';
import { GlmBase } from './glm-base.ts';
import { tooManyTermsMessage, type GlmParams } from './params.ts';

const BINOMIAL_FAMILIES: ReadonlySet<string> = new Set(['binomial', 'quasibinomial', 'fractionalbinomial']);

export class GlmModel extends GlmBase {
  override readonly outputs: readonly OutputColumn[];
  /** The linear predictor without the offset (compiled for this model when code generation is on). */
  private readonly eta: (raw: Float64Array) => number;
  /** The inverse link, chosen once per model. */
  private readonly mean: (eta: number) => number;
  private readonly binomial: boolean;
  private readonly threshold: number;

  constructor(header: MojoHeader, p: GlmParams) {
    super(header, p);
    const origin = p.origin;
    const nbeta = p.beta.length;
    // The numeric block is whatever follows the one-hot block, up to the intercept.
    const numericTerms = nbeta - 1 - (p.catOffsets[p.cats] ?? 0);
    if (numericTerms < 0) throw new MojoFormatError(`${origin}: beta has ${nbeta} entries, fewer than the categorical block needs`);
    const layout = makeLayout(p.cats, p.catOffsets, p.useAllFactorLevels, numericTerms, origin, p.imputation);
    this.eta = etaFunction(layout, p.beta, nbeta - 1);
    this.mean = inverseLink(p.link!, p.tweediePower);
    this.binomial = BINOMIAL_FAMILIES.has(p.family);
    this.threshold = header.defaultThreshold;
    let broken: string | null = null;
    if (p.cats + numericTerms > header.nfeatures) broken = tooManyTermsMessage(origin, p.cats + numericTerms, header.nfeatures);
    if (this.binomial) {
      if (header.category !== 'Binomial') {
        broken = `${origin}: ${p.family} GLM with category ${header.category} writes class probabilities the reference has no room for`;
      }
      this.outputs = binomialOutputs(header);
    } else {
      this.outputs = regressionOutputs();
    }
    this.loadError = broken;
  }

  protected override scoreRow(raw: Float64Array, out: Float64Array, offset: number): void {
    const mu = this.mean(this.eta(raw) + offset);
    if (this.binomial) {
      out[0] = mu >= this.threshold ? 1 : 0;
      out[1] = 1.0 - mu;
      out[2] = mu;
    } else {
      out[0] = mu;
    }
  }
}
