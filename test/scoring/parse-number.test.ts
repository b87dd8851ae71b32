import { describe, expect, test } from 'bun:test';
import fc from 'fast-check';
import { javaDoubleToString } from '../../src/scoring/java-double.ts';
import { parseNumber, plainDecimalAt, quickNumber } from '../../src/scoring/parse-number.ts';

describe('parseNumber (Double.parseDouble after trim, without Java suffix quirks)', () => {
  const cases: [string, number | undefined][] = [
    ['1.5', 1.5],
    [' 1.5 ', 1.5],
    ['\t2\n', 2],
    ['+2', 2],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['-1E-2', -0.01],
    ['1e400', Infinity],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['-0', -0],
    ['123456789012345678901234567890', 1.2345678901234568e29],
    ['abc', undefined],
    ['NA', undefined],
    ['', undefined],
    ['2f', undefined],
    ['3d', undefined],
    ['0x1p3', undefined],
    ['0x10', undefined],
    ['0b1', undefined],
    ['1_000', undefined],
    ['1,5', undefined],
  ];
  for (const [text, want] of cases) {
    test(JSON.stringify(text), () => {
      const got = parseNumber(text);
      if (want === undefined) expect(got).toBeUndefined();
      else expect(Object.is(got, want)).toBe(true);
    });
  }
  test('NaN literal parses to NaN', () => {
    expect(Number.isNaN(parseNumber('NaN'))).toBe(true);
  });
  test('agrees with the Java grammar on arbitrary short strings', () => {
    // Reference: Java's decimal grammar (minus its f/d suffixes and hex floats), after trim.
    const javaGrammar = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)$/;
    const alphabet = fc.constantFrom(...'0123456789+-.eExXbBoO NaIfinty\u00a0\t'.split(''));
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 8 }).map((cs) => cs.join('')),
        (s) => {
          const t = s.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '');
          const want = javaGrammar.test(t) ? Number(t.replace(/^\+/, '')) : undefined;
          const got = parseNumber(s);
          expect(got === undefined ? 'invalid' : got).toEqual(want === undefined ? 'invalid' : want);
        },
      ),
      { numRuns: 20000 },
    );
  });
  test('short plain decimals (the division fast path) equal Number() bit for bit', () => {
    const digits = (max: number) => fc.array(fc.constantFrom(...'0123456789'.split('')), { maxLength: max }).map((d) => d.join(''));
    fc.assert(
      fc.property(fc.boolean(), digits(16), fc.boolean(), digits(16), (neg, int, dot, frac) => {
        const text = `${neg ? '-' : ''}${int}${dot ? '.' : ''}${dot ? frac : ''}`;
        const want = /\d/.test(text) ? Number(text) : undefined;
        const got = parseNumber(text);
        expect(got === undefined ? 'invalid' : Object.is(got, want) ? 'same' : got).toBe(want === undefined ? 'invalid' : 'same');
      }),
      { numRuns: 50000 },
    );
  });
  test('quickNumber is parseNumber on the texts it takes, and NaN otherwise', () => {
    // Cells as clients send them: shortest doubles (16-17 digits), short decimals, exponents, padding, words.
    const cell = fc.oneof(
      fc.double({ noNaN: true }).map(String),
      fc.integer().map(String),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => x.toFixed(3)),
      fc.constantFrom(
        '',
        ' 1',
        '1 ',
        '+1',
        '-',
        '.',
        '.5',
        '5.',
        '-.5',
        '0x10',
        '0b1',
        '0o7',
        '00',
        '-0',
        'NaN',
        'Infinity',
        '1e3',
        '1E-2',
        'abc',
      ),
    );
    fc.assert(
      fc.property(cell, (text) => {
        const x = quickNumber(text);
        if (x === x) expect(Object.is(x, parseNumber(text))).toBe(true);
        else if (text !== 'NaN') expect(text.trim() !== text || !/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)).toBe(true);
      }),
      { numRuns: 50000 },
    );
  });
  test('plainDecimalAt reads a plain decimal of up to 15 digits in place as Number does, and nothing else', () => {
    const piece = fc.array(fc.constantFrom(...'0123456789-.+e x'.split(''), '1', '5', '9'), { maxLength: 19 }).map((c) => c.join(''));
    fc.assert(
      fc.property(piece, piece, piece, (before, cell, after) => {
        const x = plainDecimalAt(before + cell + after, before.length, before.length + cell.length);
        const plain = /^-?(\d+\.?\d*|\.\d+)$/.test(cell) && cell.replace(/\D/g, '').length <= 15;
        expect(plain ? Object.is(x, Number(cell)) : Number.isNaN(x)).toBe(true);
      }),
      { numRuns: 50000 },
    );
  });
  test('every finite double round-trips through its own text', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Object.is(parseNumber(String(x)), x) || (x === 0 && parseNumber(String(x)) === 0)).toBe(true);
      }),
    );
  });
});

describe('javaDoubleToString', () => {
  test('matches Double.toString shapes', () => {
    expect(javaDoubleToString(1)).toBe('1.0');
    expect(javaDoubleToString(0.5)).toBe('0.5');
    expect(javaDoubleToString(1e-5)).toBe('1.0E-5');
    expect(javaDoubleToString(1.2345e-7)).toBe('1.2345E-7');
    expect(javaDoubleToString(12345678)).toBe('1.2345678E7');
    expect(javaDoubleToString(0)).toBe('0.0');
    expect(javaDoubleToString(-0)).toBe('-0.0');
    expect(javaDoubleToString(NaN)).toBe('NaN');
    expect(javaDoubleToString(-Infinity)).toBe('-Infinity');
    expect(javaDoubleToString(0.001)).toBe('0.001');
  });
});
