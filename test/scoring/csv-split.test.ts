import { describe, expect, test } from 'bun:test';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { splitCsv } from '../../src/scoring/decoders/csv-split.ts';

const library = (text: string) => parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];

describe('CSV request bodies', () => {
  test('quote-free text: our split equals csv-parse (LF, CRLF, BOM, empty cells and lines)', () => {
    const cell = fc.array(fc.constantFrom(...'ab1.-x '.split('')), { maxLength: 4 }).map((c) => c.join(''));
    const line = fc.array(cell, { minLength: 1, maxLength: 4 }).map((cs) => cs.join(','));
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        (lines, eol, bom, trailing) => {
          const text = (bom ? '\uFEFF' : '') + lines.join(eol) + (trailing ? eol : '');
          expect(splitCsv(text)).toEqual(library(text));
        },
      ),
      { numRuns: 3000 },
    );
  });
  test('quoted fields go to csv-parse', () => {
    expect(splitCsv('a,b\n"x, y","he said ""hi"""\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'he said "hi"'],
    ]);
  });
  test('an empty line is a row of missing values', () => {
    expect(splitCsv('a\n\n3\n')).toEqual([['a'], [''], ['3']]);
  });
  test('malformed quoting is a BAD_REQUEST', () => {
    let code = '';
    try {
      splitCsv('a,b\n"unterminated,1\n');
    } catch (e) {
      code = (e as { code: string }).code;
    }
    expect(code).toBe('BAD_REQUEST');
  });
});
