/**
 * h2o-genmodel's GenModel.getPrediction: the predicted class from class probabilities.
 * Binomial uses the default threshold; multinomial takes the arg-max and breaks exact ties with
 * java.util.Random seeded from the raw row, weighted by the prior class distribution.
 */

/**
 * `preds[1..1+nclasses)` holds the probabilities; `data` is the raw row (tie-break seed).
 * Returns the zero-based class index.
 */
export function predictedClass(
  preds: Float64Array,
  nclasses: number,
  prior: readonly number[] | undefined,
  data: Float64Array,
  threshold: number,
): number {
  if (nclasses === 2) return preds[2] >= threshold ? 1 : 0;
  let best = 1;
  let ties = 0;
  for (let c = 2; c <= nclasses; c++) {
    if (preds[best] < preds[c]) {
      best = c;
      ties = 0;
    } else if (preds[best] === preds[c]) {
      ties++;
    }
  }
  if (ties === 0) return best - 1;
  return breakTie(preds, nclasses, prior, data, best, ties);
}

/** Rare path (exact ties): BigInt arithmetic for Java's 64-bit hash and 48-bit LCG is fine here. */
function breakTie(
  preds: Float64Array,
  nclasses: number,
  prior: readonly number[] | undefined,
  data: Float64Array,
  bestSlot: number,
  ties: number,
): number {
  // The reference's tie list starts at class 0 whatever it holds, then adds each later class
  // equal to the running best.
  const tied: number[] = [0];
  let best = 1;
  for (let c = 2; c <= nclasses; c++) {
    if (preds[best] < preds[c]) best = c;
    else if (preds[best] === preds[c]) tied.push(c - 1);
  }
  let hash = 0n;
  const bits = new DataView(new ArrayBuffer(8));
  for (let i = 0; i < data.length; i++) {
    bits.setFloat64(0, data[i]);
    hash ^= bits.getBigInt64(0) >> 6n;
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
  const res = preds[bestSlot];
  // (int) hash % (ties + 1), Java int semantics (may be negative).
  let idx = Number(BigInt.asIntN(32, hash)) % (ties + 1);
  for (let b = 1; b <= nclasses; b++) if (res === preds[b] && --idx < 0) return b - 1;
  throw new Error('Should Not Reach Here');
}

const MULT = 0x5deece66dn;
const MASK48 = (1n << 48n) - 1n;

/** java.util.Random (48-bit LCG), enough for nextDouble. */
export class JavaRandom {
  private seed: bigint;
  constructor(seed: bigint) {
    this.seed = (BigInt.asIntN(64, seed) ^ MULT) & MASK48;
  }
  private next(bits: number): number {
    this.seed = (this.seed * MULT + 0xbn) & MASK48;
    return Number(BigInt.asIntN(32, this.seed >> BigInt(48 - bits)));
  }
  nextDouble(): number {
    return (this.next(26) * 2 ** 27 + this.next(27)) * 2 ** -53;
  }
}
