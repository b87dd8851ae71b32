/**
 * GLM inverse link functions, as h2o-genmodel's GenModel.GLM_*Inv helpers define them
 * (identity, logit, log, inverse with its ±1e-5 clamp, tweedie with power 0 meaning log).
 */
import { MojoFormatError } from '../../../errors.ts';
import { logistic } from '../logistic.ts';
import { Link } from '../link.ts';

export { logistic };

/** The links a GLM or GAM MOJO may name (anything else fails at load). */
const LINKS: Readonly<Record<string, Link>> = {
  identity: Link.Identity,
  logit: Link.Logit,
  log: Link.Log,
  inverse: Link.Inverse,
  tweedie: Link.Tweedie,
};

/** Smallest |eta| the inverse link divides by (h2o clamps to keep 1/eta finite). */
const INVERSE_CLAMP = 1e-5;
/** Lower bound of the tweedie log-link mean. */
const TWEEDIE_LOG_FLOOR = 2e-16;

/** Parses a model.ini `link` value; anything else is a load error, as in h2o-genmodel. */
export function parseLink(name: string | undefined, origin: string): Link {
  const link = name !== undefined && Object.hasOwn(LINKS, name) ? LINKS[name] : undefined;
  if (link === undefined) throw new MojoFormatError(`${origin}: unexpected link function '${name}'`);
  return link;
}

const identity = (eta: number): number => eta;
const inverse = (eta: number): number => 1.0 / (eta < 0 ? Math.min(-INVERSE_CLAMP, eta) : Math.max(INVERSE_CLAMP, eta));
const tweedieLog = (eta: number): number => Math.max(TWEEDIE_LOG_FLOOR, Math.exp(eta));

/**
 * The mean as a function of the linear predictor under `link`, chosen once per model so scoring
 * a row calls it directly instead of dispatching on the link.
 */
export function inverseLink(link: Link, tweediePower: number): (eta: number) => number {
  switch (link) {
    case Link.Identity:
      return identity;
    case Link.Logit:
      return logistic;
    case Link.Log:
      return Math.exp;
    case Link.Inverse:
      return inverse;
    case Link.Tweedie: {
      if (tweediePower === 0) return tweedieLog;
      const exponent = 1.0 / tweediePower;
      return (eta: number): number => Math.pow(eta, exponent);
    }
    default:
      // parseLink yields only the links above.
      return () => NaN;
  }
}
