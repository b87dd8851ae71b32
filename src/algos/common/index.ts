/**
 * Logic shared by several evaluators, each a port of one h2o-genmodel helper: probability
 * calibration (tree, XGBoost and Isotonic Regression), class decisions (tree, XGBoost, deep
 * learning), Java's int narrowing, the logistic function, the TreeSHAP unique path and code-generation helpers.
 */
export { calibrateP1, readCalibration, type Calibration } from './calibration.ts';
export { isotonicValue, javaBinarySearch, readIsotonicCurve, type IsotonicCurve } from './isotonic-curve.ts';
export { correctProbabilities, predictClass } from './classify.ts';
export { JavaRandom } from './java-random.ts';
export { strictLog } from './strict-log.ts';
export { INT_MAX, INT_MIN, isInt32, javaInt } from './java-int.ts';
export { logistic } from './logistic.ts';
export { ShapPath } from './shap-path.ts';
export {
  ChunkedCode,
  codegenDisabled,
  compileOrInterpret,
  type ForestShape,
  indexLit,
  MAX_COMPILED_DEPTH,
  MAX_COMPILED_NODES,
  NODES_PER_FUNCTION,
  numLit,
} from './codegen.ts';
