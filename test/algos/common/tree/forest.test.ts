/** Tree blob decoder and traversal against hand-built blobs. */
import { describe, expect, test } from 'bun:test';
import { ScorerError } from '../../../../src/errors.ts';
import {
  BITSET,
  NA_LEFT,
  NA_VS_REST,
  RANGE,
  decodeForest,
  leafOf,
  leafPath,
  treeMode,
  type TreeMode,
} from '../../../../src/algos/common/tree/index.ts';

const f32 = (v: number): number[] => [...new Uint8Array(new Float32Array([v]).buffer)];
const u16 = (v: number): number[] => [v & 0xff, v >> 8];
const i32 = (v: number): number[] => [...new Uint8Array(new Int32Array([v]).buffer)];
const blob = (...parts: (number | number[])[]): Uint8Array => Uint8Array.from(parts.flat());
const BOTH_LEAVES = 0x30 | 0xc0;

function forest(b: Uint8Array, domains: (number | null)[] = [null, null, null], mode: TreeMode = 2) {
  return decodeForest([b], domains, mode, 'test');
}
const value = (f: ReturnType<typeof forest>, row: number[]): number => f.value[leafOf(f, f.roots[0], Float64Array.from(row))];

function formatCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof ScorerError ? e.code : `not a ScorerError: ${e}`;
  }
  return 'no error';
}

describe('decodeForest', () => {
  test('a lone leaf', () => {
    const f = forest(blob(0, u16(0xffff), f32(0.5)));
    expect(f.nodeCount).toBe(1);
    expect(f.feature[0]).toBe(-1);
    expect(value(f, [0, 0, 0])).toBe(0.5);
    expect(leafPath(f, f.roots[0], Float64Array.of(0, 0, 0))).toBe('');
  });

  test('numeric split: x >= t goes right, NA follows NALeft', () => {
    // col 2, NA dir 2 (NALeft), threshold 6.5, left leaf -1, right leaf 2
    const f = forest(blob(BOTH_LEAVES, u16(2), 2, f32(6.5), f32(-1), f32(2)));
    expect(f.nodeCount).toBe(3);
    expect(f.feature[0]).toBe(2);
    expect(f.flags[0]).toBe(NA_LEFT);
    expect(f.threshold[0]).toBe(6.5);
    expect(value(f, [0, 0, 6.5])).toBe(2);
    expect(value(f, [0, 0, 6.4])).toBe(-1);
    expect(value(f, [0, 0, NaN])).toBe(-1);
    expect(leafPath(f, f.roots[0], Float64Array.of(0, 0, 7))).toBe('R');
  });

  test('NARight sends missing right; threshold is the float32 value', () => {
    const f = forest(blob(BOTH_LEAVES, u16(0), 3, f32(0.1), f32(1), f32(2)));
    expect(f.threshold[0]).toBe(Math.fround(0.1));
    expect(value(f, [NaN, 0, 0])).toBe(2);
    expect(value(f, [0.1, 0, 0])).toBe(1); // 0.1 < fround(0.1) = 0.10000000149
  });

  test('left subtree behind a 1-byte size field, right leaf inline', () => {
    const inner = blob(BOTH_LEAVES, u16(0), 5, f32(1), f32(10), f32(20)); // 16 bytes
    const f = forest(blob(0xc0, u16(1), 4, f32(3), inner.length, [...inner], f32(30)));
    expect(f.nodeCount).toBe(5);
    expect(value(f, [0, 2, 0])).toBe(10);
    expect(value(f, [1, 2, 0])).toBe(20);
    expect(value(f, [1, 3, 0])).toBe(30);
    expect(value(f, [NaN, NaN, 0])).toBe(20); // NA Left (4) at the root, Right (5) below
    expect(leafPath(f, f.roots[0], Float64Array.of(5, 0, 0))).toBe('LR');
  });

  test('NAvsREST: non-missing left, missing right', () => {
    const f = forest(blob(BOTH_LEAVES, u16(1), 1, f32(-4), f32(4)));
    expect(f.flags[0]).toBe(NA_VS_REST);
    expect(value(f, [0, 1e300, 0])).toBe(-4);
    expect(value(f, [0, NaN, 0])).toBe(4);
  });

  test('compact 32-bit bitset: levels 0 and 2 go right; beyond the domain is missing (mojo >= 1.2)', () => {
    const b = blob(BOTH_LEAVES | 8, u16(0), 3, [0b101, 0, 0, 0], f32(-1), f32(1));
    const f = forest(b, [4]);
    expect(f.flags[0]).toBe(BITSET | RANGE);
    expect([0, 1, 2, 3].map((l) => value(f, [l]))).toEqual([1, -1, 1, -1]);
    expect(value(f, [4])).toBe(1); // level 4 >= domain size 4 -> NA dir (right)
    expect(value(f, [40])).toBe(1); // outside the 32-bit range -> NA dir
    // mojo 1.1: no domain check, but the range check stays
    const f1 = forest(b, [4], 1);
    expect(value(f1, [4])).toBe(-1);
    expect(value(f1, [40])).toBe(1);
    // mojo 1.0: out-of-range levels are simply "not in the set"
    const f0 = forest(b, [4], 0);
    expect(f0.flags[0]).toBe(BITSET);
    expect(value(f0, [40])).toBe(-1);
    expect(formatCode(() => value(f0, [-1]))).toBe('ROW_ERROR');
  });

  test('offset bitset (mojo >= 1.2 layout): bitoff 10, 3 bits, level 11 right', () => {
    const b = blob(BOTH_LEAVES | 12, u16(0), 2, u16(10), i32(3), [0b010], f32(-1), f32(1));
    const f = forest(b, [20]);
    expect(f.bsOff[0]).toBe(10);
    expect(f.bsLen[0]).toBe(3);
    expect([10, 11, 12].map((l) => value(f, [l]))).toEqual([-1, 1, -1]);
    expect(value(f, [9])).toBe(-1); // out of range -> NALeft
    expect(value(f, [13])).toBe(-1);
  });

  test('offset bitset (mojo 1.0/1.1 layout): u16 byte count', () => {
    const b = blob(BOTH_LEAVES | 12, u16(0), 3, u16(10), u16(1), [0b100], f32(-1), f32(1));
    const f = forest(b, [20], 1);
    expect(f.bsLen[0]).toBe(8);
    expect([10, 11, 12].map((l) => value(f, [l]))).toEqual([-1, -1, 1]);
    expect(value(f, [18])).toBe(1); // out of range -> NARight
    expect(treeMode(1.0)).toBe(0);
    expect(treeMode(1.1)).toBe(1);
    expect(treeMode(1.2)).toBe(2);
    expect(treeMode(1.4)).toBe(2);
  });

  test('absent trees keep root -1', () => {
    const f = decodeForest([null, blob(0, u16(0xffff), f32(1))], [null], 2, 't');
    expect(Array.from(f.roots)).toEqual([-1, 0]);
  });
});

describe('corrupt blobs fail with MOJO_FORMAT', () => {
  const cases: [string, Uint8Array][] = [
    ['empty', blob()],
    ['truncated leaf', blob(0, u16(0xffff), 0, 0)],
    ['truncated threshold', blob(BOTH_LEAVES, u16(0), 2, 0, 0)],
    ['column beyond features', blob(BOTH_LEAVES, u16(7), 2, f32(1), f32(1), f32(2))],
    ['unknown NA direction', blob(BOTH_LEAVES, u16(0), 9, f32(1), f32(1), f32(2))],
    ['split type 4', blob(BOTH_LEAVES | 4, u16(0), 2, f32(1), f32(1), f32(2))],
    ['invalid left mask', blob(0x10 | 0xc0, u16(0), 2, f32(1), f32(1), f32(2))],
    ['left size past the end', blob(0xc0, u16(0), 2, f32(1), 200, f32(1))],
    ['bitset bytes past the end', blob(BOTH_LEAVES | 12, u16(0), 2, u16(0), i32(4000), [1])],
    ['negative bitset size', blob(BOTH_LEAVES | 12, u16(0), 2, u16(0), i32(-8), f32(1), f32(2))],
  ];
  for (const [name, b] of cases) test(name, () => expect(formatCode(() => forest(b))).toBe('MOJO_FORMAT'));
});
