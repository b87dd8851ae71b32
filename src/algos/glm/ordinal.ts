/**
 * Ordinal GLM (h2o-genmodel GlmOrdinalMojoModel): nclasses-1 cumulative logits, each with its
 * own block of P coefficients and intercept; class probabilities are successive differences of
 * the logistic CDF, the last class takes the remainder. The label is the first class with the
 * strictly largest probability above 0; when none is (NaN, or all ≤ 0) the reference indexes the
 * domain with -1 and fails, so the row is an error.
 */
import { RowError } from '../../errors.ts';
import { logistic } from '../common/index.ts';
import { ClassBlockGlm } from './multinomial.ts';

export class GlmOrdinalModel extends ClassBlockGlm {
  protected override scoreRow(raw: Float64Array, out: Float64Array, offset: number): void {
    const K = this.nclasses;
    const last = K - 1;
    this.etas(raw, out, last);
    let prev = 0.0;
    for (let c = 0; c < last; c++) {
      const cdf = logistic(out[c + 1] + offset);
      out[c + 1] = cdf - prev;
      prev = cdf;
    }
    out[K] = 1 - prev;
    let best = 0;
    let label = -1;
    for (let c = 1; c <= K; c++) {
      if (out[c] > best) {
        best = out[c];
        label = c - 1;
      }
    }
    if (label < 0) throw new RowError('ordinal GLM: no class has a positive probability (the reference fails with index -1)');
    out[0] = label;
  }
}
