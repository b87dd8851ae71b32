/** CsvCursor hands out, piece by piece, exactly the records splitCsv finds in the whole text. */
import { expect, test } from 'bun:test';
import fc from 'fast-check';
import { CsvCursor } from '../../src/scoring/decoders/csv-cursor.ts';
import { splitCsv } from '../../src/scoring/decoders/csv-split.ts';

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
  fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', ' ', 'é') }).map((s) => `"${s.replaceAll('"', '""')}"`),
);
const line = fc.array(field, { minLength: 1, maxLength: 4 }).map((cells) => cells.join(','));
const csvText = fc
  .tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean())
  .map(([lines, eol, bom, trailing]) => `${bom ? '\ufeff' : ''}${lines.join(eol)}${trailing ? eol : ''}`);

test('quoted and plain CSV: pieces of any size give splitCsv’s records', () => {
  fc.assert(
    fc.property(csvText, fc.integer({ min: 1, max: 5 }), (text, max) => {
      expect(allRecords(text, max)).toEqual(splitCsv(text));
    }),
    { numRuns: 500 },
  );
});

test('empty lines are rows of one missing cell, also at piece boundaries', () => {
  for (const text of ['a\n\nb\n', '"a"\n\n"b"\n', 'a,b\n\n\n', '"x\ny",1\n\n2,3']) {
    for (const max of [1, 2, 3]) expect(allRecords(text, max)).toEqual(splitCsv(text));
  }
});

test('malformed quoting: the cursor refuses what splitCsv refuses, and agrees on the rest', () => {
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
  const outcome = (f: () => string[][]) => {
    try {
      return f();
    } catch (e) {
      return (e as { code?: string }).code ?? 'other';
    }
  };
  fc.assert(
    fc.property(badText, fc.integer({ min: 1, max: 4 }), (text, max) => {
      expect(outcome(() => allRecords(text, max))).toEqual(outcome(() => splitCsv(text)));
    }),
    { numRuns: 500 },
  );
});
