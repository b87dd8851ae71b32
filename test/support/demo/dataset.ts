/**
 * The demo's synthetic "telecom churn" dataset (documented in src/demo/README.md).
 * Fully determined by the seed: integer PRNG + arithmetic-only exp, no Math.random/Math.exp.
 */
import { Rng } from './prng.ts';
import { dexp, sigmoid } from './dmath.ts';

export const DEMO_SEED = 20240101;
export const DEMO_ROWS = 1000;

/** Levels sorted lexicographically, as H2O's parser orders a categorical column's domain. */
export const PLAN_LEVELS = ['basic', 'premium', 'standard'] as const;
export const REGION_LEVELS = ['east', 'north', 'south', 'west'] as const;
export const CHURN_LEVELS = ['no', 'yes'] as const;

/** Feature columns in model order; categoricals carry their domain. */
export const DEMO_FEATURES = [
  { name: 'tenure_months' },
  { name: 'monthly_charges' },
  { name: 'support_calls' },
  { name: 'plan', domain: PLAN_LEVELS },
  { name: 'region', domain: REGION_LEVELS },
] as const;
export const DEMO_RESPONSE = { name: 'churned', domain: CHURN_LEVELS } as const;

export interface DemoRow {
  tenure_months: number;
  /** NaN = missing */
  monthly_charges: number;
  /** NaN = missing */
  support_calls: number;
  plan: (typeof PLAN_LEVELS)[number];
  /** null = missing */
  region: (typeof REGION_LEVELS)[number] | null;
  churned: (typeof CHURN_LEVELS)[number];
}

const PLAN_BASE_CHARGE = { basic: 25, standard: 55, premium: 90 } as const;
const PLAN_EFFECT = { basic: 0.5, standard: 0, premium: -0.6 } as const;
const REGION_EFFECT = { east: 0, north: -0.3, south: 0.4, west: 0 } as const;

/** True log-odds of churn used to draw the label (support_calls missing counts as 1). */
export function trueLogOdds(r: Omit<DemoRow, 'churned'>): number {
  const calls = Number.isNaN(r.support_calls) ? 1 : r.support_calls;
  const charges = Number.isNaN(r.monthly_charges) ? PLAN_BASE_CHARGE[r.plan] : r.monthly_charges;
  return (
    0.8 -
    0.045 * r.tenure_months +
    0.35 * calls +
    0.015 * (charges - 55) +
    PLAN_EFFECT[r.plan] +
    (r.region === null ? 0 : REGION_EFFECT[r.region])
  );
}

export function generateChurnData(seed = DEMO_SEED, n = DEMO_ROWS): DemoRow[] {
  const rng = new Rng(seed);
  const rows: DemoRow[] = [];
  for (let i = 0; i < n; i++) {
    const u = rng.next();
    const plan = u < 0.45 ? 'basic' : u < 0.8 ? 'standard' : 'premium';
    const region = REGION_LEVELS[rng.int(4)];
    const tenure = 1 + rng.int(72);
    const charges = Math.round((PLAN_BASE_CHARGE[plan] + 8 * rng.normal()) * 100) / 100;
    const calls = Math.min(
      10,
      rng.poisson(plan === 'basic' ? 1.4 : 0.8, (x) => dexp(-x)),
    );
    const missCharges = rng.next() < 0.05;
    const missCalls = rng.next() < 0.04;
    const missRegion = rng.next() < 0.02;
    const row = {
      tenure_months: tenure,
      monthly_charges: missCharges ? NaN : charges,
      support_calls: missCalls ? NaN : calls,
      plan,
      region: missRegion ? null : region,
    } as const;
    const churned = rng.next() < sigmoid(trueLogOdds(row)) ? 'yes' : 'no';
    rows.push({ ...row, churned });
  }
  return rows;
}

/** A row encoded as the model reads it: numbers, level indices, NaN for missing. */
export function encodeDemoRow(r: Omit<DemoRow, 'churned'>): Float64Array {
  return Float64Array.from([
    r.tenure_months,
    r.monthly_charges,
    r.support_calls,
    PLAN_LEVELS.indexOf(r.plan),
    r.region === null ? NaN : REGION_LEVELS.indexOf(r.region),
  ]);
}
