/**
 * The multinomial output step of h2o's GLM and GAM MOJOs: softmax over out[1..K] (the linear
 * predictors) with their maximum, floored at 0, subtracted; the label (out[0]) is the first
 * class with the strictly highest probability.
 */
export function softmax(out: Float64Array, K: number): void {
  let max = 0;
  for (let c = 1; c <= K; c++) if (out[c] > max) max = out[c];
  let sum = 0;
  for (let c = 1; c <= K; c++) {
    const e = Math.exp(out[c] - max);
    out[c] = e;
    sum += e;
  }
  const inv = 1 / sum;
  let best = 0;
  let label = 0;
  for (let c = 1; c <= K; c++) {
    const pr = out[c] * inv;
    out[c] = pr;
    if (pr > best) {
      best = pr;
      label = c - 1;
    }
  }
  out[0] = label;
}
