/**
 * The only ways model values enter generated source (validated numeric and index literals), and
 * the one code-generation entry every evaluator goes through (compileOrInterpret).
 */
import { describe, expect, test } from 'bun:test';
import {
  callInOrder,
  ChunkedCode,
  columnLevel,
  columnValue,
  compileOrInterpret,
  declareColumns,
  indexLit,
  MAX_COMPILED_DEPTH,
  MAX_COMPILED_NODES,
  numLit,
} from '../../../src/algos/common/index.ts';

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

describe('callInOrder', () => {
  test('calls every function in order with the same arguments', () => {
    const seen: string[] = [];
    const fns = ['a', 'b', 'c'].map((name) => (x: number, y: number) => seen.push(`${name}${x}${y}`));
    callInOrder<(x: number, y: number) => void>(fns, 2)(1, 2);
    expect(seen).toEqual(['a12', 'b12', 'c12']);
  });
  test('threads a running sum from 0 through the last argument', () => {
    const fns = [(r: number[], s: number) => s + r[0], (r: number[], s: number) => s * 10 + r[1]];
    expect(callInOrder<(r: number[]) => number>(fns, 2, true)([3, 4])).toBe(34);
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

describe('compileOrInterpret', () => {
  const small = { nodes: 10, depth: 3 };
  const compiled = () => 'compiled';
  test('compiles a forest within the limits when enabled', () => {
    expect(compileOrInterpret(small, compiled, 'interpreted', true)).toBe('compiled');
    expect(compileOrInterpret({ nodes: MAX_COMPILED_NODES, depth: MAX_COMPILED_DEPTH }, compiled, 'interpreted', true)).toBe('compiled');
  });
  test('the switch, the size and the depth limits each fall back to the interpreter', () => {
    expect(compileOrInterpret(small, compiled, 'interpreted', false)).toBe('interpreted');
    expect(compileOrInterpret({ nodes: MAX_COMPILED_NODES + 1, depth: 1 }, compiled, 'interpreted', true)).toBe('interpreted');
    expect(compileOrInterpret({ nodes: 10, depth: MAX_COMPILED_DEPTH + 1 }, compiled, 'interpreted', true)).toBe('interpreted');
    expect(compileOrInterpret({ nodes: NaN, depth: 0 }, compiled, 'interpreted', true)).toBe('interpreted');
  });
  test('any failure while compiling falls back to the interpreter', () => {
    const overflow = (): string => {
      const deep = (n: number): number => (n === 0 ? 0 : 1 + deep(n - 1));
      return String(deep(1e7));
    };
    expect(compileOrInterpret(small, overflow, 'interpreted', true)).toBe('interpreted');
    expect(compileOrInterpret(small, () => new Function('return (')() as string, 'interpreted', true)).toBe('interpreted');
  });
  test('MOJO_SCORER_NO_CODEGEN is the default switch', () => {
    const saved = process.env.MOJO_SCORER_NO_CODEGEN;
    try {
      process.env.MOJO_SCORER_NO_CODEGEN = '1';
      expect(compileOrInterpret(small, compiled, 'interpreted')).toBe('interpreted');
      process.env.MOJO_SCORER_NO_CODEGEN = '0';
      expect(compileOrInterpret(small, compiled, 'interpreted')).toBe('compiled');
    } finally {
      if (saved === undefined) delete process.env.MOJO_SCORER_NO_CODEGEN;
      else process.env.MOJO_SCORER_NO_CODEGEN = saved;
    }
  });
});

describe('declareColumns', () => {
  const sumOf = (cols: number[]): string => `return ${cols.map(columnValue).join(' + ')};`;
  const run = (body: string, row: Float64Array): unknown => new Function('row', declareColumns(body, 'row'))(row);

  test('a body reading few columns declares each once, loaded from the named array', () => {
    const body = sumOf([3, 0, 3, 5]);
    const code = declareColumns(body, 'row');
    expect(code.startsWith('const x3 = row[3], x0 = row[0], x5 = row[5];\n')).toBe(true);
    expect(run(body, Float64Array.from([1, 2, 4, 8, 16, 32]))).toBe(8 + 1 + 8 + 32);
  });

  test('a body reading more than 32 columns reads the array directly, same value', () => {
    const cols = Array.from({ length: 33 }, (_, i) => i);
    const code = declareColumns(sumOf(cols), 'fv');
    expect(code).not.toContain('const');
    expect(code).toContain('fv[32]');
    const row = Float64Array.from(cols, (c) => c + 0.5);
    expect(run(sumOf(cols), row)).toBe(cols.reduce((a, c) => a + c + 0.5, 0));
  });

  test("a level k<c> is Java's (int) cast of the value in [0, INT_MAX), else INT_MAX; locals or inline, the same", () => {
    const values = [0, 0.5, -0.5, 3.99, -1, -1.5, NaN, 2147483646.5, 2147483647, 2147483648, 1e300, Infinity, -Infinity, -0];
    const expected = values.map((v) => (v > -1 && v < 2147483647 ? Math.trunc(v) | 0 : 2147483647));
    const levels = `return [${values.map((_, c) => columnLevel(c)).join(', ')}];`;
    const row = Float64Array.from(values);
    expect(declareColumns(levels, 'row').startsWith('const x0 = row[0]')).toBe(true);
    expect(run(levels, row)).toEqual(expected);
    // Past the locals (values.length columns and as many levels), the levels are computed inline.
    const wide = `${levels.slice(0, -2)}, ${Array.from({ length: 20 }, (_, i) => columnValue(i + values.length)).join(' + ')}];`;
    const inline = declareColumns(wide, 'row');
    expect(inline).not.toContain('const');
    const widened = Float64Array.from({ length: values.length + 20 }, (_, i) => (i < values.length ? values[i] : 1));
    expect((new Function('row', inline)(widened) as number[]).slice(0, values.length)).toEqual(expected);
  });
});
