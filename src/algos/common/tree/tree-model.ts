/**
 * The base of every H2O shared-tree model (GBM, DRF, Isolation Forest, Uplift DRF), built from
 * the decoded ensemble (readTreeEnsemble, called by each reader): one summing function per class
 * (its trees over all groups, compiled through compileOrInterpret) and the explanations (SHAP
 * contributions when the subclass has them, leaf assignments, leaf node ids); SupervisedTreeModel
 * adds the prediction layout and class decision GBM and DRF share. Subclasses add their scoring.
 */
import type { MojoHeader } from '../../../mojo/index.ts';
import { CONTRIBUTIONS, type ExtraOutput, type InputColumn, LEAF, ModelBase, type OutputColumn } from '../../model.ts';
import { ClassDecision, treeOutputs } from './class-outputs.ts';
import { featureInputs } from '../output-columns.ts';
import { treeSum, type TreeSum } from './tree-codegen.ts';
import { leafOutputs, type TreeEnsemble } from './tree-mojo.ts';

/** Explanation name of the aux-based leaf node ids. */
const LEAF_NODE_IDS = 'leaf_node_ids';

export abstract class TreeModelBase extends ModelBase {
  override readonly inputs: readonly InputColumn[];
  override readonly explanations: Readonly<Record<string, ExtraOutput>>;
  /** Per class: the sum of its trees over all groups. */
  protected readonly sums: TreeSum[];
  /** `n_trees`: boosting iterations / forest size. */
  protected readonly groups: number;
  /** Trees per group. */
  protected readonly perGroup: number;

  /** `contributions`: the model's SHAP output, when it has one (see contributionsOutput). */
  constructor(
    override readonly header: MojoHeader,
    protected readonly ensemble: TreeEnsemble,
    contributions?: ExtraOutput,
  ) {
    super();
    const e = ensemble;
    this.groups = e.groups;
    this.perGroup = e.perGroup;
    this.sums = [];
    for (let c = 0; c < e.perGroup; c++) this.sums.push(treeSum(e.forest, c * e.groups, (c + 1) * e.groups));
    const leaf = leafOutputs(e);
    const explanations: Record<string, ExtraOutput> = {};
    if (contributions !== undefined) explanations[CONTRIBUTIONS] = contributions;
    explanations[LEAF] = leaf.paths;
    if (leaf.ids) explanations[LEAF_NODE_IDS] = leaf.ids;
    this.explanations = explanations;
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

  constructor(header: MojoHeader, ensemble: TreeEnsemble, contributions?: ExtraOutput) {
    super(header, ensemble, contributions);
    this.k = header.nclasses;
    this.outputs = treeOutputs(header, ensemble.calibration !== null);
    this.decision = header.nclasses >= 2 ? new ClassDecision(header, ensemble.calibration) : null;
  }
}
