/**
 * The optimised deep-learning kernels against a literal transcription of h2o-genmodel's
 * NeuralNetwork.formNNInputs (eight interleaved partial sums, folded (s0+s1+s2+s3) then
 * (s4+…+s7), leftovers, bias last; float weights times double inputs), bit for bit.
 */
import { describe, expect, test } from 'bun:test';
import { WasmDense } from '../../src/algos/deeplearning/dense-wasm.ts';
import { denseRows, rowDot } from '../../src/algos/deeplearning/layers.ts';
import { rng } from '../support/rng.ts';

/** Java's loop, verbatim: `multiple = (cols/8)*8-1`, `extra = cols - cols%8`. */
function reference(wf: Float32Array, b: Float64Array, x: Float64Array, rows: number, cols: number): Float64Array {
  const res = new Float64Array(rows);
  const extra = cols - (cols % 8);
  const multiple = Math.trunc(cols / 8) * 8 - 1;
  let idx = 0;
  for (let row = 0; row < rows; row++) {
    let p0 = 0,
      p1 = 0,
      p2 = 0,
      p3 = 0,
      p4 = 0,
      p5 = 0,
      p6 = 0,
      p7 = 0;
    for (let col = 0; col < multiple; col += 8) {
      const off = idx + col;
      p0 += wf[off] * x[col];
      p1 += wf[off + 1] * x[col + 1];
      p2 += wf[off + 2] * x[col + 2];
      p3 += wf[off + 3] * x[col + 3];
      p4 += wf[off + 4] * x[col + 4];
      p5 += wf[off + 5] * x[col + 5];
      p6 += wf[off + 6] * x[col + 6];
      p7 += wf[off + 7] * x[col + 7];
    }
    res[row] += p0 + p1 + p2 + p3;
    res[row] += p4 + p5 + p6 + p7;
    for (let col = extra; col < cols; col++) res[row] += wf[idx + col] * x[col];
    res[row] += b[row];
    idx += cols;
  }
  return res;
}

function randomLayer(seed: number, rows: number, cols: number) {
  const r = rng(seed);
  const wf = new Float32Array(rows * cols);
  for (let i = 0; i < wf.length; i++) wf[i] = (r() - 0.5) * 2 * 10 ** Math.floor(r() * 6 - 3);
  const b = Float64Array.from({ length: rows }, () => r() - 0.5);
  const x = Float64Array.from({ length: cols }, () => (r() < 0.2 ? 0 : (r() - 0.5) * 3));
  return { wf, w: Float64Array.from(wf), b, x };
}

/** Layer shapes (rows × columns): the real 200×200, and odd sizes around the kernel's groups of 4 rows and 8 columns. */
const SHAPES: [number, number][] = [
  [200, 200],
  [7, 1],
  [5, 8],
  [9, 13],
  [3, 17],
  [11, 64],
  [2, 7],
];

describe('deep learning kernels', () => {
  test('denseRows equals the reference loop bit for bit (widened float weights)', () => {
    for (const [rows, cols] of SHAPES) {
      for (let seed = 1; seed <= 5; seed++) {
        const { wf, w, b, x } = randomLayer(seed * 1000 + cols, rows, cols);
        const pre = new Float64Array(rows);
        denseRows(w, b, x, pre, rows, cols);
        const want = reference(wf, b, x, rows, cols);
        for (let i = 0; i < rows; i++) expect(Object.is(pre[i], want[i])).toBe(true);
      }
    }
  });

  test('rowDot with one-hot positions equals the reference on the expanded row', () => {
    const r = rng(42);
    for (const [numStart, cols] of [
      [0, 19],
      [5, 19],
      [8, 24],
      [11, 11],
      [3, 30],
      [16, 21],
    ]) {
      for (let rep = 0; rep < 20; rep++) {
        const rows = 4;
        const { wf, w, b } = randomLayer(rep * 31 + cols, rows, cols);
        const act: number[] = [];
        for (let p = 0; p < numStart; p++) if (r() < 0.4) act.push(p);
        const nums = Float64Array.from({ length: cols - numStart }, () => (r() - 0.5) * 4);
        const dense = new Float64Array(cols);
        for (const p of act) dense[p] = 1;
        dense.set(nums, numStart);
        const want = reference(wf, b, dense, rows, cols);
        const actArr = Int32Array.from(act);
        for (let row = 0; row < rows; row++) {
          const got = rowDot(w, row * cols, nums, numStart, cols, actArr, act.length) + b[row];
          expect(Object.is(got, want[row])).toBe(true);
        }
      }
    }
  });

  test('the WebAssembly kernel equals denseRows bit for bit (rows in groups and alone, leftover columns, NaN, ±Infinity)', () => {
    const shapes = [...SHAPES, [1, 200], [4, 9], [6, 16]];
    const layers = shapes.map(([rows, cols], i) => {
      const { w, b } = randomLayer(7000 + i, rows, cols);
      return { w, b, outSize: rows, inSize: cols };
    });
    // A layer with non-finite weights, and a slot the kernel is never asked about.
    layers[4].w[5] = Infinity;
    layers[4].w[20] = NaN;
    const kernel = WasmDense.build([...layers, null], true);
    expect(kernel).not.toBeNull();
    const r = rng(99);
    const special = [0, -0, NaN, Infinity, -Infinity, 1e308, -1e-320];
    for (let i = 0; i < layers.length; i++) {
      const L = layers[i];
      for (let rep = 0; rep < 25; rep++) {
        const x = Float64Array.from({ length: L.inSize }, () =>
          r() < 0.1 ? special[Math.floor(r() * special.length)] : (r() - 0.5) * 10 ** Math.floor(r() * 8 - 4),
        );
        const want = new Float64Array(L.outSize);
        const got = new Float64Array(L.outSize);
        denseRows(L.w, L.b, x, want, L.outSize, L.inSize);
        kernel!.forward(i, x, got);
        for (let j = 0; j < L.outSize; j++) expect(Object.is(got[j], want[j])).toBe(true);
      }
    }
  });

  test('the WebAssembly kernel stays off when code generation is', () => {
    expect(WasmDense.build([{ w: new Float64Array(4), b: new Float64Array(2), outSize: 2, inSize: 2 }], false)).toBeNull();
  });
});
