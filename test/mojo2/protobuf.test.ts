import { describe, expect, test } from 'bun:test';
import { readMessage } from '../../src/mojo2/index.ts';
import { codeOf } from '../support/errors.ts';
import { Pb } from '../support/mojo2-writer.ts';

describe('protobuf wire reader', () => {
  test('reads integers (negative int64 as two’s complement), doubles, floats, strings and messages', () => {
    const bytes = new Pb()
      .int(1, 300)
      .int(2, -5)
      .int(3, -9223372036854775808n)
      .double(4, 0.1)
      .float(5, 0.1)
      .str(6, 'секрет')
      .msg(7, new Pb().int(1, 7))
      .build();
    const m = readMessage(bytes, 'test');
    expect(m.int(1)).toBe(300);
    expect(m.int(2)).toBe(-5);
    expect(m.int(3)).toBe(-9223372036854775808);
    expect(m.double(4)).toBe(0.1);
    expect(m.float(5)).toBe(Math.fround(0.1));
    expect(m.string(6)).toBe('секрет');
    expect(m.message(7).int(1)).toBe(7);
    expect(m.int(99)).toBe(0);
    expect(m.message(99).numbers()).toEqual([]);
  });

  test('reads packed and repeated fields', () => {
    const m = readMessage(
      new Pb()
        .packedDoubles(1, [1.5, -2])
        .packedInts(2, [1, -1, 2 ** 40])
        .str(3, 'a')
        .str(3, 'b')
        .build(),
      't',
    );
    expect([...m.doubles(1)]).toEqual([1.5, -2]);
    expect([...m.ints(2)]).toEqual([1, -1, 2 ** 40]);
    expect(m.strings(3)).toEqual(['a', 'b']);
  });

  test('truncated and corrupt messages are MOJO_FORMAT', () => {
    const good = new Pb().str(1, 'hello').build();
    expect(codeOf(() => readMessage(good.subarray(0, good.length - 1), 't'))).toBe('MOJO_FORMAT');
    expect(codeOf(() => readMessage(Uint8Array.of(0x08, 0x80), 't'))).toBe('MOJO_FORMAT'); // truncated varint
    expect(codeOf(() => readMessage(Uint8Array.of(0x0b), 't'))).toBe('MOJO_FORMAT'); // wire type 3
    expect(codeOf(() => readMessage(Uint8Array.of(0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f), 't'))).toBe('MOJO_FORMAT'); // huge length
    expect(codeOf(() => readMessage(new Uint8Array(11).fill(0xff), 't'))).toBe('MOJO_FORMAT'); // varint over 10 bytes
    expect(codeOf(() => readMessage(new Pb().int(1, 5).build(), 't').string(1))).toBe('MOJO_FORMAT'); // wrong wire type
  });
});
