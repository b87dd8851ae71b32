/**
 * H2O Uplift DRF MOJOs (UpliftDrfMojoModel, category BinomialUplift): two trees per group, the
 * first estimating P(y=1 | treatment), the second P(y=1 | control); both are averaged over the
 * groups and uplift_predict is their difference.
 */
import { MojoFormatError } from '../../errors.ts';
import { type ExtraOutput, ModelBase, type OutputColumn, type ReaderContext } from '../model.ts';
import { featureInputs } from '../common/output-columns.ts';
import { leafOutputs, readTreeEnsemble, treeSum, type TreeSum } from '../common/tree/index.ts';

const OUTPUTS: OutputColumn[] = [
  { name: 'uplift_predict', kind: 'number' },
  { name: 'p_y1_with_treatment', kind: 'number' },
  { name: 'p_y1_without_treatment', kind: 'number' },
];

export class UpliftDrfModel extends ModelBase {
  override readonly inputs;
  override readonly outputs = OUTPUTS;
  readonly leafAssignments: ExtraOutput;
  readonly extras?: Readonly<Record<string, ExtraOutput>>;
  /** Per class: the sum of its trees over all groups. */
  private readonly sums: TreeSum[];
  private readonly groups: number;
  private readonly perGroup: number;

  constructor(
    override readonly header: ReaderContext['header'],
    ctx: ReaderContext,
  ) {
    super();
    const h = header;
    if (h.nclasses !== 2) throw new MojoFormatError(`${ctx.source.origin}: uplift DRF needs 2 classes, has ${h.nclasses}`);
    const e = readTreeEnsemble(ctx.source, h);
    this.sums = [];
    for (let c = 0; c < e.perGroup; c++) this.sums.push(treeSum(e.forest, c * e.groups, (c + 1) * e.groups));
    this.groups = e.groups;
    this.perGroup = e.perGroup;
    this.inputs = featureInputs(h);
    const leaf = leafOutputs(e);
    this.leafAssignments = leaf.paths;
    if (leaf.ids) this.extras = { leaf_node_ids: leaf.ids };
  }

  protected override scoreRow(raw: Float64Array, out: Float64Array): void {
    const g = this.groups;
    const treated = this.sums[0](raw) / g;
    const control = this.perGroup > 1 ? this.sums[1](raw) / g : 0;
    out[1] = treated;
    out[2] = control;
    out[0] = treated - control;
  }
}
