/** The compiled tree sums must equal the interpreter's on the same corpus. */
import { describe, expect, test } from 'bun:test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from '../../../support/fixtures.ts';
import { RowError } from '../../../../src/errors.ts';
import {
  BITSET,
  decodeForest,
  NA_LEFT,
  NA_VS_REST,
  readTreeEnsemble,
  sumTrees,
  treeSum,
  type Forest,
  type TreeSum,
} from '../../../../src/algos/common/tree/index.ts';
import { rightCondition } from '../../../../src/algos/common/tree/split-code.ts';
import { openMojo, readHeader, type MojoSource } from '../../../../src/mojo/index.ts';
import { edgeRows, randomBlobs } from '../../../support/random-forest.ts';

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

  test('bitsets over many columns (their levels computed inline, past the locals) give the same sums', () => {
    // One 32-bit bitset split per categorical column (domain 5, NA left or right), 40 in one function.
    const width = 40;
    const blobs = Array.from({ length: width + 2 }, (_, i) =>
      Uint8Array.from([
        KIND_BITSET32_LEFT_LEAF,
        ...u16(i % width),
        i % 3 === 0 ? 3 : 2,
        (i * 37) & 0xff,
        i,
        0,
        0x80,
        ...f32(i),
        ...f32(-i),
      ]),
    );
    const domains = new Array<number>(width).fill(5);
    for (const mode of [1, 2] as const) {
      const f = decodeForest(blobs, domains, mode, 't');
      withChunkNodes(String(3 * width), () => {
        const fast = treeSum(f, 0, blobs.length, true);
        for (const row of corpus(500, width, 8)) expect(Object.is(fast(row), sumTrees(f, 0, blobs.length, row))).toBe(true);
      });
    }
  });

  test('a function reading many columns (past the column locals) reads the row directly, same sums', () => {
    // One split per column: 40 columns in one generated function, and a second function of few.
    const width = 40;
    const blobs = Array.from({ length: width + 2 }, (_, i) =>
      Uint8Array.from([0xf0, ...u16(i % width), i % 3 === 0 ? 3 : 2, ...f32(i / 8 - 1), ...f32(i + 0.5), ...f32(-i)]),
    );
    const f = decodeForest(blobs, new Array<null>(width).fill(null), 2, 't');
    const before = process.env.MOJO_SCORER_CHUNK_NODES;
    process.env.MOJO_SCORER_CHUNK_NODES = String(3 * width); // the first function takes 40 trees
    try {
      const fast = treeSum(f, 0, blobs.length, true);
      for (const row of corpus(500, width, 8)) expect(Object.is(fast(row), sumTrees(f, 0, blobs.length, row))).toBe(true);
    } finally {
      if (before === undefined) delete process.env.MOJO_SCORER_CHUNK_NODES;
      else process.env.MOJO_SCORER_CHUNK_NODES = before;
    }
  });

  const fixture = join(FIXTURES_DIR, 'jmh_gbm_prostate', 'model.zip');
  test.skipIf(!existsSync(fixture))('a real 50-tree GBM', () => {
    const src = openMojo(fixture);
    const e = readTreeEnsemble(src, readHeader(src));
    const n = e.forest.roots.length;
    const fast = treeSum(e.forest, 0, n, true);
    const slow = treeSum(e.forest, 0, n, false);
    for (const row of corpus(2000, 7, 8)) expect(fast(row)).toBe(slow(row));
  });
});

/** A sum, or the RowError message the row raised (mode 0's negative level). */
function outcome(sum: TreeSum, row: Float64Array): number | string {
  try {
    return sum(row);
  } catch (e) {
    if (e instanceof RowError) return `RowError: ${e.message}`;
    throw e;
  }
}

/** Every row must give the same sum (Object.is: -0 and NaN count) or the same RowError both ways. */
function expectSame(f: Forest, from: number, to: number, rows: readonly Float64Array[]): number {
  const fast = treeSum(f, from, to, true);
  const slow: TreeSum = (row) => sumTrees(f, from, to, row);
  let mismatches = 0;
  let first = '';
  for (const row of rows) {
    const a = outcome(fast, row);
    const b = outcome(slow, row);
    if (!Object.is(a, b)) {
      if (mismatches++ === 0)
        first = `trees [${from}, ${to}) row [${[...row].join(', ')}]: compiled ${String(a)}, interpreted ${String(b)}`;
    }
  }
  expect(first).toBe('');
  return mismatches;
}

function withChunkNodes<T>(n: string, body: () => T): T {
  const before = process.env.MOJO_SCORER_CHUNK_NODES;
  process.env.MOJO_SCORER_CHUNK_NODES = n;
  try {
    return body();
  } finally {
    if (before === undefined) delete process.env.MOJO_SCORER_CHUNK_NODES;
    else process.env.MOJO_SCORER_CHUNK_NODES = before;
  }
}

/** Numeric, small and large categorical, single-level and empty-domain features. */
const DOMAINS: readonly (number | null)[] = [null, 5, 40, 3, null, 1, 0, 100];

describe('compiled splits reproduce goesRight on every node kind, NA direction and mojo mode', () => {
  for (const mode of [0, 1, 2] as const) {
    const blobs = randomBlobs(1000 + mode, 400, mode, DOMAINS);
    const f = decodeForest(blobs, DOMAINS, mode, 'random');
    const rows = edgeRows(2000 + mode, 3000, DOMAINS);

    test(`mode ${mode}: covers every flag combination the decoder produces`, () => {
      const seen = new Set<number>();
      for (let n = 0; n < f.nodeCount; n++) if (f.feature[n] >= 0) seen.add(f.flags[n]);
      // NA right/left × threshold; NAvsREST (always NA right); bitsets; RANGE from mode 1 on.
      const expected = mode === 0 ? [0, 1, 2, 4, 5] : [0, 1, 2, 10, 12, 13];
      for (const fl of expected) expect(seen.has(fl)).toBe(true);
    });

    test(`mode ${mode}: tree by tree`, () => {
      for (let t = 0; t < blobs.length; t++) expectSame(f, t, t + 1, rows.slice(0, 600));
    });

    test(`mode ${mode}: whole forest, small chunks thread the running sum`, () => {
      withChunkNodes('7', () => expectSame(f, 0, blobs.length, rows.slice(0, 600)));
      expectSame(f, 0, blobs.length, rows);
    });

    test(`mode ${mode}: NAvsREST with missing sent left (not in the blob format) always goes left`, () => {
      const flags = f.flags.slice();
      for (let n = 0; n < f.nodeCount; n++) if ((flags[n] & NA_VS_REST) !== 0) flags[n] |= NA_LEFT;
      const g: Forest = { ...f, flags };
      expectSame(g, 0, blobs.length, rows);
    });

    test(`mode ${mode}: only mode 0 bitsets keep a call to goesRight (its negative-level error)`, () => {
      for (let n = 0; n < f.nodeCount; n++) {
        if (f.feature[n] < 0) continue;
        const src = rightCondition(f, n) ?? '';
        const calls = src.includes('gr(');
        expect(calls).toBe(mode === 0 && (f.flags[n] & BITSET) !== 0);
        // Only validated literals enter the source: no quotes, no identifiers beyond the known ones (x<c>: a column value, k<c>: its level).
        expect(src.replace(/\b(d|i|x\d+|k\d+|row|bits|gr|f|NaN|Infinity|true|false)\b/g, '')).toMatch(/^[-0-9.e+()[\]<>=!&|?:, ]*$/);
      }
    });
  }

  test('mode 0: a bitset that may throw is only tested on the row’s path (never in a branch-free subtree)', () => {
    // x1 >= 0.5 goes right to a leaf; left is a mode-0 bitset on x0, which throws on a negative level.
    const bitset = [KIND_BITSET32_LEFT_LEAF, ...u16(0), 0, 0b1010, 0, 0, 0, ...f32(1), ...f32(2)];
    const root = Uint8Array.from([KIND_THRESHOLD_RIGHT_LEAF, ...u16(1), 3, ...f32(0.5), bitset.length, ...bitset, ...f32(4)]);
    const f = decodeForest([root], [4, null], 0, 't');
    const fast = treeSum(f, 0, 1, true);
    expect(fast(Float64Array.of(-1, 1))).toBe(4);
    expect(() => fast(Float64Array.of(-1, 0))).toThrow(RowError);
    expect(fast(Float64Array.of(1, 0))).toBe(2);
    expect(fast(Float64Array.of(2, 0))).toBe(1);
  });

  test('mode 0: a negative level at a bitset raises the same RowError compiled', () => {
    const bitset = Uint8Array.from([KIND_BITSET32_LEFT_LEAF, ...u16(0), 0, 0b1010, 0, 0, 0, ...f32(1), ...f32(2)]);
    const f = decodeForest([bitset], [4], 0, 't');
    const fast = treeSum(f, 0, 1, true);
    expect(() => fast(Float64Array.of(-1))).toThrow(RowError);
    expect(outcome(fast, Float64Array.of(-1))).toBe(outcome((row) => sumTrees(f, 0, 1, row), Float64Array.of(-1)));
    expect(fast(Float64Array.of(-0.5))).toBe(1); // (int) -0.5 is 0: a level, not an error
    expect(fast(Float64Array.of(3))).toBe(2);
  });
});

/** Every tree model inside a MOJO (the root, or nested base models of an ensemble). */
function treeForests(src: MojoSource): { dir: string; forest: Forest; groups: number; perGroup: number }[] {
  const dirs = src
    .list()
    .filter((k) => k === 'model.ini' || k.endsWith('/model.ini'))
    .map((k) => k.slice(0, k.length - 'model.ini'.length))
    .filter((d) => src.list(`${d}trees/`).length > 0);
  return dirs.map((dir) => {
    const s = dir === '' ? src : src.sub(dir);
    const e = readTreeEnsemble(s, readHeader(s));
    return { dir, forest: e.forest, groups: e.groups, perGroup: e.perGroup };
  });
}

const FIXTURES = [
  'jmh_gbm_prostate',
  'drf_binomial_from_se',
  'se_binomial',
  'gbm_titanic_from_se',
  'xrt_titanic_from_se',
  'sw_multi_model_iris',
];

describe('compiled vs interpreted on the real fixture forests', () => {
  for (const name of FIXTURES) {
    const path = join(FIXTURES_DIR, name, 'model.zip');
    test.skipIf(!existsSync(path))(name, () => {
      const forests = treeForests(openMojo(path));
      expect(forests.length).toBeGreaterThan(0);
      for (const { forest: f, groups, perGroup } of forests) {
        const domains = [...f.domainLimit].map((d) => (d === Infinity ? null : d));
        const rows = edgeRows(name.length * 31 + f.nodeCount, 5000, domains);
        // The ranges the model scores (one per class), then the whole forest.
        for (let c = 0; c < perGroup; c++) expectSame(f, c * groups, (c + 1) * groups, rows);
        expectSame(f, 0, f.roots.length, rows);
      }
    });
  }
});

const KIND_BITSET32_LEFT_LEAF = 0xf8;
/** A threshold split whose left subtree's size follows in one byte and whose right child is a leaf. */
const KIND_THRESHOLD_RIGHT_LEAF = 0x40;
