import { describe, expect, test } from 'bun:test';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { CsvByteSplitter } from '../../src/scoring/decoders/csv-bytes.ts';
import { CsvCursor } from '../../src/scoring/decoders/csv-cursor.ts';

/** Reads runs of records as the CLI does: one decoder for the stream, a cursor per run, lines counted on. */
class RecordReader {
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private line = 1;

  read(run: Uint8Array | null): string[][] {
    if (run === null) return [];
    const cursor = new CsvCursor(this.decoder.decode(run, { stream: true }), this.line);
    const records = cursor.next(Number.MAX_SAFE_INTEGER);
    this.line = cursor.line;
    return records;
  }
}

function splitInChunks(bytes: Uint8Array, cuts: number[]): string[][] {
  const splitter = new CsvByteSplitter();
  const reader = new RecordReader();
  const out: string[][] = [];
  let at = 0;
  for (const c of [...cuts.map((x) => x % (bytes.length + 1))].sort((a, b) => a - b)) {
    out.push(...reader.read(splitter.push(bytes.subarray(at, c))));
    at = c;
  }
  out.push(...reader.read(splitter.push(bytes.subarray(at))));
  out.push(...reader.read(splitter.end()));
  return out;
}

const cell = fc.oneof(
  fc.stringMatching(/^[a-z0-9.é€-]{0,6}$/),
  fc.string({ maxLength: 6 }).map((s) => `"${s.replaceAll('"', '""')}"`),
);
const line = fc.array(cell, { minLength: 1, maxLength: 5 }).map((cells) => cells.join(','));
const csv = fc
  .tuple(fc.array(line, { minLength: 1, maxLength: 20 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean())
  .map(([lines, eol, finalEol, bom]) => (bom ? '\uFEFF' : '') + lines.join(eol) + (finalEol ? eol : ''));

describe('CsvByteSplitter', () => {
  test('matches csv-parse on random CSV cut into random chunks', () => {
    fc.assert(
      fc.property(csv, fc.array(fc.nat(), { maxLength: 8 }), (text, cuts) => {
        const expected = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false });
        expect(splitInChunks(new TextEncoder().encode(text), cuts)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  test('any text over a CSV alphabet: same records as csv-parse, or both refuse it', () => {
    // One line ending: with mixed endings csv-parse keeps the first it sees, we take LF with an optional CR.
    const text = fc.array(fc.constantFrom('a', ',', '"', '\n', ' '), { maxLength: 30 }).map((c) => c.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 4 }), (t, cuts) => {
        let expected: unknown;
        try {
          expected = parse(t, { bom: true, relax_column_count: true, skip_empty_lines: false });
        } catch {
          expected = 'refused';
        }
        let got: unknown;
        try {
          got = splitInChunks(new TextEncoder().encode(t), cuts);
        } catch (e) {
          expect((e as { code?: string }).code).toBe('BAD_REQUEST');
          got = 'refused';
        }
        expect(got).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  test('an unclosed quote at the end is malformed CSV', () => {
    const splitter = new CsvByteSplitter();
    const reader = new RecordReader();
    expect(reader.read(splitter.push(new TextEncoder().encode('a,b\n1,"2\n')))).toEqual([['a', 'b']]);
    expect(() => reader.read(splitter.end())).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
  });

  test('a newline inside quotes stays in its cell across chunks', () => {
    const splitter = new CsvByteSplitter();
    const reader = new RecordReader();
    const enc = new TextEncoder();
    expect(reader.read(splitter.push(enc.encode('x\n"a')))).toEqual([['x']]);
    expect(reader.read(splitter.push(enc.encode('\nb"\n1')))).toEqual([['a\nb']]);
    expect(reader.read(splitter.end())).toEqual([['1']]);
  });
});
