/**
 * The base of every H2O shared-tree model (GBM, DRF, Isolation Forest, Uplift DRF): the decoded
 * ensemble, one summing function per class (its trees over all groups, compiled through
 * compileOrInterpret) and the leaf-assignment outputs. Subclasses add their outputs and scoring.
 */
import type { MojoHeader, MojoSource } from '../../../mojo/index.ts';
import { type ExtraOutput, type InputColumn, ModelBase } from '../../model.ts';
import { featureInputs } from '../output-columns.ts';
import { treeSum, type TreeSum } from './tree-codegen.ts';
import { leafOutputs, readTreeEnsemble, type TreeEnsemble } from './tree-mojo.ts';

export abstract class TreeModelBase extends ModelBase {
  override readonly inputs: readonly InputColumn[];
  readonly leafAssignments: ExtraOutput;
  /** `leaf_node_ids`, when the MOJO records node ids. */
  readonly extras?: Readonly<Record<string, ExtraOutput>>;
  protected readonly ensemble: TreeEnsemble;
  /** Per class: the sum of its trees over all groups. */
  protected readonly sums: TreeSum[];
  /** `n_trees`: boosting iterations / forest size. */
  protected readonly groups: number;
  /** Trees per group. */
  protected readonly perGroup: number;

  constructor(
    override readonly header: MojoHeader,
    src: MojoSource,
  ) {
    super();
    const e = readTreeEnsemble(src, header);
    this.ensemble = e;
    this.groups = e.groups;
    this.perGroup = e.perGroup;
    this.sums = [];
    for (let c = 0; c < e.perGroup; c++) this.sums.push(treeSum(e.forest, c * e.groups, (c + 1) * e.groups));
    const leaf = leafOutputs(e);
    this.leafAssignments = leaf.paths;
    if (leaf.ids) this.extras = { leaf_node_ids: leaf.ids };
    this.inputs = featureInputs(header);
  }
}
