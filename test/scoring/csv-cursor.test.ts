/**
 * CsvCursor, the one CSV framer, against csv-parse (the reference): piece by piece it hands out
 * exactly the records csv-parse finds in the whole text, counts them as it frames them, and
 * names the line of the text in its errors.
 */
import { describe, expect, test } from 'bun:test';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { CsvCursor } from '../../src/scoring/decoders/csv-cursor.ts';

const library = (text: string) => parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];

function allRecords(text: string, max: number): string[][] {
  const cursor = new CsvCursor(text);
  const out: string[][] = [];
  for (let piece = cursor.next(max); piece.length > 0; piece = cursor.next(max)) {
    expect(piece.length).toBeLessThanOrEqual(max);
    out.push(...piece);
  }
  expect(cursor.done).toBe(true);
  return out;
}

const field = fc.oneof(
  fc.constantFrom('', 'a', '1.5', 'x y'),
  fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é') }).map((s) => `"${s.replaceAll('"', '""')}"`),
);
const line = fc.array(field, { minLength: 1, maxLength: 4 }).map((cells) => cells.join(','));
/** One kind of line end per text (csv-parse keeps the first kind it meets; we take all three). */
const csvText = fc
  .tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.boolean())
  .map(([lines, eol, bom, trailing]) => `${bom ? '\ufeff' : ''}${lines.join(eol)}${trailing ? eol : ''}`);

describe('CsvCursor frames as csv-parse reads', () => {
  test('quoted and plain CSV, LF, CRLF and CR: pieces of any size give csv-parse’s records', () => {
    fc.assert(
      fc.property(csvText, fc.integer({ min: 1, max: 5 }), (text, max) => {
        expect(allRecords(text, max)).toEqual(library(text));
      }),
      { numRuns: 1000 },
    );
  });

  test('quote-free text (LF, CRLF, BOM, empty cells and lines)', () => {
    const cell = fc.array(fc.constantFrom(...'ab1.-x '.split('')), { maxLength: 4 }).map((c) => c.join(''));
    const plain = fc.array(cell, { minLength: 1, maxLength: 4 }).map((cs) => cs.join(','));
    fc.assert(
      fc.property(
        fc.array(plain, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.boolean(),
        fc.boolean(),
        (lines, eol, bom, trailing) => {
          const text = (bom ? '\uFEFF' : '') + lines.join(eol) + (trailing ? eol : '');
          expect(allRecords(text, 2)).toEqual(library(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('empty lines are rows of one missing cell, also at piece boundaries', () => {
    for (const text of ['a\n\nb\n', '"a"\n\n"b"\n', 'a,b\n\n\n', '"x\ny",1\n\n2,3', 'a\r\rb\r']) {
      for (const max of [1, 2, 3]) expect(allRecords(text, max)).toEqual(library(text));
    }
  });

  test('quoted fields: separators, doubled quotes and line ends inside quotes', () => {
    expect(allRecords('a,b\n"x, y","he said ""hi"""\n', 9)).toEqual([
      ['a', 'b'],
      ['x, y', 'he said "hi"'],
    ]);
  });

  test('mixed line ends: LF, CRLF and a bare CR each end a record', () => {
    expect(allRecords('a\r\nb\rc\nd', 9)).toEqual([['a'], ['b'], ['c'], ['d']]);
  });

  test('malformed quoting: the cursor refuses what csv-parse refuses, and agrees on the rest', () => {
    const bad = fc.oneof(field, fc.constantFrom('a"b', '"a"b', '"open', '"a" ', 'x""'));
    const badText = fc
      .tuple(
        fc.array(
          fc.array(bad, { minLength: 1, maxLength: 3 }).map((c) => c.join(',')),
          { maxLength: 6 },
        ),
        fc.constantFrom('\n', '\r\n'),
      )
      .map(([lines, eol]) => lines.join(eol));
    // What csv-parse refuses, the cursor must refuse with a BAD_REQUEST.
    const outcome = (f: () => string[][], refused: (e: unknown) => string) => {
      try {
        return f();
      } catch (e) {
        return refused(e);
      }
    };
    fc.assert(
      fc.property(badText, fc.integer({ min: 1, max: 4 }), (text, max) => {
        const ours = outcome(
          () => allRecords(text, max),
          (e) => (e as { code?: string }).code ?? 'other',
        );
        expect(ours).toEqual(
          outcome(
            () => library(text),
            () => 'BAD_REQUEST',
          ),
        );
      }),
      { numRuns: 500 },
    );
  });
});

describe('count: the records a cursor would hand out, framed the same way', () => {
  test('count and the line after equal what records() gives, from any first line', () => {
    fc.assert(
      fc.property(csvText, fc.integer({ min: 1, max: 50 }), (text, firstLine) => {
        const reading = new CsvCursor(text, firstLine);
        let records = 0;
        for (let r = reading.records(3); r.count > 0; r = reading.records(3)) records += r.count;
        const counting = new CsvCursor(text, firstLine);
        expect(counting.count()).toBe(records);
        expect(counting.line).toBe(reading.line);
      }),
      { numRuns: 500 },
    );
  });

  test('a last record without a line end takes its line, quoted or not', () => {
    for (const text of ['a\nb', 'a\n"b"', 'a\n"b\nc"']) {
      const cursor = new CsvCursor(text, 10);
      cursor.count();
      expect(cursor.line).toBe(10 + text.split('\n').length);
    }
  });
});

describe('errors name the line of the text', () => {
  /** 1000 plain rows below a header, then a record opening a quote it never closes, on line 1002. */
  const text = `a,b\n${'1,2\n'.repeat(1000)}3,"never closed\n4,5\n`;

  test('an unterminated quote on line 1002 is reported on line 1002, in any piece', () => {
    for (const max of [1, 7, 1024, 5000]) {
      const cursor = new CsvCursor(text);
      let error: unknown;
      try {
        while (cursor.next(max).length > 0);
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: 'BAD_REQUEST', detail: { line: 1002 } });
      expect((error as Error).message).toStartWith('line 1002: malformed CSV');
    }
  });

  test('a text read from a later line (a block of a file) counts on from it', () => {
    const block = 'x\n"a"b\n';
    expect(() => new CsvCursor(block, 500).next(9)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST', detail: { line: 501 } }));
  });

  test('a stray quote on a later line of a multi-line record names that line', () => {
    const block = 'x\n"a\nb"c\n';
    expect(() => new CsvCursor(block).next(9)).toThrow(expect.objectContaining({ detail: { line: 3 } }));
  });
});

test('clone goes on from where the cursor is (a header read once)', () => {
  const cursor = new CsvCursor('h1,h2\n1,2\n3,4\n');
  expect(cursor.next(1)).toEqual([['h1', 'h2']]);
  const a = cursor.clone();
  expect(a.line).toBe(2);
  expect(a.next(9)).toEqual([
    ['1', '2'],
    ['3', '4'],
  ]);
  expect(cursor.clone().next(9)).toHaveLength(2);
});
