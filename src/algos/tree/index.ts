/** Shared tree machinery: blob decoder, traversal, TreeSHAP, calibration, links, class decisions. */
export { BITSET, NA_LEFT, NA_VS_REST, RANGE, decodeForest, treeMode, type Forest, type TreeMode } from './forest.ts';
export { goesRight, javaInt, leafOf, leafPath, sumTrees } from './traverse.ts';
export { leafNodeId, nodeWeights } from './aux.ts';
export { TreeShap } from './shap.ts';
export { calibrateP1, readCalibration, type Calibration } from './calibration.ts';
export { correctProbabilities, predictClass } from './classify.ts';
export { LINK_CODE, linkInv, parseDistribution, parseLink, type Distribution, type Link } from './link.ts';
export { contributionsOutput, leafOutputs, readTreeEnsemble, treeIndex, type TreeEnsemble } from './ensemble.ts';
export { codegenDisabled, treeSum, type TreeSum } from './compile.ts';
