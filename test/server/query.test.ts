import { describe, expect, test } from 'bun:test';
import fc from 'fast-check';
import { forEachQueryPair, queryValue } from '../../src/server/codecs/query.ts';

function pairs(url: string): [string, string][] {
  const out: [string, string][] = [];
  forEachQueryPair(url, (k, v) => out.push([k, v]));
  return out;
}

describe('query parsing', () => {
  test('plain, encoded, empty and valueless pairs', () => {
    expect(pairs('http://h/p?a=1&b=x%20y&c=&d&e=1+2#frag')).toEqual([
      ['a', '1'],
      ['b', 'x y'],
      ['c', ''],
      ['d', ''],
      ['e', '1 2'],
    ]);
    expect(pairs('http://h/p')).toEqual([]);
    expect(queryValue('http://h/p?style=compat&style=record', 'style')).toBe('compat');
  });
  test('agrees with URLSearchParams on arbitrary query strings', () => {
    const ch = fc.constantFrom(...'ab=&+%2041zé?#'.split(''));
    fc.assert(
      fc.property(
        fc.array(ch, { maxLength: 20 }).map((c) => c.join('')),
        (q) => {
          const url = `http://h/p?${q}`;
          const want = [...new URL(url).searchParams];
          expect(pairs(url)).toEqual(want);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
