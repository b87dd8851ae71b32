/**
 * GBM's `distribution` and `link_function`: the family, and the link (explicit, or the
 * distribution's default as ModelMojoReader.defaultLinkFunction gives it).
 */
import { MojoFormatError } from '../../errors.ts';
import {
  defaultLinkFunction,
  type DistributionFamily,
  isDistributionFamily,
  isLinkFunctionType,
  type LinkFunctionType,
} from '../common/h2o-enums.ts';

export type Distribution = DistributionFamily;

export function parseDistribution(s: string | undefined, origin: string): Distribution {
  if (!isDistributionFamily(s)) throw new MojoFormatError(`${origin}: unknown distribution '${s}'`);
  return s;
}

/** The explicit link_function, or the distribution's default. */
export function parseLink(s: string | undefined, family: Distribution, origin: string): LinkFunctionType {
  if (s !== undefined) {
    if (!isLinkFunctionType(s)) throw new MojoFormatError(`${origin}: unknown link_function '${s}'`);
    return s;
  }
  return defaultLinkFunction(family);
}
