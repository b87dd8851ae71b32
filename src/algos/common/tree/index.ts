/** H2O shared-tree machinery: blob decoder, walk, node records, TreeSHAP, the tree-model base and class-decision outputs (calibration and class rules live in ../). */
export { BITSET, NA_LEFT, NA_VS_REST, RANGE, decodeForest, treeMode, type Forest, type TreeMode } from './forest.ts';
export { goesRight, leafOf, leafPath, sumTrees } from './walk.ts';
export { leafNodeId, nodeWeights } from './node-records.ts';
export { TreeShap } from './tree-shap.ts';
export { contributionsOutput, leafOutputs, readTreeEnsemble, treeIndex, type TreeEnsemble } from './tree-mojo.ts';
export { treeSum, type TreeSum } from './tree-codegen.ts';
export { SupervisedTreeModel, TreeModelBase } from './tree-model.ts';
export { ClassDecision, treeOutputs } from './class-outputs.ts';
