/**
 * Builds the row a GAM's coefficients apply to: the features as given, with the expanded
 * (centred) spline columns computed from the gam source columns — unless the caller already
 * supplied any expanded value, in which case the row is used as is (GamMojoModelBase's
 * addExpandGamCols). A term whose source is missing leaves its slots NaN. Mean imputation of the
 * plain features follows, as in score0.
 */
import { RowError } from '../../errors.ts';
import { imputeInto, type Imputation } from '../common/index.ts';
import type { GamTerm } from './term.ts';

export class GamExpander {
  readonly row: Float64Array;
  private readonly x: Float64Array;

  constructor(
    private readonly nfeatures: number,
    private readonly gamStart: number,
    private readonly terms: readonly GamTerm[],
    private readonly imputation: Imputation | null,
  ) {
    this.row = new Float64Array(nfeatures);
    let most = 1;
    for (const t of terms) most = Math.max(most, t.sources.length);
    this.x = new Float64Array(most);
  }

  /** Fills and returns `row` for the input row `raw`. */
  expand(raw: Float64Array): Float64Array {
    const row = this.row;
    const nf = this.nfeatures;
    const start = this.gamStart;
    let given = false;
    for (let i = start; i < nf; i++) {
      if (raw[i] === raw[i]) {
        given = true;
        break;
      }
    }
    if (given) {
      for (let i = 0; i < nf; i++) row[i] = raw[i];
    } else {
      for (let i = 0; i < start; i++) row[i] = raw[i];
      for (let i = start; i < nf; i++) row[i] = NaN;
      const terms = this.terms;
      const x = this.x;
      for (let t = 0; t < terms.length; t++) {
        const term = terms[t];
        const s = term.sources;
        let present = true;
        for (let k = 0; k < s.length; k++) {
          const v = raw[s[k]];
          if (v !== v) {
            present = false;
            break;
          }
          x[k] = v;
        }
        if (!present) continue;
        if (term.fault !== null) throw new RowError(term.fault);
        term.write(x, row);
      }
    }
    if (this.imputation !== null) imputeInto(this.imputation, row, row);
    return row;
  }
}
