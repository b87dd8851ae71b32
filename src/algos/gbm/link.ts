/**
 * GBM's inverse links (GbmMojoModel.linkInv) and the default link of each distribution
 * (ModelMojoReader.defaultLinkFunction). `exp` is capped at 1e19 as the reference does.
 */
import { MojoFormatError } from '../../errors.ts';
import { type DistributionFamily, isDistributionFamily, isLinkFunctionType, type LinkFunctionType } from '../common/h2o-enums.ts';

export type Link = LinkFunctionType;
export type Distribution = DistributionFamily;

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
  if (!isDistributionFamily(s)) throw new MojoFormatError(`${origin}: unknown distribution '${s}'`);
  return s;
}

/** The explicit link_function, or the distribution's default. */
export function parseLink(s: string | undefined, family: Distribution, origin: string): Link {
  if (s !== undefined) {
    if (!isLinkFunctionType(s)) throw new MojoFormatError(`${origin}: unknown link_function '${s}'`);
    return s;
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
