import { describe, expect, test } from 'bun:test';
import { parseHexFloat } from '../../src/scoring/hex-float.ts';

describe('hexadecimal float literals', () => {
  test.each([
    ['0x1p+2', 4],
    ['-0x1p+2', -4],
    ['0x0p+0', 0],
    ['0x1.8p1', 3],
    ['0x1.266666p+2', Math.fround(4.6)],
    ['0x1.99999ap-3', Math.fround(0.2)],
    ['0x1.0000000000001p0', 1 + 2 ** -52],
    ['0x1.00000000000008p0', 1], // a tie rounds to even
    ['0x1.00000000000018p0', 1 + 2 ** -51], // a tie rounds to even (up)
    ['0x1.000000000000081p0', 1 + 2 ** -52], // above the tie
    ['0x1p-1074', 5e-324],
    ['0x1p-1075', 0], // a tie with zero rounds to even
    ['0x1.8p-1075', 5e-324],
    ['0x1p1024', Number.POSITIVE_INFINITY],
    ['0X1P3', 8],
  ] as const)('%s', (text, value) => {
    expect(parseHexFloat(text)).toBe(value);
  });

  test.each(['abc', '1.5', '0x', '0x1', '0xp1', '0x1.2', ''])('%s is not one', (text) => {
    expect(parseHexFloat(text)).toBeUndefined();
  });
});
