import { describe, expect, test } from 'bun:test';
import { ByteReader, readDoubleMatrix, readSizedDoubles } from '../../src/mojo/index.ts';
import { ScorerError } from '../../src/errors.ts';

describe('ByteReader', () => {
  test('little and big endian', () => {
    const b = new Uint8Array([1, 0, 0, 0, 0, 0, 0x80, 0x3f]);
    const le = new ByteReader(b, true);
    expect(le.i32()).toBe(1);
    expect(le.f32()).toBe(1);
    const be = new ByteReader(new Uint8Array([0, 0, 0, 2]), false);
    expect(be.i32()).toBe(2);
  });
  test('truncation is MOJO_FORMAT, never a silent undefined', () => {
    const r = new ByteReader(new Uint8Array([1, 2, 3]), true, 'blob');
    r.u16();
    let err: unknown;
    try {
      r.u16();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScorerError);
    expect((err as ScorerError).code).toBe('MOJO_FORMAT');
  });
  test('sized double arrays and matrices (big-endian, as Java writes them)', () => {
    const buf = new Uint8Array(4 + 16);
    const dv = new DataView(buf.buffer);
    dv.setInt32(0, 2);
    dv.setFloat64(4, 1.5);
    dv.setFloat64(12, -2);
    expect([...readSizedDoubles(buf, 'x')]).toEqual([1.5, -2]);
    expect(readDoubleMatrix(buf.subarray(4), 1, 2, 'm').map((r) => [...r])).toEqual([[1.5, -2]]);
    dv.setInt32(0, 99);
    expect(() => readSizedDoubles(buf, 'x')).toThrow(ScorerError);
  });
});
