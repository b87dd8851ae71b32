/** The only ways model values enter generated source: validated numeric and index literals. */
import { describe, expect, test } from 'bun:test';
import { ChunkedCode, indexLit, numLit } from '../../../src/algos/common/index.ts';

const evalLit = (s: string): unknown => new Function(`return ${s};`)();

describe('numLit', () => {
  test('round-trips every kind of double, including -0 and the non-finite values', () => {
    const values = [0, -0, 1, -1, 0.1, -2.5e-7, 1e21, -1.7976931348623157e308, 5e-324, Math.PI, Math.fround(0.3), NaN, Infinity, -Infinity];
    let s = 1;
    for (let i = 0; i < 2000; i++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      values.push((s / 2147483648 - 0.5) * 10 ** ((s % 40) - 20));
    }
    for (const x of values) expect(Object.is(evalLit(numLit(x)), x)).toBe(true);
    expect(numLit(-0)).toBe('-0');
    expect(numLit(NaN)).toBe('NaN');
    expect(numLit(-Infinity)).toBe('-Infinity');
  });

  test('anything that is not a number is refused', () => {
    for (const bad of ['1; process.exit()', '0', null, undefined, {}, 1n, [1]]) {
      expect(() => numLit(bad as unknown as number)).toThrow();
    }
  });
});

describe('indexLit', () => {
  test('non-negative safe integers only', () => {
    expect(indexLit(0)).toBe('0');
    expect(indexLit(123456)).toBe('123456');
    for (const bad of [-1, 1.5, NaN, Infinity, 2 ** 53, '3', '0]; x[0', null]) {
      expect(() => indexLit(bad as unknown as number)).toThrow();
    }
  });
});

describe('ChunkedCode', () => {
  test('starts a new function once a chunk reaches its node budget, keeping order', () => {
    const code = new ChunkedCode<() => string>(3, (body) => new Function(`let s = ''; ${body} return s;`) as () => string);
    code.add("s += 'a';", 2);
    code.add("s += 'b';", 2); // 4 ≥ 3: flushed
    code.add("s += 'c';", 1);
    const fns = code.finish();
    expect(fns.map((f) => f())).toEqual(['ab', 'c']);
    expect(new ChunkedCode(3, () => 0).finish()).toEqual([]);
  });
});
