/**
 * The one link vocabulary of every evaluator, named after h2o's LinkFunctionType (ologit is the
 * logit), plus the two multi-output transforms of XGBoost objectives. The arithmetic stays with
 * each model family because h2o-genmodel's differ: GLM and GAM invert exactly
 * (linear/glm-link.ts), GBM and deep learning cap exp at 1e19 (cappedLinkInverse here), XGBoost
 * rounds to float32 (xgboost/objective.ts).
 */
import type { LinkFunctionType } from './h2o-enums.ts';

export const enum Link {
  Identity = 0,
  Logit = 1,
  Log = 2,
  Inverse = 3,
  Tweedie = 4,
  Ologlog = 5,
  Oprobit = 6,
  /** Normalised exp over the outputs (XGBoost multi:softprob). */
  Softmax = 7,
  /** A single output: the index of the largest margin (XGBoost multi:softmax). */
  ArgMax = 8,
}

const BY_NAME: Readonly<Record<LinkFunctionType, Link>> = {
  identity: Link.Identity,
  logit: Link.Logit,
  ologit: Link.Logit,
  log: Link.Log,
  inverse: Link.Inverse,
  tweedie: Link.Tweedie,
  ologlog: Link.Ologlog,
  oprobit: Link.Oprobit,
};

/** The Link a LinkFunctionType name stands for. */
export function linkNamed(name: LinkFunctionType): Link {
  return BY_NAME[name];
}

/** exp() results are capped here, as GbmMojoModel and DeeplearningMojoModel do. */
const EXP_CAP = 1e19;
/** The inverse link's clamp: both signs are compared with -1e-5 (so 0 maps to +Infinity). */
const INVERSE_FLOOR = -1e-5;

/**
 * GBM's and deep learning's inverse link (GbmMojoModel.linkInv): exp capped at 1e19, oprobit
 * scoring 0, and the tweedie link read as the identity, all as the reference does.
 */
export function cappedLinkInverse(link: Link, f: number): number {
  switch (link) {
    case Link.Log:
      return Math.min(EXP_CAP, Math.exp(f));
    case Link.Logit:
      return 1 / (1 + Math.min(EXP_CAP, Math.exp(-f)));
    case Link.Ologlog:
      return 1 - Math.min(EXP_CAP, Math.exp(-1 * Math.min(EXP_CAP, Math.exp(f))));
    case Link.Oprobit:
      return 0;
    case Link.Inverse: {
      const x = f < 0 ? Math.min(INVERSE_FLOOR, f) : Math.max(INVERSE_FLOOR, f);
      return 1.0 / x;
    }
    default:
      return f;
  }
}
