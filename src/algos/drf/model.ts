/**
 * H2O DRF MOJOs (DrfMojoModel; XRT is the same format): regression averages the trees; a
 * binomial forest's single tree per group votes p0 (p1 = 1 - p0); multinomial forests (and
 * binomial_double_trees) normalise the per-class sums.
 */
import type { MojoHeader } from '../../mojo/index.ts';
import type { ExtraOutput } from '../model.ts';
import { contributionsOutput, SupervisedTreeModel, type TreeEnsemble } from '../common/index.ts';

export class DrfModel extends SupervisedTreeModel {
  /**
   * `usedVariables`: variables with a non-zero importance (binomial SHAP needs it; null when the
   * MOJO does not record it).
   */
  constructor(
    h: MojoHeader,
    e: TreeEnsemble,
    private readonly doubleTrees: boolean,
    usedVariables: number | null,
  ) {
    super(h, e, doubleTrees ? undefined : drfContributions(h, e, usedVariables));
  }

  protected override scoreRow(raw: Float64Array, out: Float64Array): void {
    const g = this.groups;
    const k = this.k;
    if (k === 1) {
      out[0] = this.sums[0](raw) / g;
      return;
    }
    if (k === 2 && !this.doubleTrees) {
      out[1] = this.sums[0](raw) / g;
      out[2] = 1.0 - out[1];
    } else {
      for (let c = 1; c <= k; c++) out[c] = 0;
      for (let c = 0; c < this.perGroup; c++) out[1 + c] = this.sums[c](raw);
      let sum = 0;
      for (let c = 1; c <= k; c++) sum += out[c];
      if (sum > 0) for (let c = 1; c <= k; c++) out[c] /= sum;
    }
    this.decision!.finish(out, raw);
  }
}

/**
 * DRF contributions (ContributionsPredictorDRF): regression divides by the tree count; binomial
 * explains p0 → p1 as 1/(used variables + 1) - phi / trees. Needs the variable importances of
 * experimental/modelDetails.json, like the reference.
 */
function drfContributions(h: MojoHeader, e: TreeEnsemble, used: number | null): ExtraOutput | undefined {
  let ratio: number;
  let normalizer: number;
  if (h.category === 'Regression') {
    ratio = 0;
    normalizer = e.groups;
  } else if (h.category === 'Binomial') {
    if (used === null) return undefined;
    ratio = Math.fround(1 / (used + 1));
    normalizer = -e.groups;
  } else return undefined;
  const fr = Math.fround;
  return contributionsOutput(e, h, 0, (phi) => {
    for (let i = 0; i < phi.length; i++) if (phi[i] !== 0) phi[i] = fr(ratio + fr(phi[i] / normalizer));
  });
}
