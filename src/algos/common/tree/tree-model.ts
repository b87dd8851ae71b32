/**
 * The base of every H2O shared-tree model (GBM, DRF, Isolation Forest, Uplift DRF): the decoded
 * ensemble, one summing function per class (its trees over all groups, compiled through
 * compileOrInterpret) and the leaf-assignment outputs; SupervisedTreeModel adds the prediction
 * layout and class decision GBM and DRF share. Subclasses add their scoring.
 */
import type { MojoHeader, MojoSource } from '../../../mojo/index.ts';
import { type ExtraOutput, type InputColumn, ModelBase, type OutputColumn } from '../../model.ts';
import { ClassDecision, treeOutputs } from './class-outputs.ts';
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

/**
 * A supervised tree model (GBM, DRF): h2o's prediction layout (predict + class probabilities,
 * cal_* when calibrated) and, for classifiers, the class decision that finishes each row.
 */
export abstract class SupervisedTreeModel extends TreeModelBase {
  override readonly outputs: OutputColumn[];
  /** Number of classes (1 for regression). */
  protected readonly k: number;
  protected readonly decision: ClassDecision | null;

  constructor(header: MojoHeader, src: MojoSource) {
    super(header, src);
    const e = this.ensemble;
    this.k = header.nclasses;
    this.outputs = treeOutputs(header, e.calibration !== null);
    this.decision = header.nclasses >= 2 ? new ClassDecision(header, e.calibration) : null;
  }
}
