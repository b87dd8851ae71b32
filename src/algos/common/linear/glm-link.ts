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

/** The mean for linear predictor `eta` under `link`. */
export function linkInverse(link: Link, eta: number, tweediePower: number): number {
  switch (link) {
    case Link.Identity:
      return eta;
    case Link.Logit:
      return logistic(eta);
    case Link.Log:
      return Math.exp(eta);
    case Link.Inverse: {
      const x = eta < 0 ? Math.min(-INVERSE_CLAMP, eta) : Math.max(INVERSE_CLAMP, eta);
      return 1.0 / x;
    }
    case Link.Tweedie:
      return tweediePower === 0 ? Math.max(TWEEDIE_LOG_FLOOR, Math.exp(eta)) : Math.pow(eta, 1.0 / tweediePower);
    default:
      // parseLink yields only the links above.
      return NaN;
  }
}
