/**
 * GBM's `[info]` keys beyond the shared trees: `distribution`, `link_function` (explicit, or the
 * distribution's default as ModelMojoReader.defaultLinkFunction gives it) and `init_f`, checked
 * against the class count and the ensemble's trees per group.
 */
import { MojoFormatError } from '../../errors.ts';
import type { MojoHeader } from '../../mojo/index.ts';
import {
  defaultLinkFunction,
  type DistributionFamily,
  isDistributionFamily,
  isLinkFunctionType,
  type Link,
  type LinkFunctionType,
  linkNamed,
  type TreeEnsemble,
} from '../common/index.ts';

export type Distribution = DistributionFamily;

/** How GBM turns its tree sums into predictions (GbmParams.kind). */
export const KIND_REGRESSION = 0;
export const KIND_BINOMIAL = 1;
export const KIND_MULTINOMIAL = 2;

/** GBM's decoded parameters. */
export interface GbmParams {
  readonly kind: number;
  readonly link: Link;
  /** `init_f`: the prior added to every tree sum (in the link space). */
  readonly initF: number;
}

const BINOMIAL_FAMILIES: ReadonlySet<Distribution> = new Set(['bernoulli', 'quasibinomial', 'modified_huber']);

export function parseDistribution(s: string | undefined, origin: string): Distribution {
  if (!isDistributionFamily(s)) throw new MojoFormatError(`${origin}: unknown distribution '${s}'`);
  return s;
}

/** GBM's explicit link_function, or the distribution's default. */
export function gbmLinkFunction(s: string | undefined, family: Distribution, origin: string): LinkFunctionType {
  if (s !== undefined) {
    if (!isLinkFunctionType(s)) throw new MojoFormatError(`${origin}: unknown link_function '${s}'`);
    return s;
  }
  return defaultLinkFunction(family);
}

/** Reads and checks GBM's keys (after the ensemble, whose trees per group they must fit). */
export function readGbmParams(h: MojoHeader, e: TreeEnsemble, origin: string): GbmParams {
  const family = parseDistribution(h.info.str('distribution'), origin);
  const link = gbmLinkFunction(h.info.str('link_function'), family, origin);
  const initF = h.info.num('init_f');
  const kind = BINOMIAL_FAMILIES.has(family) ? KIND_BINOMIAL : family === 'multinomial' ? KIND_MULTINOMIAL : KIND_REGRESSION;
  if (kind === KIND_REGRESSION ? h.nclasses !== 1 : h.nclasses < 2 || (kind === KIND_BINOMIAL && h.nclasses !== 2)) {
    throw new MojoFormatError(`${origin}: distribution ${family} does not fit a model with ${h.nclasses} class(es)`);
  }
  if (kind === KIND_BINOMIAL && e.perGroup !== 1) throw new MojoFormatError(`${origin}: ${family} GBM must have one tree per group`);
  return { kind, link: linkNamed(link), initF };
}
