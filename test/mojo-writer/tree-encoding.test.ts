/** Byte-level checks of the test-side MOJO writer against hand-computed encodings. */
import { describe, expect, test } from 'bun:test';
import {
  ByteSink,
  bitsetLayout,
  encodeAux,
  encodeTree,
  javaDouble,
  leaf,
  leafAssignment,
  renderDomain,
  scoreTree,
  split,
} from '../support/mojo-writer/index.ts';

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
/** f32 little-endian bytes as hex, for readability of the expectations. */
const f32 = (v: number): string => hex(new ByteSink().f32(v).toBytes());

describe('ByteSink', () => {
  test('little-endian widths', () => {
    const b = new ByteSink().u8(0xab).u16(0x1234).u24(0x56789a).i32(-2).u32(0xdeadbeef).f32(1.5).toBytes();
    expect(hex(b)).toBe('ab 34 12 9a 78 56 fe ff ff ff ef be ad de 00 00 c0 3f');
  });
  test('range checks', () => {
    expect(() => new ByteSink().u8(256)).toThrow();
    expect(() => new ByteSink().u16(-1)).toThrow();
    expect(() => new ByteSink().u24(1 << 24)).toThrow();
  });
});

describe('encodeTree', () => {
  test('single-leaf tree: type 0, column 0xFFFF, f32 value', () => {
    expect(hex(encodeTree(leaf(0.5)))).toBe('00 ff ff 00 00 00 3f');
  });

  test('numeric split with two leaves', () => {
    // node type 0x30 | 0xC0 (both children leaves), col 2, NA dir NALeft (2), threshold 6.5
    const t = split(2, 'NALeft', { type: 'numeric', threshold: 6.5 }, leaf(-1), leaf(2));
    expect(hex(encodeTree(t))).toBe(`f0 02 00 02 ${f32(6.5)} ${f32(-1)} ${f32(2)}`);
    expect(f32(6.5)).toBe('00 00 d0 40');
  });

  test('left subtree gets a 1-byte size; right leaf flagged', () => {
    const inner = split(0, 'Right', { type: 'numeric', threshold: 1 }, leaf(1), leaf(2)); // 4 + 4 + 8 = 16 bytes
    const t = split(1, 'Left', { type: 'numeric', threshold: 3 }, inner, leaf(9));
    const bytes = encodeTree(t);
    // 0xC0 (right leaf) | size width 1 byte (bits 0-1 = 0); col 1; NA Left (4); 3.0f; size 16
    expect(hex(bytes.subarray(0, 9))).toBe(`c0 01 00 04 ${f32(3)} 10`);
    expect(hex(bytes.subarray(9, 25))).toBe(`f0 00 00 05 ${f32(1)} ${f32(1)} ${f32(2)}`);
    expect(hex(bytes.subarray(25))).toBe(f32(9));
    expect(bytes.length).toBe(29);
  });

  test('right subtree follows the left leaf directly', () => {
    const inner = split(0, 'NARight', { type: 'numeric', threshold: 0.25 }, leaf(1), leaf(2));
    const t = split(1, 'NALeft', { type: 'numeric', threshold: 3 }, leaf(7), inner);
    // 0x30 (left leaf), right not a leaf; no size field
    expect(hex(encodeTree(t))).toBe(`30 01 00 02 ${f32(3)} ${f32(7)} f0 00 00 03 ${f32(0.25)} ${f32(1)} ${f32(2)}`);
  });

  test('left subtree of 256+ bytes uses a 2-byte size (bits 0-1 = 1)', () => {
    let sub: ReturnType<typeof split> = split(0, 'Left', { type: 'numeric', threshold: 0 }, leaf(0), leaf(0));
    while (encodeTree(sub).length < 256) sub = split(0, 'Left', { type: 'numeric', threshold: 0 }, sub, leaf(0));
    const size = encodeTree(sub).length;
    const bytes = encodeTree(split(3, 'Right', { type: 'numeric', threshold: 1 }, sub, leaf(1)));
    expect(bytes[0]).toBe(0xc1);
    expect(bytes[8] | (bytes[9] << 8)).toBe(size);
  });

  test('compact bitset split (levels < 32): kind 8, four inline bytes', () => {
    // levels 1 and 3 go right → bits 0b1010 in byte 0
    const t = split(4, 'NARight', { type: 'bitset', rightLevels: [1, 3] }, leaf(0), leaf(1));
    expect(hex(encodeTree(t))).toBe(`f8 04 00 03 0a 00 00 00 ${f32(0)} ${f32(1)}`);
  });

  test('long bitset split: kind 12, u16 offset, u32 nbits, ceil(nbits/8) bytes', () => {
    // levels 40 and 49 with offset 40, 10 bits → byte0 bit0, byte1 bit1
    const t = split(0, 'Left', { type: 'bitset', rightLevels: [40, 49], bitoff: 40, nbits: 10 }, leaf(0), leaf(1));
    expect(hex(encodeTree(t))).toBe(`fc 00 00 04 28 00 0a 00 00 00 01 02 ${f32(0)} ${f32(1)}`);
    // a level ≥ 32 without explicit layout picks the long form from 0
    expect(bitsetLayout({ rightLevels: [33] })).toMatchObject({ compact: false, bitoff: 0, nbits: 34 });
  });

  test('NA-vs-rest split has no payload and needs the NAvsREST direction', () => {
    const t = split(1, 'NAvsREST', { type: 'naVsRest' }, leaf(1), leaf(2));
    expect(hex(encodeTree(t))).toBe(`f0 01 00 01 ${f32(1)} ${f32(2)}`);
    expect(() => encodeTree(split(1, 'NALeft', { type: 'naVsRest' }, leaf(1), leaf(2)))).toThrow();
  });
});

describe('encodeAux', () => {
  test('one 40-byte record per split, pre-order, breadth-first node ids', () => {
    const inner = split(
      0,
      'Right',
      { type: 'numeric', threshold: 1 },
      leaf(1, { weight: 3, sqErr: 0.5 }),
      leaf(2, { weight: 1, sqErr: 0 }),
    );
    const t = split(1, 'Left', { type: 'numeric', threshold: 3 }, inner, leaf(4, { weight: 4, sqErr: 1 }));
    const aux = encodeAux(t);
    expect(aux.length).toBe(80);
    const v = new DataView(aux.buffer, aux.byteOffset, aux.byteLength);
    // root: nid 0, 1 split in its left subtree, weights 4|4, preds (1·3+2·1)/4 = 1.25 | 4, sqErr 0.5|1, children 1,2
    expect([v.getInt32(0, true), v.getInt32(4, true)]).toEqual([0, 1]);
    expect([8, 12, 16, 20, 24, 28].map((o) => v.getFloat32(o, true))).toEqual([4, 4, 1.25, 4, 0.5, 1]);
    expect([v.getInt32(32, true), v.getInt32(36, true)]).toEqual([1, 2]);
    // inner: nid 1, no splits on its left, weights 3|1, preds 1|2, children 3,4
    expect([v.getInt32(40, true), v.getInt32(44, true)]).toEqual([1, 0]);
    expect([48, 52, 56, 60].map((o) => v.getFloat32(o, true))).toEqual([3, 1, 1, 2]);
    expect([v.getInt32(72, true), v.getInt32(76, true)]).toEqual([3, 4]);
  });

  test('single-leaf tree has an empty aux blob', () => {
    expect(encodeAux(leaf(1)).length).toBe(0);
  });
});

describe('reference traversal', () => {
  const domains = [null, ['a', 'b', 'c']];
  const t = split(
    0,
    'NALeft',
    { type: 'numeric', threshold: 10 },
    leaf(1),
    split(1, 'NARight', { type: 'bitset', rightLevels: [2] }, leaf(2), leaf(3)),
  );
  test('numeric: x >= threshold goes right; NaN follows the NA direction', () => {
    expect(scoreTree(t, [9.999, 0], domains)).toBe(1);
    expect(scoreTree(t, [10, 0], domains)).toBe(2);
    expect(scoreTree(t, [NaN, 2], domains)).toBe(1);
  });
  test('bitset: member goes right; missing / out-of-domain levels follow the NA direction', () => {
    expect(scoreTree(t, [11, 2], domains)).toBe(3);
    expect(scoreTree(t, [11, 1], domains)).toBe(2);
    expect(scoreTree(t, [11, NaN], domains)).toBe(3);
    expect(scoreTree(t, [11, 3], domains)).toBe(3);
  });
  test('threshold is compared as float32', () => {
    const u = split(0, 'Left', { type: 'numeric', threshold: 0.1 }, leaf(0), leaf(1));
    expect(scoreTree(u, [0.1])).toBe(0); // 0.1 < fround(0.1)
    expect(scoreTree(u, [Math.fround(0.1)])).toBe(1);
  });
  test('leaf assignment path and node id', () => {
    expect(leafAssignment(t, [11, 2], domains)).toEqual({ path: 'RR', nid: 4 });
    expect(leafAssignment(t, [1, 2], domains)).toEqual({ path: 'L', nid: 1 });
  });
});

describe('model.ini values', () => {
  test('doubles never look like ints', () => {
    expect(javaDouble(1)).toBe('1.0');
    expect(javaDouble(-0.25)).toBe('-0.25');
    expect(javaDouble(1e-7)).toBe('1e-7');
    expect(javaDouble(NaN)).toBe('NaN');
  });
  test('domain files: one level per line, newlines escaped', () => {
    expect(renderDomain(['a', 'b c', 'x\ny'])).toBe('a\nb c\nx\\ny\n');
  });
});
