/** The compiled tree sums must equal the interpreter's on the same corpus. */
import { describe, expect, test } from 'bun:test';
import { existsSync } from 'node:fs';
import { decodeForest, readTreeEnsemble, sumTrees, treeSum } from '../../../src/algos/tree/index.ts';
import { openMojo, readHeader } from '../../../src/mojo/index.ts';

const f32 = (v: number): number[] => [...new Uint8Array(new Float32Array([v]).buffer)];
const u16 = (v: number): number[] => [v & 0xff, v >> 8];

/** Small deterministic PRNG (mulberry32) for the row corpus. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function corpus(n: number, width: number, levels: number): Float64Array[] {
  const r = rng(7);
  const rows: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const row = new Float64Array(width);
    for (let j = 0; j < width; j++) {
      const u = r();
      row[j] = u < 0.1 ? NaN : u < 0.15 ? levels + 3 : Math.floor(r() * levels * 4) / 4;
    }
    rows.push(row);
  }
  return rows;
}

describe('compiled vs interpreted tree sums', () => {
  test('hand-built trees: NA right/left, bitset, NAvsREST, numeric split on a categorical column', () => {
    const blobs = [
      Uint8Array.from([0xf0, ...u16(0), 3, ...f32(1.5), ...f32(1), ...f32(2)]),
      Uint8Array.from([0xf0, ...u16(0), 2, ...f32(1.5), ...f32(4), ...f32(8)]),
      Uint8Array.from([0xf8, ...u16(1), 3, 0b1010, 0, 0, 0, ...f32(16), ...f32(32)]),
      Uint8Array.from([0xf0, ...u16(2), 1, ...f32(64), ...f32(128)]),
      Uint8Array.from([0xf0, ...u16(1), 2, ...f32(1.5), ...f32(256), ...f32(512)]),
    ];
    const f = decodeForest(blobs, [null, 4, null], 2, 't');
    const fast = treeSum(f, 0, blobs.length, true);
    for (const row of corpus(500, 3, 4)) expect(fast(row)).toBe(sumTrees(f, 0, blobs.length, row));
  });

  test('split into several generated functions, the running sum keeps the interpreter order', () => {
    const values = [0.1, 1e16, -1e16, 0.3, 2.5e-17, 7];
    const blobs = values.map((v, i) => Uint8Array.from([0xf0, ...u16(0), 2, ...f32(i - 2.5), ...f32(v), ...f32(-v)]));
    const f = decodeForest(blobs, [null], 1, 't');
    const before = process.env.MOJO_SCORER_CHUNK_NODES;
    process.env.MOJO_SCORER_CHUNK_NODES = '6'; // two trees (3 nodes each) per function
    try {
      const fast = treeSum(f, 0, blobs.length, true);
      for (const row of corpus(500, 1, 8)) expect(Object.is(fast(row), sumTrees(f, 0, blobs.length, row))).toBe(true);
    } finally {
      if (before === undefined) delete process.env.MOJO_SCORER_CHUNK_NODES;
      else process.env.MOJO_SCORER_CHUNK_NODES = before;
    }
  });

  const fixture = '/work/shared/fixtures/jmh_gbm_prostate/model.zip';
  test.skipIf(!existsSync(fixture))('a real 50-tree GBM', () => {
    const src = openMojo(fixture);
    const e = readTreeEnsemble(src, readHeader(src));
    const n = e.forest.roots.length;
    const fast = treeSum(e.forest, 0, n, true);
    const slow = treeSum(e.forest, 0, n, false);
    for (const row of corpus(2000, 7, 8)) expect(fast(row)).toBe(slow(row));
  });
});
