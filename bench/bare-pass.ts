/**
 * The bare pass (`bun bench/bare-pass.ts [fixture] [rows]`, also part of `npm run bench`): the
 * honest limit of a CSV batch. Over the same bytes as the CLI's and the HTTP batch's input, it
 * decodes the text, splits every line into cells, parses every cell to a number (Number()), and
 * writes the CSV our CLI writes for a binomial model (`predict,p0,p1,error`: a label, two
 * probabilities formatted as we format numbers, an empty error cell) as UTF-8 bytes, with no
 * model: the probabilities are a logistic of the row's sum, so they have the full digits of
 * real ones. What is left between this and a batch is the evaluator and our own overheads.
 */
import { readFileSync } from 'node:fs';
import { csvNumber } from '../src/scoring/writers/cells.ts';
import { bigInput } from './cli.ts';

/** Output characters encoded to bytes at a time, as the CLI's sink hands out its chunks. */
const OUT_CHUNK_CHARS = 1 << 16;
const COMMA = 44;

/** The CSV header the CLI writes for a binomial model. */
export const BINOMIAL_CSV_HEADER = 'predict,p0,p1,error\n';

/** One pass over `bytes` (a CSV file with a header line); returns the data rows it wrote and the output bytes. */
export function barePass(bytes: Uint8Array): { rows: number; outBytes: number } {
  const text = new TextDecoder().decode(bytes);
  const utf8 = new TextEncoder();
  const n = text.length;
  let rows = 0;
  let outBytes = 0;
  let out = BINOMIAL_CSV_HEADER;
  // The header line is not a row.
  let p = text.indexOf('\n') + 1;
  while (p < n) {
    let end = text.indexOf('\n', p);
    if (end < 0) end = n;
    let sum = 0;
    while (p <= end) {
      let stop = p;
      while (stop < end && text.charCodeAt(stop) !== COMMA) stop++;
      const x = Number(text.slice(p, stop));
      if (x === x) sum += x;
      p = stop + 1;
    }
    const p1 = 1 / (1 + Math.exp(-sum / 100));
    out += `${p1 >= 0.5 ? '1' : '0'},${csvNumber(1 - p1)},${csvNumber(p1)},\n`;
    if (out.length >= OUT_CHUNK_CHARS) {
      outBytes += utf8.encode(out).length;
      out = '';
    }
    rows++;
    p = end + 1;
  }
  outBytes += utf8.encode(out).length;
  return { rows, outBytes };
}

/** Rows/s of the bare pass over `bytes`: the best of `rounds` passes (the first warms the JIT). */
export function barePassRowsPerSec(bytes: Uint8Array, rounds = 5): number {
  let best = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const { rows } = barePass(bytes);
    best = Math.max(best, rows / ((performance.now() - t0) / 1000));
  }
  return best;
}

if (import.meta.main) {
  const fixture = process.argv[2] ?? 'jmh_gbm_prostate';
  const rows = Number(process.argv[3] ?? 1_000_000);
  const input = bigInput(fixture, rows);
  try {
    const rps = barePassRowsPerSec(readFileSync(input.path));
    console.log(`bare pass, ${fixture} × ${rows.toLocaleString()} rows: ${Math.round(rps).toLocaleString()} rows/s`);
  } finally {
    input.dispose();
  }
}
