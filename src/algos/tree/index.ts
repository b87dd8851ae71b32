/** Shared tree machinery: blob decoder, traversal, TreeSHAP, links, class-decision outputs (calibration and class rules live in ../shared). */
export { BITSET, NA_LEFT, NA_VS_REST, RANGE, decodeForest, treeMode, type Forest, type TreeMode } from './forest.ts';
export { goesRight, leafOf, leafPath, sumTrees } from './traverse.ts';
export { leafNodeId, nodeWeights } from './aux.ts';
export { TreeShap } from './shap.ts';
export { LINK_CODE, linkInv, parseDistribution, parseLink, type Distribution, type Link } from './link.ts';
export { contributionsOutput, leafOutputs, readTreeEnsemble, treeIndex, type TreeEnsemble } from './ensemble.ts';
export { treeSum, type TreeSum } from './compile.ts';
export { readTreeModel, type TreeModelParts } from './_model.ts';
export { ClassDecision, treeOutputs } from './outputs.ts';
