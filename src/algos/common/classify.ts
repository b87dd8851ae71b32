/**
 * Class decisions as h2o-genmodel's GenModel does them, shared by the tree, XGBoost and deep
 * learning classifiers: prior correction for balanced training (correctProbabilities) and the
 * predicted class (getPrediction: default threshold for two classes, arg-max with a seeded
 * tie-break otherwise).
 */
import { JavaRandom } from './java-random.ts';

/** Rescales `preds[1..k]` from the model's (oversampled) class distribution to the prior one. */
export function correctProbabilities(preds: Float64Array, k: number, prior: readonly number[], model: readonly number[]): void {
  let sum = 0;
  for (let c = 1; c <= k; c++) {
    const a = prior[c - 1];
    const b = model[c - 1];
    if (a !== 0 && b !== 0) preds[c] *= a / b;
    sum += preds[c];
  }
  if (sum > 0) for (let c = 1; c <= k; c++) preds[c] /= sum;
}

/**
 * Zero-based predicted class from the probabilities `preds[1..k]`; `row` (the raw row) seeds the
 * reference's tie-break, weighted by the `prior` class distribution when there is one.
 */
export function predictClass(
  preds: Float64Array,
  k: number,
  prior: readonly number[] | undefined,
  row: Float64Array,
  threshold: number,
): number {
  if (k === 2) return preds[2] >= threshold ? 1 : 0;
  let best = 1;
  let ties = 0;
  for (let c = 2; c <= k; c++) {
    if (preds[best] < preds[c]) {
      best = c;
      ties = 0;
    } else if (preds[best] === preds[c]) ties++;
  }
  return ties === 0 ? best - 1 : breakTie(preds, k, prior, row, best, ties);
}

/** Exact ties are rare: BigInt emulation of Java's long hash is fine here. */
function breakTie(
  preds: Float64Array,
  k: number,
  prior: readonly number[] | undefined,
  row: Float64Array,
  best: number,
  ties: number,
): number {
  // The reference's tie list always starts with class 0, then each class equal to the running best.
  const tied = [0];
  let b = 1;
  for (let c = 2; c <= k; c++) {
    if (preds[b] < preds[c]) b = c;
    else if (preds[b] === preds[c]) tied.push(c - 1);
  }
  const dv = new DataView(new ArrayBuffer(8));
  let hash = 0n;
  for (let i = 0; i < row.length; i++) {
    dv.setFloat64(0, row[i]);
    hash ^= dv.getBigInt64(0) >> 6n;
  }
  if (prior !== undefined) {
    let sum = 0;
    for (const i of tied) sum += prior[i];
    const tie = new JavaRandom(hash).nextDouble();
    let partial = 0;
    for (const i of tied) {
      partial += prior[i] / sum;
      if (tie <= partial) return i;
    }
  }
  // (int) hash % (ties + 1), Java int semantics (may be negative).
  let idx = Number(BigInt.asIntN(32, hash)) % (ties + 1);
  for (let c = 1; c <= k; c++) if (preds[best] === preds[c] && --idx < 0) return c - 1;
  // Unreachable: ties + 1 classes equal preds[best] (the reference throws "Should Not Reach Here").
  return best - 1;
}
