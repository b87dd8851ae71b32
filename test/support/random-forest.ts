/**
 * Random raw tree blobs in every layout the decoder reads (mojo modes 0, 1 and 2; threshold,
 * 32-bit bitset and offset bitset splits; NAvsREST typed as any of them; every NA direction),
 * and row corpora heavy in the values where the decision rule has edges: NaN, ±0, negative
 * levels, levels at and beyond the domain, fractions, values around ±2^31, ±Infinity.
 */
import type { TreeMode } from '../../src/algos/common/tree/index.ts';
import { rng } from './rng.ts';

const f32 = (v: number): number[] => [...new Uint8Array(new Float32Array([v]).buffer)];
const u16 = (v: number): number[] => [v & 0xff, (v >> 8) & 0xff];
const i32 = (v: number): number[] => [...new Uint8Array(new Int32Array([v]).buffer)];

const LEAF_COL = 0xffff;
/** nodeType bits: 4-byte left-subtree size; split kinds. */
const LEFT_SIZE_4 = 3;
const KIND_BITSET32 = 8;
const KIND_BITSET = 12;

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** A leaf value that keeps sums distinguishable (mixed magnitudes and signs). */
function leafValue(r: () => number): number {
  return pick(r, [1, -1, 0.1, 3e7, -2.5e-6, 0]) * (1 + Math.floor(r() * 1000)) + (r() < 0.05 ? -0 : 0);
}

function leaf(r: () => number): number[] {
  return [0, ...u16(LEAF_COL), ...f32(leafValue(r))];
}

/** Bitset split payload: 32-bit inline, or an offset form in the mode's byte layout. */
function bitsetPayload(r: () => number, mode: TreeMode, compact: boolean): { kind: number; bytes: number[] } {
  if (compact) return { kind: KIND_BITSET32, bytes: Array.from({ length: 4 }, () => Math.floor(r() * 256)) };
  const off = pick(r, [0, 0, 1, 2, 5, 30]);
  if (mode === 2) {
    const nbits = pick(r, [0, 1, 3, 8, 17, 32, 33, 40, 64, 100]);
    const nbytes = nbits === 0 ? 0 : ((nbits - 1) >> 3) + 1;
    return { kind: KIND_BITSET, bytes: [...u16(off), ...i32(nbits), ...Array.from({ length: nbytes }, () => Math.floor(r() * 256))] };
  }
  const nbytes = pick(r, [0, 1, 2, 4, 5, 9]);
  return { kind: KIND_BITSET, bytes: [...u16(off), ...u16(nbytes), ...Array.from({ length: nbytes }, () => Math.floor(r() * 256))] };
}

function threshold(r: () => number, domain: number | null): number {
  const lim = domain ?? 8;
  return pick(r, [
    0,
    -0,
    0.5,
    1,
    1.5,
    -1,
    -0.5,
    lim - 0.5,
    lim,
    lim + 1,
    Math.floor(r() * lim) + 0.5,
    NaN,
    Infinity,
    -Infinity,
    2 ** 31,
    -(2 ** 31),
  ]);
}

/** One random subtree of at most `depth` further levels. */
function subtree(r: () => number, mode: TreeMode, domains: readonly (number | null)[], depth: number): number[] {
  if (depth === 0 || r() < 0.15) return leaf(r);
  const col = Math.floor(r() * domains.length);
  const nsd = Math.floor(r() * 6); // 0 and 3, 5 = NA right; 2, 4 = NA left; 1 = NAvsREST
  const shape = r();
  let kind = 0;
  let payload: number[] = [];
  if (nsd === 1) {
    // NAvsREST carries no payload; typed as a bitset it re-tests the last bitset's range.
    kind = pick(r, [0, KIND_BITSET32, KIND_BITSET]);
  } else if (shape < 0.4) {
    payload = f32(threshold(r, domains[col]));
  } else {
    const b = bitsetPayload(r, mode, shape < 0.65);
    kind = b.kind;
    payload = b.bytes;
  }
  const left = subtree(r, mode, domains, depth - 1);
  const right = subtree(r, mode, domains, depth - 1);
  return [kind | LEFT_SIZE_4, ...u16(col), nsd, ...payload, ...i32(left.length), ...left, ...right];
}

/** `count` random tree blobs over features with the given domain sizes (null = numeric). */
export function randomBlobs(seed: number, count: number, mode: TreeMode, domains: readonly (number | null)[], depth = 4): Uint8Array[] {
  const r = rng(seed);
  return Array.from({ length: count }, () => Uint8Array.from(subtree(r, mode, domains, depth)));
}

/** Values where the decision rule has edges, around a column's domain size `lim`. */
function edgeValues(lim: number): number[] {
  const big = 2 ** 31;
  return [
    NaN,
    0,
    -0,
    0.5,
    -0.5,
    0.999,
    -0.999,
    1,
    -1,
    -1.5,
    -2,
    1.5,
    2,
    3,
    4.5,
    7,
    8,
    29.5,
    30,
    31,
    31.999,
    32,
    33,
    40,
    63,
    64,
    lim - 1,
    lim - 0.5,
    lim,
    lim + 0.5,
    lim + 1,
    65535,
    65536,
    big - 1,
    big - 0.5,
    big,
    big + 1,
    2 ** 32,
    2 ** 32 + 3,
    2 ** 53,
    1e300,
    Infinity,
    -big,
    -big + 0.5,
    -big - 1,
    -(2 ** 32) + 1,
    -1e300,
    -Infinity,
    Number.MIN_VALUE,
    -Number.MIN_VALUE,
  ];
}

/** Rows over features with the given domain sizes: edge values, levels in and around the domain, fractions. */
export function edgeRows(seed: number, n: number, domains: readonly (number | null)[]): Float64Array[] {
  const r = rng(seed);
  const edges = domains.map((d) => edgeValues(d ?? 8));
  return Array.from({ length: n }, () => {
    const row = new Float64Array(domains.length);
    for (let j = 0; j < row.length; j++) {
      const lim = domains[j] ?? 8;
      const u = r();
      if (u < 0.35) row[j] = pick(r, edges[j]);
      else if (u < 0.8) row[j] = Math.floor(r() * (lim + 6)) - 3;
      else if (u < 0.9) row[j] = Math.floor(r() * (lim + 6)) - 3 + pick(r, [0.25, 0.5, 0.75, -0.25]);
      else row[j] = (r() - 0.5) * 4 * lim;
    }
    return row;
  });
}
