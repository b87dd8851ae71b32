import { describe, expect, test } from 'bun:test';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { CsvCursor } from '../../src/scoring/decoders/csv-cursor.ts';
import { CsvRuns, MAX_RECORD_CHARS } from '../../src/scoring/decoders/csv-runs.ts';

/** Reads runs of records as the CLI does: a cursor per run, lines counted on. */
class RecordReader {
  /** The line the next run starts on. */
  line = 1;

  read(run: string | null): string[][] {
    if (run === null) return [];
    const cursor = new CsvCursor(run, this.line);
    const records = cursor.next(Number.MAX_SAFE_INTEGER);
    this.line = cursor.line;
    return records;
  }
}

/** The file's bytes cut at `cuts`, decoded as the CLI decodes them (one streaming decoder), framed into runs. */
function splitInChunks(bytes: Uint8Array, cuts: number[], cap = MAX_RECORD_CHARS): string[][] {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const reader = new RecordReader();
  const runs = new CsvRuns(cap, () => reader.line);
  const out: string[][] = [];
  let at = 0;
  for (const c of [...cuts.map((x) => x % (bytes.length + 1))].sort((a, b) => a - b)) {
    out.push(...reader.read(runs.push(decoder.decode(bytes.subarray(at, c), { stream: true }))));
    at = c;
  }
  out.push(...reader.read(runs.push(decoder.decode(bytes.subarray(at), { stream: true }))));
  out.push(...reader.read(runs.push(decoder.decode())));
  out.push(...reader.read(runs.end()));
  return out;
}

const cell = fc.oneof(
  fc.stringMatching(/^[a-z0-9.é€-]{0,6}$/),
  fc.string({ maxLength: 6 }).map((s) => `"${s.replaceAll('"', '""')}"`),
);
const line = fc.array(cell, { minLength: 1, maxLength: 5 }).map((cells) => cells.join(','));
const csv = fc
  .tuple(fc.array(line, { minLength: 1, maxLength: 20 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.boolean())
  .map(([lines, eol, finalEol, bom]) => (bom ? '\uFEFF' : '') + lines.join(eol) + (finalEol ? eol : ''));

describe('CsvRuns', () => {
  test('matches csv-parse on random CSV cut into random chunks (LF, CRLF, CR: a CRLF may be cut in two)', () => {
    fc.assert(
      fc.property(csv, fc.array(fc.nat(), { maxLength: 8 }), (text, cuts) => {
        const expected = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false });
        expect(splitInChunks(new TextEncoder().encode(text), cuts)).toEqual(expected);
        // Uncapped (request bodies): no lines counted, the same runs.
        expect(splitInChunks(new TextEncoder().encode(text), cuts, Number.POSITIVE_INFINITY)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  test('any text over a CSV alphabet: same records as csv-parse, or both refuse it', () => {
    // One line ending: with mixed endings csv-parse keeps the first it sees, we take all three.
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
    const reader = new RecordReader();
    const runs = new CsvRuns(MAX_RECORD_CHARS, () => reader.line);
    expect(reader.read(runs.push('a,b\n1,"2\n'))).toEqual([['a', 'b']]);
    expect(() => reader.read(runs.end())).toThrow(expect.objectContaining({ code: 'BAD_REQUEST', detail: { line: 2 } }));
  });

  test('a newline inside quotes stays in its cell across chunks', () => {
    const reader = new RecordReader();
    const runs = new CsvRuns(MAX_RECORD_CHARS, () => reader.line);
    expect(reader.read(runs.push('x\n"a'))).toEqual([['x']]);
    expect(reader.read(runs.push('\nb"\n1'))).toEqual([['a\nb']]);
    expect(reader.read(runs.end())).toEqual([['1']]);
  });

  test('a record may not grow past the cap: refused at its line, holding no more than the cap (issue 18 #24)', () => {
    const cap = 1000;
    const reader = new RecordReader();
    const runs = new CsvRuns(cap, () => reader.line);
    const first = runs.push('h\n1\n2\n');
    expect(first).toBe('h\n1\n2\n');
    reader.read(first);
    let held = 0;
    let error: unknown;
    try {
      // A line without a line end, arriving in chunks: the run is refused as soon as it passes the cap.
      for (let i = 0; i < 1000; i++) {
        runs.push('9'.repeat(64));
        held += 64;
      }
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'BAD_REQUEST', detail: { line: 4 } });
    expect(held).toBeLessThanOrEqual(cap);
  });

  test('a record just under the cap passes whole', () => {
    const runs = new CsvRuns(100, () => 1);
    expect(runs.push('x'.repeat(50))).toBeNull();
    expect(runs.push(`${'y'.repeat(49)}\nz`)).toBe(`${'x'.repeat(50)}${'y'.repeat(49)}\n`);
    expect(runs.end()).toBe('z');
  });
});
