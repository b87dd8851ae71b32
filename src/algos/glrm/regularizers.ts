/**
 * GLRM regularizers for the X row (h2o-genmodel GlrmRegularizer): the penalty r(x), its
 * proximal step and the projection used after the random start. Results go to a caller buffer;
 * when the reference returns its input unchanged we return that same array.
 */
import type { JavaRandom } from '../common/index.ts';

export const enum Reg {
  None,
  Quadratic,
  L2,
  L1,
  NonNegative,
  OneSparse,
  UnitOneSparse,
  Simplex,
}

export const REG_BY_NAME: ReadonlyMap<string, Reg> = new Map([
  ['None', Reg.None],
  ['Quadratic', Reg.Quadratic],
  ['L2', Reg.L2],
  ['L1', Reg.L1],
  ['NonNegative', Reg.NonNegative],
  ['OneSparse', Reg.OneSparse],
  ['UnitOneSparse', Reg.UnitOneSparse],
  ['Simplex', Reg.Simplex],
]);

const bits = new DataView(new ArrayBuffer(8));

/** Math.ulp for doubles (from the exponent bits). */
function ulp(x: number): number {
  if (x !== x) return NaN;
  if (x === Infinity || x === -Infinity) return Infinity;
  bits.setFloat64(0, x);
  const exp = (bits.getUint16(0) >> 4) & 0x7ff;
  return exp === 0 ? 2 ** -1074 : 2 ** (exp - 1075);
}

export function regularize(r: Reg, u: Float64Array): number {
  const n = u.length;
  switch (r) {
    case Reg.None:
      return 0;
    case Reg.Quadratic:
    case Reg.L2: {
      let s = 0;
      for (let i = 0; i < n; i++) s += u[i] * u[i];
      return r === Reg.L2 ? Math.sqrt(s) : s;
    }
    case Reg.L1: {
      let s = 0;
      for (let i = 0; i < n; i++) s += Math.abs(u[i]);
      return s;
    }
    case Reg.NonNegative:
      for (let i = 0; i < n; i++) if (u[i] < 0) return Infinity;
      return 0;
    case Reg.OneSparse: {
      let card = 0;
      for (let i = 0; i < n; i++) {
        if (u[i] < 0) return Infinity;
        else if (u[i] > 0) card++;
      }
      return card === 1 ? 0 : Infinity;
    }
    case Reg.UnitOneSparse: {
      let ones = 0;
      let zeros = 0;
      for (let i = 0; i < n; i++) {
        if (u[i] === 1) ones++;
        else if (u[i] === 0) zeros++;
        else return Infinity;
      }
      return ones === 1 && zeros === n - 1 ? 0 : Infinity;
    }
    case Reg.Simplex: {
      let sum = 0;
      let absum = 0;
      for (let i = 0; i < n; i++) {
        if (u[i] < 0) return Infinity;
        sum += u[i];
        absum += Math.abs(u[i]);
      }
      return Math.abs(sum - 1.0) <= (n - 1) * ulp(sum) * absum ? 0 : Infinity;
    }
  }
}

/** Index of the maximum; exact ties resolved by reservoir sampling with `rand`. */
function maxIndexRandom(u: Float64Array, rand: JavaRandom): number {
  let result = 0;
  let maxCount = 0;
  for (let i = 1; i < u.length; i++) {
    if (u[i] > u[result]) {
      result = i;
      maxCount = 1;
    } else if (u[i] === u[result]) {
      if (rand.nextInt(++maxCount) === 0) result = i;
    }
  }
  return result;
}

/** Scratch for the simplex projection (sized on first use per length). */
export interface SimplexScratch {
  idx: Int32Array;
  csum: Float64Array;
}

/** prox_{delta·r}(u) into `v`; returns `u` itself when the reference does. */
export function proxGrad(r: Reg, u: Float64Array, delta: number, rand: JavaRandom, v: Float64Array, sc: SimplexScratch): Float64Array {
  if (r === Reg.None || delta === 0) return u;
  const n = u.length;
  switch (r) {
    case Reg.Quadratic: {
      const f = 1 / (1 + 2 * delta);
      for (let i = 0; i < n; i++) v[i] = u[i] * f;
      return v;
    }
    case Reg.L2: {
      let s = 0;
      for (let i = 0; i < n; i++) s += u[i] * u[i];
      const weight = 1 - delta / Math.sqrt(s);
      if (weight < 0) {
        v.fill(0);
        return v;
      }
      for (let i = 0; i < n; i++) v[i] = weight * u[i];
      return v;
    }
    case Reg.L1:
      for (let i = 0; i < n; i++) v[i] = Math.max(u[i] - delta, 0) + Math.min(u[i] + delta, 0);
      return v;
    case Reg.NonNegative:
      for (let i = 0; i < n; i++) v[i] = Math.max(u[i], 0);
      return v;
    case Reg.OneSparse: {
      const idx = maxIndexRandom(u, rand);
      const top = u[idx];
      v.fill(0);
      v[idx] = top > 0 ? top : 1e-6;
      return v;
    }
    case Reg.UnitOneSparse: {
      const idx = maxIndexRandom(u, rand);
      v.fill(0);
      v[idx] = 1;
      return v;
    }
    case Reg.Simplex: {
      // Chen & Ye projection onto the simplex: ascending order (insertion sort, stable),
      // descending cumulative sums, first threshold at or above the next-lower value.
      const idxs = sc.idx;
      const csum = sc.csum;
      for (let i = 0; i < n; i++) idxs[i] = i;
      for (let i = 0; i < n; i++) {
        for (let j = i; j > 0 && u[idxs[j - 1]] > u[idxs[j]]; j--) {
          const t = idxs[j];
          idxs[j] = idxs[j - 1];
          idxs[j - 1] = t;
        }
      }
      csum[n - 1] = u[idxs[n - 1]];
      for (let i = n - 2; i >= 0; i--) csum[i] = csum[i + 1] + u[idxs[i]];
      let t = (csum[0] - 1) / n;
      for (let i = n - 1; i >= 1; i--) {
        const tmp = (csum[i] - 1) / (n - i);
        if (tmp >= u[idxs[i - 1]]) {
          t = tmp;
          break;
        }
      }
      for (let i = 0; i < n; i++) v[i] = Math.max(u[i] - t, 0);
      return v;
    }
    default:
      return u;
  }
}

/** Projection onto the regularizer's feasible set (used on the random start). */
export function project(r: Reg, u: Float64Array, rand: JavaRandom, v: Float64Array, sc: SimplexScratch): Float64Array {
  switch (r) {
    case Reg.NonNegative:
    case Reg.OneSparse:
    case Reg.UnitOneSparse:
      return proxGrad(r, u, 1, rand, v, sc);
    case Reg.Simplex:
      return regularize(r, u) === 0 ? u : proxGrad(r, u, 1, rand, v, sc);
    default:
      return u;
  }
}
