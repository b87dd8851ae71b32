/** The logistic function as h2o-genmodel evaluates it (GLM logit inverse, Platt scaling). */

/** 1 / (1 + e^-x), evaluated as h2o does (exp first, then + 1). */
export function logistic(x: number): number {
  return 1.0 / (Math.exp(-x) + 1.0);
}
