/**
 * What several evaluators share, each h2o quirk written once: probability calibration (tree,
 * XGBoost and Isotonic Regression), class decisions (tree, XGBoost, deep learning), Java's int
 * range and narrowing, java.util.Random and StrictMath.log, the logistic function, the TreeSHAP
 * unique path and the one code-generation entry. Subfolders hold larger shared parts: tree/
 * (H2O shared trees), linear/ (GLM-style linear predictors), encoding/ (categorical encodings),
 * nested/ (sub-model plumbing); output-columns.ts, link.ts, h2o-enums.ts and kv-arrays.ts are
 * imported directly.
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
  hostEnv,
  compileOrInterpret,
  type ForestShape,
  indexLit,
  MAX_COMPILED_DEPTH,
  MAX_COMPILED_NODES,
  NODES_PER_FUNCTION,
  numLit,
} from './codegen.ts';
