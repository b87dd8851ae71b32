/** The linear-model core shared by GLM, GAM, RuleFit and the Stacked Ensemble metalearner. */
export { BadLevel, eta, etaBlocks, makeLayout, type LinearLayout } from './design.ts';
export { etaFunction } from './eta-codegen.ts';
export { softmax } from './softmax.ts';
export { imputeInto, makeImputation, type Imputation } from './impute.ts';
export { inverseLink, logistic, parseLink } from './glm-link.ts';
export { Link } from '../link.ts';
export { binomialOutputs } from './binomial-outputs.ts';
