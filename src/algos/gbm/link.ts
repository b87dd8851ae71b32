/**
 * GBM's inverse links (GbmMojoModel.linkInv) and the default link of each distribution
 * (ModelMojoReader.defaultLinkFunction). `exp` is capped at 1e19 as the reference does.
 */
import { MojoFormatError } from '../../errors.ts';

export const LINKS = ['identity', 'log', 'logit', 'ologit', 'ologlog', 'oprobit', 'inverse', 'tweedie'] as const;
export type Link = (typeof LINKS)[number];

export const DISTRIBUTIONS = [
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
export type Distribution = (typeof DISTRIBUTIONS)[number];

/** Link code used by the scoring loop. */
export const LINK_CODE: Readonly<Record<Link, number>> = {
  identity: 0,
  log: 1,
  logit: 2,
  ologit: 2,
  ologlog: 3,
  oprobit: 4,
  inverse: 5,
  tweedie: 0,
};

const EXP_CAP = 1e19;
const INVERSE_FLOOR = -1e-5;

/** Inverse link by code (see LINK_CODE). */
export function linkInv(code: number, f: number): number {
  switch (code) {
    case 1:
      return Math.min(EXP_CAP, Math.exp(f));
    case 2:
      return 1 / (1 + Math.min(EXP_CAP, Math.exp(-f)));
    case 3:
      return 1 - Math.min(EXP_CAP, Math.exp(-1 * Math.min(EXP_CAP, Math.exp(f))));
    case 4:
      return 0;
    case 5: {
      // The reference clamps both signs against -1e-5 (so 0 maps to +Infinity).
      const x = f < 0 ? Math.min(INVERSE_FLOOR, f) : Math.max(INVERSE_FLOOR, f);
      return 1.0 / x;
    }
    default:
      return f;
  }
}

export function parseDistribution(s: string | undefined, origin: string): Distribution {
  if (s === undefined || !(DISTRIBUTIONS as readonly string[]).includes(s)) {
    throw new MojoFormatError(`${origin}: unknown distribution '${s}'`);
  }
  return s as Distribution;
}

/** The explicit link_function, or the distribution's default. */
export function parseLink(s: string | undefined, family: Distribution, origin: string): Link {
  if (s !== undefined) {
    if (!(LINKS as readonly string[]).includes(s)) throw new MojoFormatError(`${origin}: unknown link_function '${s}'`);
    return s as Link;
  }
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
