/**
 * What several evaluators share, each h2o quirk written once, and the one surface algorithms
 * import it through: output columns (getOutputNames), probability calibration (tree, XGBoost and
 * Isotonic Regression), class decisions (tree, XGBoost, deep learning), links and h2o's enum
 * names, `readkv` arrays, Java's int range and narrowing, java.util.Random and StrictMath.log, the
 * logistic function, the TreeSHAP unique path and the one code-generation entry. Subfolders hold
 * larger shared parts: tree/ (H2O shared trees), linear/ (GLM-style linear predictors), encoding/
 * (categorical encodings), nested/ (sub-model plumbing). Modules inside common/ import each other
 * directly (never this file, which would close a circle).
 */
export {
  calibratedOutputs,
  classColumnName,
  classifierOutputs,
  featureInputs,
  NUMERIC_BINOMIAL_LEVELS,
  numericBinomialOutputs,
  regressionOutputs,
  responseDomain,
  responseLevels,
} from './output-columns.ts';
export { calibrateP1, readCalibration, type Calibration } from './calibration.ts';
export { isotonicValue, javaBinarySearch, readIsotonicCurve, type IsotonicCurve } from './isotonic-curve.ts';
export { correctProbabilities, predictClass } from './classify.ts';
export { cappedLinkInverse, Link, linkNamed } from './link.ts';
export {
  DISTRIBUTION_FAMILIES,
  defaultLinkFunction,
  type DistributionFamily,
  isDistributionFamily,
  isLinkFunctionType,
  LINK_FUNCTION_TYPES,
  type LinkFunctionType,
} from './h2o-enums.ts';
export { checkOffsets, kvCount, kvDoubles, kvDoublesOpt, kvInts } from './kv-arrays.ts';
export { JavaRandom } from './java-random.ts';
export { strictLog } from './strict-log.ts';
export { INT_MAX, INT_MIN, isInt32, javaInt } from './java-int.ts';
export { logistic } from './logistic.ts';
export { ShapPath } from './shap-path.ts';
export {
  callInOrder,
  ChunkedCode,
  codegenDisabled,
  codegenMilliseconds,
  columnLevel,
  columnValue,
  declareColumns,
  hostEnv,
  compileOrInterpret,
  type ForestShape,
  indexLit,
  MAX_COMPILED_DEPTH,
  MAX_COMPILED_NODES,
  NODES_PER_FUNCTION,
  numLit,
} from './codegen.ts';
export {
  BITSET,
  ClassDecision,
  contributionsOutput,
  decodeForest,
  type Forest,
  goesRight,
  leafNodeId,
  leafOf,
  leafOutputs,
  leafPath,
  NA_LEFT,
  NA_VS_REST,
  nodeWeights,
  RANGE,
  readTreeEnsemble,
  sumTrees,
  SupervisedTreeModel,
  TreeModelBase,
  TreeShap,
  treeIndex,
  treeMode,
  treeOutputs,
  treeSum,
  type TreeEnsemble,
  type TreeMode,
  type TreeSum,
} from './tree/index.ts';
export {
  BadLevel,
  binomialOutputs,
  eta,
  etaFunction,
  etaBlocks,
  type Imputation,
  imputeInto,
  type LinearLayout,
  inverseLink,
  makeImputation,
  makeLayout,
  parseLink,
  softmax,
} from './linear/index.ts';
export { RowMapper, SubModels } from './nested/index.ts';
export { withCategoricalEncoding } from './encoding/index.ts';
