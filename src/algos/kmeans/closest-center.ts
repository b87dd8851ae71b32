/**
 * K-means' closest centre (KMeansMojoModel's distance): optional standardisation (missing
 * numerics → mean, missing categoricals → mode), then the squared Euclidean distance on
 * numerics plus a 0/1 mismatch on categoricals, scaled up for missing dimensions; the first
 * centre with the smallest distance, -1 when none is finite. Compiled per model (the centres,
 * means, multipliers and modes as validated number literals, every term in the interpreter's
 * order) unless code generation is off or the model is too large; the loop is the reference.
 */
import { compileOrInterpret, indexLit, numLit } from '../common/index.ts';

/** Centres × features beyond which the straight-line function gets too long to pay off. */
const MAX_COMPILED_TERMS = 4096;

/** The index of the closest centre to a raw row, or -1. */
export type ClosestCenter = (raw: Float64Array) => number;

export interface KMeansCenters {
  /** k × n centre coordinates, row by row. */
  readonly centers: Float64Array;
  readonly k: number;
  /** Features. */
  readonly n: number;
  /** Per feature: 1 for a categorical (distance by mismatch). */
  readonly isCat: Uint8Array;
  readonly standardize: boolean;
  readonly means: Float64Array;
  readonly mults: Float64Array | null;
  /** Per feature: the mode filled in for a missing categorical, -1 for a numeric feature. */
  readonly modes: Int32Array;
}

export function closestCenterFunction(m: KMeansCenters, enabled?: boolean): ClosestCenter {
  const row = new Float64Array(m.n);
  return compileOrInterpret(
    { nodes: m.k * m.n, depth: 0 },
    () => compileClosestCenter(m),
    (raw: Float64Array) => closestCenter(m, raw, row),
    enabled,
  );
}

/** The interpreter: `row` is scratch space for the standardised row. */
export function closestCenter(m: KMeansCenters, raw: Float64Array, row: Float64Array): number {
  const n = m.n;
  if (m.standardize) {
    const { means, mults, modes } = m;
    for (let i = 0; i < n; i++) {
      let d = raw[i];
      if (modes[i] === -1) {
        if (d !== d) d = means[i];
        if (mults !== null) d = (d - means[i]) * mults[i];
      } else if (d !== d) d = modes[i];
      row[i] = d;
    }
  } else {
    for (let i = 0; i < n; i++) row[i] = raw[i];
  }
  const { centers, isCat } = m;
  let best = -1;
  let bestSqr = Number.MAX_VALUE;
  for (let c = 0; c < m.k; c++) {
    const base = c * n;
    let sqr = 0;
    let pts = n;
    for (let j = 0; j < n; j++) {
      const d = row[j];
      if (d !== d) {
        pts--;
        continue;
      }
      if (isCat[j] === 1) {
        if (d !== centers[base + j]) sqr += 1;
      } else {
        const delta = d - centers[base + j];
        sqr += delta * delta;
      }
    }
    if (pts > 0 && pts < n) sqr *= n / pts;
    if (sqr < bestSqr) {
      best = c;
      bestSqr = sqr;
    }
  }
  return best;
}

function compileClosestCenter(m: KMeansCenters): ClosestCenter {
  const { n, k, centers, isCat, means, mults, modes } = m;
  if (k * n > MAX_COMPILED_TERMS) throw new Error('codegen: too many terms');
  const lit = (x: number) => `(${numLit(x)})`;
  const N = indexLit(n);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const d = `d${indexLit(i)}`;
    lines.push(`let ${d} = raw[${indexLit(i)}];`);
    if (!m.standardize) continue;
    if (modes[i] === -1) {
      lines.push(`if (${d} !== ${d}) ${d} = ${lit(means[i])};`);
      if (mults !== null) lines.push(`${d} = (${d} - ${lit(means[i])}) * ${lit(mults[i])};`);
    } else lines.push(`if (${d} !== ${d}) ${d} = ${lit(modes[i])};`);
  }
  lines.push(`let best = -1, bestSqr = ${lit(Number.MAX_VALUE)}, sqr = 0, pts = 0, delta = 0;`);
  for (let c = 0; c < k; c++) {
    lines.push(`sqr = 0; pts = ${N};`);
    for (let j = 0; j < n; j++) {
      const d = `d${indexLit(j)}`;
      const at = lit(centers[c * n + j]);
      if (isCat[j] === 1) lines.push(`if (${d} !== ${d}) pts--; else if (${d} !== ${at}) sqr += 1;`);
      else lines.push(`if (${d} !== ${d}) pts--; else { delta = ${d} - ${at}; sqr += delta * delta; }`);
    }
    lines.push(`if (pts > 0 && pts < ${N}) sqr *= ${N} / pts;`);
    lines.push(`if (sqr < bestSqr) { best = ${indexLit(c)}; bestSqr = sqr; }`);
  }
  lines.push('return best;');
  return new Function(`return function closestCenter(raw) {\n${lines.join('\n')}\n};`)() as ClosestCenter;
}
