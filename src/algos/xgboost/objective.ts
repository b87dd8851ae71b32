/**
 * XGBoost objectives as the Java predictor applies them: the link from margin to prediction
 * (`predTransform`) and the inverse used on base_score (`probToMargin`), both in float32.
 */
import { MojoFormatError } from '../../errors.ts';
import { Link } from '../common/index.ts';

const LINKS: Readonly<Record<string, Link>> = {
  'rank:pairwise': Link.Identity,
  'rank:ndcg': Link.Identity,
  'binary:logitraw': Link.Identity,
  'reg:linear': Link.Identity,
  'reg:squarederror': Link.Identity,
  'binary:logistic': Link.Logit,
  'reg:logistic': Link.Logit,
  'reg:gamma': Link.Log,
  'reg:tweedie': Link.Log,
  'count:poisson': Link.Log,
  'multi:softprob': Link.Softmax,
  'multi:softmax': Link.ArgMax,
};

const f32 = Math.fround;

/** The link of an XGBoost objective name (MOJO_FORMAT when this scorer does not know it). */
export function objectiveLink(objective: string, origin: string): Link {
  const l = Object.hasOwn(LINKS, objective) ? LINKS[objective] : undefined;
  if (l === undefined) throw new MojoFormatError(`${origin}: XGBoost objective '${objective}' is not supported`);
  return l;
}

/** base_score stored as a probability → margin (xgboost ≥ 1.0 boosters). */
export function probToMargin(link: Link, p: number): number {
  if (link === Link.Logit) return f32(-Math.log(f32(f32(1 / p) - 1)));
  if (link === Link.Log) return f32(Math.log(p));
  return p;
}

/**
 * Applies the link in place to `m[0..n)`; returns how many outputs remain (softmax → 1).
 */
export function applyLink(link: Link, m: Float64Array, n: number): number {
  switch (link) {
    case Link.Identity:
      return n;
    case Link.Log:
      m[0] = f32(Math.exp(m[0]));
      return 1;
    case Link.Logit:
      for (let i = 0; i < n; i++) m[i] = f32(1 / f32(1 + f32(Math.exp(-m[i]))));
      return n;
    case Link.Softmax: {
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
    case Link.ArgMax: {
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
    default:
      return n;
  }
}

/** java.lang.Math.max(float, float): NaN wins. */
function javaMaxFloat(a: number, b: number): number {
  if (a !== a || b !== b) return NaN;
  return a >= b ? a : b;
}
