/**
 * H2O Uplift DRF MOJOs (UpliftDrfMojoModel, category BinomialUplift): two trees per group, the
 * first estimating P(y=1 | treatment), the second P(y=1 | control); both are averaged over the
 * groups and uplift_predict is their difference.
 */
import type { OutputColumn } from '../model.ts';
import { TreeModelBase } from '../common/index.ts';

const OUTPUTS: OutputColumn[] = [
  { name: 'uplift_predict', kind: 'number' },
  { name: 'p_y1_with_treatment', kind: 'number' },
  { name: 'p_y1_without_treatment', kind: 'number' },
];

export class UpliftDrfModel extends TreeModelBase {
  override readonly outputs = OUTPUTS;

  protected override scoreRow(raw: Float64Array, out: Float64Array): void {
    const g = this.groups;
    const treated = this.sums[0](raw) / g;
    const control = this.perGroup > 1 ? this.sums[1](raw) / g : 0;
    out[1] = treated;
    out[2] = control;
    out[0] = treated - control;
  }
}
