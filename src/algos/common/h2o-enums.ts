/**
 * h2o-genmodel's enum names that model.ini values must match at load (the reference's
 * `valueOf` fails otherwise): DistributionFamily (`distribution`, `family`) and
 * LinkFunctionType (`link_function`, `link`), and each distribution's default link.
 */

export const DISTRIBUTION_FAMILIES = [
  'AUTO',
  'bernoulli',
  'quasibinomial',
  'modified_huber',
  'multinomial',
  'ordinal',
  'gaussian',
  'poisson',
  'gamma',
  'tweedie',
  'huber',
  'laplace',
  'quantile',
  'fractionalbinomial',
  'negativebinomial',
  'custom',
] as const;
export type DistributionFamily = (typeof DISTRIBUTION_FAMILIES)[number];

export const LINK_FUNCTION_TYPES = ['identity', 'log', 'logit', 'ologit', 'ologlog', 'oprobit', 'inverse', 'tweedie'] as const;
export type LinkFunctionType = (typeof LINK_FUNCTION_TYPES)[number];

/** True when `s` names a DistributionFamily. */
export function isDistributionFamily(s: string | undefined): s is DistributionFamily {
  return s !== undefined && (DISTRIBUTION_FAMILIES as readonly string[]).includes(s);
}

/** True when `s` names a LinkFunctionType. */
export function isLinkFunctionType(s: string | undefined): s is LinkFunctionType {
  return s !== undefined && (LINK_FUNCTION_TYPES as readonly string[]).includes(s);
}

/** The link a distribution implies when none is given (ModelMojoReader.defaultLinkFunction). */
export function defaultLinkFunction(family: string): LinkFunctionType {
  switch (family) {
    case 'bernoulli':
    case 'fractionalbinomial':
    case 'quasibinomial':
    case 'modified_huber':
    case 'ordinal':
      return 'logit';
    case 'multinomial':
    case 'poisson':
    case 'gamma':
    case 'tweedie':
      return 'log';
    default:
      return 'identity';
  }
}
