/**
 * XGBoost objectives as the Java predictor applies them: the link from margin to prediction
 * (`predTransform`) and the inverse used on base_score (`probToMargin`), both in float32.
 */
import { MojoFormatError } from '../../errors.ts';

export const enum Link {
  /** Margin is the prediction (regression, ranking, logitraw). */
  Identity = 0,
  /** exp(margin), single output only (poisson, gamma, tweedie). */
  Exp = 1,
  /** 1 / (1 + exp(−margin)) per output. */
  Sigmoid = 2,
  /** Normalised exp over the outputs. */
  Softprob = 3,
  /** A single output: the index of the largest margin. */
  SoftmaxClass = 4,
}

const LINKS: Readonly<Record<string, Link>> = {
  'rank:pairwise': Link.Identity,
  'rank:ndcg': Link.Identity,
  'binary:logitraw': Link.Identity,
  'reg:linear': Link.Identity,
  'reg:squarederror': Link.Identity,
  'binary:logistic': Link.Sigmoid,
  'reg:logistic': Link.Sigmoid,
  'reg:gamma': Link.Exp,
  'reg:tweedie': Link.Exp,
  'count:poisson': Link.Exp,
  'multi:softprob': Link.Softprob,
  'multi:softmax': Link.SoftmaxClass,
};

const f32 = Math.fround;

export function linkOf(objective: string, origin: string): Link {
  const l = LINKS[objective];
  if (l === undefined) throw new MojoFormatError(`${origin}: XGBoost objective '${objective}' is not supported`);
  return l;
}

/** base_score stored as a probability → margin (xgboost ≥ 1.0 boosters). */
export function probToMargin(link: Link, p: number): number {
  if (link === Link.Sigmoid) return f32(-Math.log(f32(f32(1 / p) - 1)));
  if (link === Link.Exp) return f32(Math.log(p));
  return p;
}

/**
 * Applies the link in place to `m[0..n)`; returns how many outputs remain (softmax → 1).
 */
export function applyLink(link: Link, m: Float64Array, n: number): number {
  switch (link) {
    case Link.Identity:
      return n;
    case Link.Exp:
      m[0] = f32(Math.exp(m[0]));
      return 1;
    case Link.Sigmoid:
      for (let i = 0; i < n; i++) m[i] = f32(1 / f32(1 + f32(Math.exp(-m[i]))));
      return n;
    case Link.Softprob: {
      let max = m[0];
      for (let i = 1; i < n; i++) max = javaMaxFloat(m[i], max);
      let sum = 0; // accumulated in double, as the reference does
      for (let i = 0; i < n; i++) {
        m[i] = f32(Math.exp(f32(m[i] - max)));
        sum += m[i];
      }
      const s = f32(sum);
      for (let i = 0; i < n; i++) m[i] = f32(m[i] / s);
      return n;
    }
    case Link.SoftmaxClass: {
      let best = 0;
      let max = m[0];
      for (let i = 1; i < n; i++) {
        if (max < m[i]) {
          best = i;
          max = m[i];
        }
      }
      m[0] = best;
      return 1;
    }
  }
}

/** java.lang.Math.max(float, float): NaN wins. */
function javaMaxFloat(a: number, b: number): number {
  if (a !== a || b !== b) return NaN;
  return a >= b ? a : b;
}
