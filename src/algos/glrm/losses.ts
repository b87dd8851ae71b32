/**
 * GLRM loss functions as h2o-genmodel's GlrmLoss evaluates them at scoring time. Numeric /
 * binary losses take one value u = x·y_j; categorical losses take the block u = x·Y_j.
 * `Periodic` is scored with frequency 0: the reference never sets its period at load.
 */

export const enum Loss {
  Quadratic,
  Absolute,
  Huber,
  Poisson,
  Periodic,
  Logistic,
  Hinge,
  Categorical,
  Ordinal,
}

export const LOSS_BY_NAME: ReadonlyMap<string, Loss> = new Map([
  ['Quadratic', Loss.Quadratic],
  ['Absolute', Loss.Absolute],
  ['Huber', Loss.Huber],
  ['Poisson', Loss.Poisson],
  ['Periodic', Loss.Periodic],
  ['Logistic', Loss.Logistic],
  ['Hinge', Loss.Hinge],
  ['Categorical', Loss.Categorical],
  ['Ordinal', Loss.Ordinal],
]);

export function isMultiLoss(l: Loss): boolean {
  return l === Loss.Categorical || l === Loss.Ordinal;
}

/** Frequency of the Periodic loss (2π / period, with the period never set → 0). */
const PERIODIC_F = 0;

export function loss(l: Loss, u: number, a: number): number {
  switch (l) {
    case Loss.Quadratic:
      return (u - a) * (u - a);
    case Loss.Absolute:
      return Math.abs(u - a);
    case Loss.Huber: {
      const x = u - a;
      return x > 1 ? x - 0.5 : x < -1 ? -x - 0.5 : 0.5 * x * x;
    }
    case Loss.Poisson:
      return Math.exp(u) + (a === 0 ? 0 : -a * u + a * Math.log(a) - a);
    case Loss.Periodic:
      return 1 - Math.cos((u - a) * PERIODIC_F);
    case Loss.Logistic:
      return Math.log(1 + Math.exp((1 - 2 * a) * u));
    case Loss.Hinge:
      return Math.max(1 + (1 - 2 * a) * u, 0);
    default:
      return NaN; // multi losses are rejected for numeric columns at load
  }
}

export function lgrad(l: Loss, u: number, a: number): number {
  switch (l) {
    case Loss.Quadratic:
      return 2 * (u - a);
    case Loss.Absolute:
      return Math.sign(u - a);
    case Loss.Huber: {
      const x = u - a;
      return x > 1 ? 1 : x < -1 ? -1 : x;
    }
    case Loss.Poisson:
      return Math.exp(u) - a;
    case Loss.Periodic:
      return PERIODIC_F * Math.sin((u - a) * PERIODIC_F);
    case Loss.Logistic: {
      const s = 1 - 2 * a;
      return s / (1 + Math.exp(-s * u));
    }
    case Loss.Hinge: {
      const s = 1 - 2 * a;
      return 1 + s * u > 0 ? s : 0;
    }
    default:
      return NaN;
  }
}

export function impute(l: Loss, u: number): number {
  switch (l) {
    case Loss.Poisson:
      return Math.exp(u);
    case Loss.Logistic:
    case Loss.Hinge:
      return u > 0 ? 1 : 0;
    default:
      return u;
  }
}

/** Loss of level `a` against the block u[0..n). */
export function mloss(l: Loss, u: Float64Array, a: number, n: number): number {
  let sum = 0;
  if (l === Loss.Categorical) {
    for (let i = 0; i < n; i++) sum += Math.max(1 + u[i], 0);
    sum += Math.max(1 - u[a], 0) - Math.max(1 + u[a], 0);
  } else {
    for (let i = 0; i < n - 1; i++) sum += a > i ? Math.max(1 - u[i], 0) : 1;
  }
  return sum;
}

/** Gradient of mloss with respect to u, written to g[0..n). */
export function mlgrad(l: Loss, u: Float64Array, a: number, g: Float64Array, n: number): void {
  if (l === Loss.Categorical) {
    for (let i = 0; i < n; i++) g[i] = 1 + u[i] > 0 ? 1 : 0;
    g[a] = 1 - u[a] > 0 ? -1 : 0;
  } else {
    for (let i = 0; i < n - 1; i++) g[i] = a > i && 1 - u[i] > 0 ? -1 : 0;
    g[n - 1] = 0;
  }
}

/** The level minimising the loss for block u[0..n). */
export function mimpute(l: Loss, u: Float64Array, n: number): number {
  if (l === Loss.Categorical) {
    let best = 0;
    for (let i = 1; i < n; i++) if (u[i] > u[best]) best = i;
    return best;
  }
  let sum = n - 1;
  let bestLoss = sum;
  let best = 0;
  for (let a = 1; a < n; a++) {
    sum -= Math.min(1, u[a - 1]);
    if (sum < bestLoss) {
      bestLoss = sum;
      best = a;
    }
  }
  return best;
}
