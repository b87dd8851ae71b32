/**
 * One fully connected layer of an H2O deep-learning MOJO and its forward pass.
 *
 * The summation order is part of the format's contract: h2o-genmodel accumulates a dense row
 * in eight interleaved partial sums (columns ≡ k mod 8), folds them as (s0+s1+s2+s3) then
 * (s4+…+s7), adds the leftover columns one by one and the bias last; Maxout layers sum
 * sequentially. We reproduce both orders so results match bit for bit.
 *
 * Layer 0 is fused with the categorical one-hot encoding: its input is given as a sorted list of
 * active one-hot positions (value 1) plus the dense numeric block starting at `numStart`.
 * Skipping the zero inputs is exact: a partial sum starts at +0 and adding ±0 never changes it.
 * (That needs finite weights, since inf·0 is NaN; the reader checks and otherwise
 * materialises the dense row.)
 */

export const enum Act {
  Linear,
  Softmax,
  Tanh,
  Rectifier,
  ExpRectifier,
  Maxout,
}

/** Activation names h2o-genmodel accepts, with whether the dropout rescale applies. */
export const ACTIVATIONS: ReadonlyMap<string, { act: Act; dropout: boolean }> = new Map([
  ['Linear', { act: Act.Linear, dropout: false }],
  ['Softmax', { act: Act.Softmax, dropout: false }],
  ['Tanh', { act: Act.Tanh, dropout: false }],
  ['TanhWithDropout', { act: Act.Tanh, dropout: true }],
  ['Rectifier', { act: Act.Rectifier, dropout: false }],
  ['RectifierWithDropout', { act: Act.Rectifier, dropout: true }],
  ['ExpRectifier', { act: Act.ExpRectifier, dropout: false }],
  ['ExpRectifierWithDropout', { act: Act.ExpRectifier, dropout: true }],
  ['Maxout', { act: Act.Maxout, dropout: false }],
  ['MaxoutWithDropout', { act: Act.Maxout, dropout: true }],
]);

export interface Layer {
  readonly act: Act;
  /** Factor applied after the activation (1 − dropout ratio), or 1 when none applies. */
  readonly keep: number;
  readonly inSize: number;
  readonly outSize: number;
  /** Pieces per Maxout unit (1 for every other activation). */
  readonly maxK: number;
  /**
   * Weights as the MOJO stores them after h2o's double→float narrowing, widened back to double
   * once at load (exact): the reference multiplies each float weight by a double activation,
   * i.e. in double precision, so the products are unchanged and the loads need no conversion.
   */
  readonly w: Float64Array;
  readonly b: Float64Array;
  /** Pre-activation buffer (outSize · maxK). */
  readonly pre: Float64Array;
  /** Activation output (outSize). */
  readonly out: Float64Array;
  /** Start offsets of the pieces the reference compares for one Maxout unit (see maxout()). */
  readonly maxoutPick: Int32Array;
}

const lanes = new Float64Array(8);

/**
 * Dot product of weight row `w[base..base+cols)` with an input made of one-hot positions
 * `act[0..nAct)` (sorted, all < numStart) and dense values `x[0..cols-numStart)` at numStart.
 */
export function rowDot(
  w: Float64Array,
  base: number,
  x: Float64Array,
  numStart: number,
  cols: number,
  act: Int32Array,
  nAct: number,
): number {
  const blockEnd = cols - (cols & 7);
  lanes.fill(0);
  let a = 0;
  for (; a < nAct; a++) {
    const p = act[a];
    if (p >= blockEnd) break;
    lanes[p & 7] += w[base + p];
  }
  let col = numStart;
  const head = Math.min(blockEnd, (numStart + 7) & ~7);
  for (; col < head; col++) lanes[col & 7] += w[base + col] * x[col - numStart];
  let l0 = lanes[0],
    l1 = lanes[1],
    l2 = lanes[2],
    l3 = lanes[3];
  let l4 = lanes[4],
    l5 = lanes[5],
    l6 = lanes[6],
    l7 = lanes[7];
  for (; col < blockEnd; col += 8) {
    const o = base + col;
    const j = col - numStart;
    l0 += w[o] * x[j];
    l1 += w[o + 1] * x[j + 1];
    l2 += w[o + 2] * x[j + 2];
    l3 += w[o + 3] * x[j + 3];
    l4 += w[o + 4] * x[j + 4];
    l5 += w[o + 5] * x[j + 5];
    l6 += w[o + 6] * x[j + 6];
    l7 += w[o + 7] * x[j + 7];
  }
  let v = 0;
  v += l0 + l1 + l2 + l3;
  v += l4 + l5 + l6 + l7;
  for (; a < nAct; a++) v += w[base + act[a]];
  for (col = numStart > blockEnd ? numStart : blockEnd; col < cols; col++) v += w[base + col] * x[col - numStart];
  return v;
}

/** Dense (non-Maxout) layer: pre[r] = w_r · input + b[r]. */
export function denseForward(L: Layer, x: Float64Array, numStart: number, act: Int32Array, nAct: number): void {
  const { w, b, pre, outSize, inSize } = L;
  if (numStart === 0 && nAct === 0) {
    denseRows(w, b, x, pre, outSize, inSize);
    return;
  }
  for (let r = 0; r < outSize; r++) pre[r] = rowDot(w, r * inSize, x, numStart, inSize, act, nAct) + b[r];
}

/**
 * pre[r] = w_r · x + b[r] for a fully dense input (every layer after the first): `rowDot` with
 * no one-hot part, in the same order — eight interleaved partial sums over the whole blocks of
 * eight columns, folded (s0+s1+s2+s3) then (s4+…+s7) into +0, the leftover columns one by one,
 * the bias last.
 */
export function denseRows(w: Float64Array, b: Float64Array, x: Float64Array, pre: Float64Array, rows: number, cols: number): void {
  const blockEnd = cols - (cols & 7);
  for (let r = 0, o = 0; r < rows; r++, o += cols) {
    let l0 = 0,
      l1 = 0,
      l2 = 0,
      l3 = 0,
      l4 = 0,
      l5 = 0,
      l6 = 0,
      l7 = 0;
    let col = 0;
    for (; col < blockEnd; col += 8) {
      const q = o + col;
      l0 += w[q] * x[col];
      l1 += w[q + 1] * x[col + 1];
      l2 += w[q + 2] * x[col + 2];
      l3 += w[q + 3] * x[col + 3];
      l4 += w[q + 4] * x[col + 4];
      l5 += w[q + 5] * x[col + 5];
      l6 += w[q + 6] * x[col + 6];
      l7 += w[q + 7] * x[col + 7];
    }
    let v = 0;
    v += l0 + l1 + l2 + l3;
    v += l4 + l5 + l6 + l7;
    for (; col < cols; col++) v += w[o + col] * x[col];
    pre[r] = v + b[r];
  }
}

/** Maxout pre-activations: piece k of unit r at r·maxK + k, summed column by column. */
export function maxoutForward(L: Layer, x: Float64Array, numStart: number, act: Int32Array, nAct: number): void {
  const { w, b, pre, outSize, inSize, maxK } = L;
  for (let k = 0; k < maxK; k++) {
    for (let r = 0; r < outSize; r++) {
      const c = maxK * r + k;
      let s = 0;
      for (let a = 0; a < nAct; a++) s += w[maxK * (r * inSize + act[a]) + k];
      for (let col = numStart; col < inSize; col++) s += x[col - numStart] * w[maxK * (r * inSize + col) + k];
      pre[c] = s + b[c];
    }
  }
}

/**
 * Applies the layer's activation from `pre` into `out` (then the dropout rescale).
 * Maxout compares, for unit i, the pieces at i·maxK + maxoutPick[j]: the reference's running
 * index adds 0, 1, 2, … so with maxK > 2 it reaches into the next unit's pieces. We keep that.
 */
export function activate(L: Layer): void {
  const { pre, out, outSize } = L;
  switch (L.act) {
    case Act.Linear:
      for (let i = 0; i < outSize; i++) out[i] = pre[i];
      break;
    case Act.Softmax: {
      let max = pre[0];
      for (let i = 0; i < outSize; i++) max = max < pre[i] ? pre[i] : max;
      let sum = 0;
      for (let i = 0; i < outSize; i++) {
        const e = Math.exp(pre[i] - max);
        out[i] = e;
        sum += e;
      }
      for (let i = 0; i < outSize; i++) out[i] /= sum;
      break;
    }
    case Act.Tanh:
      for (let i = 0; i < outSize; i++) out[i] = 1 - 2 / (1 + Math.exp(2 * pre[i]));
      break;
    case Act.Rectifier:
      // Not max(0, x): x + |x| overflows for x > MAX/2 exactly as the reference does.
      for (let i = 0; i < outSize; i++) out[i] = 0.5 * (pre[i] + Math.abs(pre[i]));
      break;
    case Act.ExpRectifier:
      for (let i = 0; i < outSize; i++) out[i] = pre[i] >= 0 ? pre[i] : Math.exp(pre[i]) - 1;
      break;
    case Act.Maxout: {
      const pick = L.maxoutPick;
      const k = L.maxK;
      const np = pick.length;
      for (let i = 0; i < outSize; i++) {
        const base = i * k;
        let t = pre[base];
        for (let j = 0; j < np; j++) {
          const v = pre[base + pick[j]];
          t = t > v ? t : v;
        }
        out[i] = t;
      }
      break;
    }
  }
  const keep = L.keep;
  if (keep !== 1) for (let i = 0; i < outSize; i++) out[i] *= keep;
}
