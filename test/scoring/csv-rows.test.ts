/**
 * CsvTextRows reads quote-free records in place; RowEncoder.encodeCells on the split cells is
 * the reference (referenceRows). Both must give the same raw rows (bit for bit: -0 and NaN too), the same
 * offsets and the same errors, for any header and any cells.
 */
import { describe, expect, test } from 'bun:test';
import fc from 'fast-check';
import { CsvCursor } from '../../src/scoring/decoders/csv-cursor.ts';
import { CsvTextRows } from '../../src/scoring/decoders/csv-rows.ts';
import { type CellCount, raggedRowError } from '../../src/scoring/decoders/rows.ts';
import { RowEncoder } from '../../src/scoring/row-encoder.ts';
import { fakeBinomial } from '../support/fake-model.ts';

const encoder = new RowEncoder(fakeBinomial({ offsetColumn: 'off' }));
const COLUMNS = ['x', 'color', 'y', 'off', 'junk'];
const CELLS = [
  ...['', '0', '-0', '7', '-12', '1.5', '-1.25', '.5', '5.', '-.5', '0.000', '00012', '123456789012345', '1234567890123456'],
  ...['12345678901234567890', '0.1234567890123456789', '1e5', '1E-5', '-2.5e+3', ' 2 ', '\t3', '+3', '-', '.', '1.2.3', '--1'],
  ...['0x10', '0b1', 'NaN', '-NaN', 'Infinity', '-Infinity', 'abc', '1,5', 'é', '٣', '１'],
  ...['red', 'green', 'blue', 'Blue', 'color.red', 'color.', ' red', 'red ', 'purple'],
];

/**
 * The reference, spelled out: every record split into cells, refused whole at its first ragged
 * record (an empty line is a row of missing values), then each through RowEncoder.encodeCells.
 */
function referenceRows(header: string[], records: string[][], firstLine: number, count: CellCount = {}) {
  const max = header.length;
  const min = Math.min(count.minCells ?? max, max);
  records.forEach((r, i) => {
    const empty = r.length === 1 && r[0] === '';
    if (!empty && (r.length < min || r.length > max)) throw raggedRowError(count, 0, i, r.length, min, max, firstLine + i);
  });
  const slots = encoder.slotsFor(header, new Set());
  return {
    count: records.length,
    encode: (i: number, raw: Float64Array, lenient: boolean) => encoder.encodeCells(records[i], slots, header, raw, lenient, i),
  };
}

/** The rows of the reference, or the error refusing them all (a ragged record). */
function reference(header: string[], records: string[][], lenient: boolean, minCells?: number): unknown {
  try {
    return encodeAll(referenceRows(header, records, 2, { minCells }), lenient);
  } catch (e) {
    return (e as Error).message;
  }
}

function fast(header: string[], text: string, lenient: boolean, minCells?: number): unknown {
  const records = new CsvCursor(text, 2).records(Number.MAX_SAFE_INTEGER);
  return encodeAll(new CsvTextRows(records, header, 0, encoder, new Set(), { minCells }), lenient);
}

/**
 * Per row: the raw values (as strings, so -0 and NaN compare) and offset, or the error message;
 * but when encoding in order meets a ragged record (BAD_REQUEST), only its message, as it
 * refuses the batch (CsvTextRows counts a record's cells as it encodes it, the reference
 * counts every record first).
 */
function encodeAll(rows: { count: number; encode(i: number, raw: Float64Array, lenient: boolean): number }, lenient: boolean) {
  const raw = new Float64Array(encoder.width);
  const out: unknown[] = [];
  for (let i = 0; i < rows.count; i++) {
    try {
      const offset = rows.encode(i, raw, lenient);
      out.push([...raw].map((v) => (Object.is(v, -0) ? '-0' : String(v))).concat(`offset ${Object.is(offset, -0) ? '-0' : offset}`));
    } catch (e) {
      if ((e as { code?: string }).code === 'BAD_REQUEST') return (e as Error).message;
      out.push(`${(e as { code?: string }).code}: ${(e as Error).message}`);
    }
  }
  return out;
}

describe('CsvTextRows', () => {
  test('random headers and cells: the same raw rows, offsets and errors as encodeCells', () => {
    const header = fc.array(fc.constantFrom(...COLUMNS), { minLength: 1, maxLength: 7 });
    fc.assert(
      fc.property(
        header,
        fc.array(fc.array(fc.constantFrom(...CELLS), { minLength: 7, maxLength: 7 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (names, rows, eol, finalEol, lenient, short) => {
          // Positional rows may leave off a last (offset) column.
          const minCells = short ? names.length - 1 : undefined;
          // Cells with a comma would be two cells: keep them whole in the reference by not using them here.
          const records = rows.map((r) => r.slice(0, names.length).filter((c) => !c.includes(',')));
          const padded = records.map((r) => (r.length === 0 ? [''] : r));
          // A last empty record needs its line end to be a record at all.
          const last = padded[padded.length - 1];
          const text = padded.map((r) => r.join(',')).join(eol) + (finalEol || (last.length === 1 && last[0] === '') ? eol : '');
          expect(fast(names, text, lenient, minCells)).toEqual(reference(names, padded, lenient, minCells));
        },
      ),
      { numRuns: 3000 },
    );
  });

  test('quoted records go through the cells path and read the same', () => {
    const names = ['x', 'color', 'off'];
    const text = '1.5,"green",2\n"3","color.red","-1"\n"a,b",red,\n7,"re""d",1e1\n';
    const cells = [
      ['1.5', 'green', '2'],
      ['3', 'color.red', '-1'],
      ['a,b', 'red', ''],
      ['7', 're"d', '1e1'],
    ];
    expect(fast(names, text, true)).toEqual(reference(names, cells, true));
    expect(fast(names, text, false)).toEqual(reference(names, cells, false));
  });

  test('an empty line is a row of missing values; a short row leaves its last columns missing', () => {
    const names = ['x', 'color', 'y', 'off'];
    const got = fast(names, '\n1,red\n', true, 2) as string[][];
    expect(got[0]).toEqual(['NaN', 'NaN', 'NaN', 'offset 0']);
    expect(got[1]).toEqual(['1', '0', 'NaN', 'offset 0']);
  });

  test('a ragged record refuses the piece with the message of the cells path, naming its line', () => {
    const names = ['x', 'color'];
    const text = '1,red\n2,green,3\n';
    const records = new CsvCursor(text, 5).records(10);
    const fastError = encodeAll(new CsvTextRows(records, names, 0, encoder, new Set(), { expected: 'the header has 2 columns' }), false);
    let referenceError = '';
    try {
      referenceRows(
        names,
        [
          ['1', 'red'],
          ['2', 'green', '3'],
        ],
        5,
        { expected: 'the header has 2 columns' },
      );
    } catch (e) {
      referenceError = (e as Error).message;
    }
    expect(fastError).toBe('line 6: 3 cells, but the header has 2 columns');
    expect(fastError).toBe(referenceError);
  });

  test('the error that wins: a ragged record over a bad value before it in its piece, or in it; a bad value in an earlier piece first', () => {
    const names = ['x', 'color'];
    const count = { expected: 'the header has 2 columns' };
    const refusal = (text: string, piece = 10): string => {
      const cursor = new CsvCursor(text, 2);
      const raw = new Float64Array(encoder.width);
      for (let records = cursor.records(piece), first = 0; records.count > 0; first += records.count, records = cursor.records(piece)) {
        try {
          const rows = new CsvTextRows(records, names, first, encoder, new Set(), count);
          for (let i = 0; i < rows.count; i++) rows.encode(i, raw, false);
        } catch (e) {
          return `${(e as { code?: string }).code}: ${(e as Error).message}`;
        }
      }
      return 'none';
    };
    const ragged = 'BAD_REQUEST: line 5: 3 cells, but the header has 2 columns';
    // A bad number or a quoted bad cell before a ragged record, a bad number in it, a short record, a long one.
    expect(refusal('1,red\nabc,red\n2,green\n3,red,9\n')).toBe(ragged);
    expect(refusal('1,red\n"abc",red\n2,green\n3,red,9\n')).toBe(ragged);
    expect(refusal('1,red\n2,red\n2,green\nabc,red,9\n')).toBe(ragged);
    expect(refusal('1,red\n2,red\n2,green\nabc\n')).toBe('BAD_REQUEST: line 5: 1 cell, but the header has 2 columns');
    expect(refusal('1,red\n2,red\n2,green\n3,red,9\n')).toBe(ragged);
    // The bad value's piece ends before the ragged record's: the bad value wins.
    expect(refusal('1,red\nabc,red\n2,green\n3,red,9\n', 2)).toBe("INVALID_VALUE: row 1, column 'x': 'abc' is not a number");
    expect(refusal('1,red\nabc,red\n2,green\n3,red\n')).toBe("INVALID_VALUE: row 1, column 'x': 'abc' is not a number");
  });
});
