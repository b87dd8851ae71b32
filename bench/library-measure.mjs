// The measurement every runtime runs (Bun, Node, a chromium page): rows/s of the library's
// public API on one model — row objects → records (`scoreMany`), and pre-encoded rows
// (`scoreEncoded`). Median of `rounds` windows of `seconds` each. Plain JS: no loader needed.

/** @returns {{ records: number, encoded: number }} rows per second (medians) */
export function measure(lib, bytes, rows, seconds = 1, rounds = 5) {
  const model = lib.loadModel(bytes);
  const width = model.inputNames.length;
  const raw = new Float64Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) model.encode(rows[i], raw.subarray(i * width, (i + 1) * width), { lenient: true });
  // Rows the model cannot score would stop scoreEncoded: keep the ones it can.
  const ok = [];
  for (let i = 0; i < rows.length; i++) {
    try {
      model.scoreEncoded(raw.subarray(i * width, (i + 1) * width));
      ok.push(i);
    } catch {}
  }
  const clean = new Float64Array(ok.length * width);
  for (let j = 0; j < ok.length; j++) clean.set(raw.subarray(ok[j] * width, (ok[j] + 1) * width), j * width);
  const out = new Float64Array(ok.length * model.outputWidth);
  const rate = (fn, n) => {
    const results = [];
    for (let r = 0; r < rounds; r++) {
      let done = 0;
      const t0 = performance.now();
      let t = t0;
      while (t - t0 < seconds * 1000) {
        fn();
        done += n;
        t = performance.now();
      }
      results.push(done / ((t - t0) / 1000));
    }
    results.sort((a, b) => a - b);
    return results[Math.floor(results.length / 2)];
  };
  return {
    records: rate(() => model.scoreMany(rows, { lenient: true }), rows.length),
    encoded: rate(() => model.scoreEncoded(clean, out), ok.length),
  };
}
