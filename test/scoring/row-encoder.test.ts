import { describe, expect, test } from 'bun:test';
import fc from 'fast-check';
import { Session } from '../../src/scoring/index.ts';
import { RowEncoder } from '../../src/scoring/row-encoder.ts';
import { ScorerError } from '../../src/errors.ts';
import { codeOf } from '../support/errors.ts';
import { fakeBinomial } from '../support/fake-model.ts';

describe('RowEncoder', () => {
  const enc = new RowEncoder(fakeBinomial());
  const raw = new Float64Array(3);

  test('numbers, numeric strings, levels, missing', () => {
    enc.encodeObject({ x: 1.5, color: 'blue', y: ' 2 ' }, raw, false);
    expect([...raw]).toEqual([1.5, 2, 2]);
    enc.encodeObject({ x: null, color: '' }, raw, false);
    expect(raw.every((v) => Number.isNaN(v))).toBe(true);
  });
  test('unseen level and case change are missing, never an error', () => {
    enc.encodeObject({ color: 'Blue' }, raw, false);
    expect(Number.isNaN(raw[1])).toBe(true);
    enc.encodeObject({ color: ' blue' }, raw, false);
    expect(Number.isNaN(raw[1])).toBe(true);
  });
  test('a level also matches a domain entry stored as "<column>.<level>", as in h2o', () => {
    const m = fakeBinomial();
    (m.inputs as { name: string; domain: readonly string[] | null }[])[1] = { name: 'color', domain: ['color.red', 'color.green'] };
    const e = new RowEncoder(m);
    e.encodeObject({ color: 'green' }, raw, false);
    expect(raw[1]).toBe(1);
    e.encodeObject({ color: 'color.red' }, raw, false);
    expect(raw[1]).toBe(0);
  });
  test('levels that are special as property names are looked up like any other text', () => {
    // Without index-like levels (the prototype-less table), and with them (the map).
    for (const domain of [
      ['__proto__', 'toString', 'constructor', '01', '-1', '4294967295', 'hasOwnProperty', ''],
      ['__proto__', 'toString', '0', '01', '7', 'hasOwnProperty', ''],
    ]) {
      const m = fakeBinomial();
      (m.inputs as { name: string; domain: readonly string[] | null }[])[1] = { name: 'color', domain };
      const e = new RowEncoder(m);
      for (let i = 0; i < domain.length; i++) expect(e.level(1, domain[i])).toBe(i);
      for (const unseen of ['valueOf', '__defineGetter__', '1', '00', 'color.0', 'color.toString']) expect(e.level(1, unseen)).toBeNaN();
      const parsed = JSON.parse('{"color":"__proto__","x":"1"}') as Record<string, unknown>;
      e.encodeObject(parsed, raw, false);
      expect([...raw.subarray(0, 2)]).toEqual([1, 0]);
    }
  });
  test('numbers given for categoricals are matched as text', () => {
    const e = new RowEncoder(fakeBinomial({ domains: [null, ['0', '1', '2'], null, ['no', 'yes']] }));
    const m = e.model;
    (m.inputs as { name: string; domain: readonly string[] | null }[])[1] = { name: 'color', domain: ['0', '1', '2'] };
    const e2 = new RowEncoder(m);
    e2.encodeObject({ color: 2 }, raw, false);
    expect(raw[1]).toBe(2);
  });
  test("a numeric column's own missing texts are missing in object rows too, even when they read as numbers", () => {
    const m = fakeBinomial();
    (m.inputs as { name: string; domain: null; missingTexts?: ReadonlySet<string> }[])[0] = {
      name: 'x',
      domain: null,
      missingTexts: new Set(['-999', 'NA']),
    };
    const e = new RowEncoder(m);
    for (const text of ['-999', 'NA', '-999.0', '7']) {
      const viaObject = new Float64Array(3);
      const viaCells = new Float64Array(3);
      e.encodeObject({ x: text }, viaObject, true);
      e.encodeCells([text], e.slotsFor(['x']), ['x'], viaCells, true);
      expect([...viaObject]).toEqual([...viaCells]);
    }
    e.encodeObject({ x: '-999' }, raw, false);
    expect(Number.isNaN(raw[0])).toBe(true);
    e.encodeObject({ x: '-999.0' }, raw, false);
    expect(raw[0]).toBe(-999);
  });
  test('strict: unparsable number is INVALID_VALUE naming the column; lenient: missing', () => {
    let err: unknown;
    try {
      enc.encodeObject({ x: 'abc' }, raw, false, 7);
    } catch (e) {
      err = e;
    }
    expect((err as ScorerError).code).toBe('INVALID_VALUE');
    expect((err as ScorerError).status).toBe(400);
    expect((err as ScorerError).detail).toMatchObject({ column: 'x', row: 7 });
    enc.encodeObject({ x: 'abc' }, raw, true);
    expect(Number.isNaN(raw[0])).toBe(true);
  });
  test('objects/arrays for a numeric column are INVALID_VALUE even when lenient', () => {
    expect(() => enc.encodeObject({ x: { a: 1 } }, raw, true)).toThrow(ScorerError);
    expect(() => enc.encodeObject({ color: [1] }, raw, true)).toThrow(ScorerError);
  });
  test('unknown columns are ignored and reported', () => {
    const unknown = new Set<string>();
    enc.encodeObject({ x: 1, nope: 3 }, raw, false, 0, unknown);
    expect([...unknown]).toEqual(['nope']);
  });
  test('a row of unknown keys only is BAD_REQUEST naming them and the row; {} is a row of missing values', () => {
    expect(codeOf(() => enc.encodeObject({ nope: 3, other: 'a' }, raw, true, 7))).toBe('BAD_REQUEST');
    try {
      enc.encodeObject({ nope: 3, other: 'a' }, raw, true, 7);
    } catch (e) {
      expect((e as ScorerError).message).toBe(
        'row 7: none of its keys (nope, other) is a column of the model; expected some of: x, color, y',
      );
      expect((e as ScorerError).detail).toEqual({ row: 7, keys: 'nope, other' });
    }
    raw.fill(1);
    expect(enc.encodeObject({}, raw, false)).toBe(0);
    expect(raw.every((v) => Number.isNaN(v))).toBe(true);
  });
  test('named columns none of which the model reads are BAD_REQUEST; one known name is enough', () => {
    expect(codeOf(() => enc.checkColumns(['p', 'q']))).toBe('BAD_REQUEST');
    expect(codeOf(() => enc.checkColumns(['p', 'x']))).toBeUndefined();
    expect(codeOf(() => enc.checkColumns([]))).toBeUndefined();
  });
  test('CSV cells through header slots', () => {
    const header = ['y', 'zzz', 'color', 'x'];
    const slots = enc.slotsFor(header);
    enc.encodeCells(['3', 'q', 'red', ''], slots, header, raw, false);
    expect(raw[0]).toBeNaN();
    expect(raw[1]).toBe(0);
    expect(raw[2]).toBe(3);
  });
  test('offset column is passed separately (missing → 0)', () => {
    const m = fakeBinomial({ offsetColumn: 'off' });
    const e = new RowEncoder(m);
    expect(e.encodeObject({ x: 1, off: '2.5' }, raw, false)).toBe(2.5);
    expect(e.encodeObject({ x: 1 }, raw, false)).toBe(0);
  });
});

describe('Session records', () => {
  const s = new Session(fakeBinomial());
  test('record has reference column names, label as text', () => {
    const r = s.record({ x: 2, color: 'red', y: 0 }, false);
    expect(Object.keys(r)).toEqual(['predict', 'no', 'yes']);
    expect(r.predict).toBe('yes');
    expect(r.yes as number).toBeCloseTo(1 / (1 + Math.exp(-2)), 15);
  });
  test('a row the model cannot score throws its RowError', () => {
    expect(codeOf(() => s.record({ x: 666 }, false))).toBe('ROW_ERROR');
  });
  test('compat style is {"<response>.<label>": "<probability>"}', () => {
    const o = s.output('prediction', 'compat');
    const raw = s.newRaw();
    o.compute(raw, s.encoder.encodeObject({ x: 0 }, raw, false));
    expect(JSON.parse(o.json())).toEqual({ 'label.no': '0.5', 'label.yes': '0.5' });
    expect(o.csv()).toBe('0.5,0.5');
  });
  test('CSV cells', () => {
    const o = s.output();
    const raw = s.newRaw();
    o.compute(raw, s.encoder.encodeObject({ x: 0 }, raw, false));
    expect(o.csvHeader).toEqual(['predict', 'no', 'yes']);
    expect(o.csv()).toBe('yes,0.5,0.5');
  });
});

describe('one check for every value (all input forms share it)', () => {
  const enc = new RowEncoder(fakeBinomial());
  const raw = new Float64Array(3);

  function problem(v: Record<string, unknown>, lenient = false): { column: string; message: string } | undefined {
    try {
      enc.encodeObject(v, raw, lenient, 3);
      return undefined;
    } catch (e) {
      expect(e).toBeInstanceOf(ScorerError);
      const s = e as ScorerError;
      expect(s.code).toBe('INVALID_VALUE');
      expect(s.detail?.row).toBe(3);
      return { column: s.detail?.column as string, message: s.message };
    }
  }

  test('accepts numbers, numeric text, null, levels and unknown columns', () => {
    expect(problem({})).toBeUndefined();
    expect(problem({ x: 1.5, y: ' -2e3 ', color: 'purple', other: [1, 2] })).toBeUndefined();
    expect(problem({ x: null, y: '', color: 3 })).toBeUndefined();
    expect(problem({ x: 'NaN', y: '+Infinity', color: true })).toBeUndefined();
  });

  test('names the offending column and what is wrong with it', () => {
    expect(problem({ x: 'abc' })).toEqual({ column: 'x', message: "row 3, column 'x': 'abc' is not a number" });
    expect(problem({ y: false })).toEqual({ column: 'y', message: "row 3, column 'y': expected a number, got a boolean" });
    expect(problem({ color: {} })).toEqual({
      column: 'color',
      message: "row 3, column 'color': a categorical level must be a string, number or boolean, got an object",
    });
    expect(problem({ x: 'abc' }, true)).toBeUndefined();
    expect(problem({ x: [] }, true)?.message).toBe("row 3, column 'x': expected a number, got an array");
  });

  test('positional cells get the same checks and messages', () => {
    const names = ['x', 'color', 'y'];
    const slots = enc.slotsFor(names);
    expect(() => enc.encodeCells([1, {}, 2], slots, names, raw, true, 4)).toThrow(
      "row 4, column 'color': a categorical level must be a string, number or boolean, got an object",
    );
    expect(() => enc.encodeCells(['abc'], slots, names, raw, false, 4)).toThrow("row 4, column 'x': 'abc' is not a number");
  });
});

describe('encodeObject key memo (keys memoised by position across rows)', () => {
  const model = fakeBinomial({ offsetColumn: 'off' });
  /** Each row encoded by a fresh encoder (empty memo), the reference for a long-lived one. */
  function encodeFresh(rec: Record<string, unknown>, lenient: boolean): unknown {
    return outcome(new RowEncoder(model), rec, lenient);
  }
  function outcome(e: RowEncoder, rec: Record<string, unknown>, lenient: boolean): unknown {
    const raw = new Float64Array(3).fill(42);
    const unknown = new Set<string>();
    try {
      const offset = e.encodeObject(rec, raw, lenient, 5, unknown);
      return { raw: [...raw], offset, unknown: [...unknown] };
    } catch (err) {
      return { error: (err as Error).message };
    }
  }

  /** The same row as positional cells (every value through encodeValue), unknown names from the header. */
  function viaCells(rec: Record<string, unknown>, lenient: boolean): unknown {
    const e = new RowEncoder(model);
    const names = Object.keys(rec);
    const raw = new Float64Array(3).fill(42);
    const unknown = new Set<string>();
    try {
      const offset = e.encodeCells(Object.values(rec), e.slotsFor(names, unknown), names, raw, lenient, 5);
      return { raw: [...raw], offset, unknown: [...unknown] };
    } catch (err) {
      return { error: (err as Error).message };
    }
  }

  test('rows with changing key sets and orders encode as with no memo, and as positional cells', () => {
    const key = fc.constantFrom('x', 'color', 'y', 'off', 'nope', '0', '7', 'x ', 'X', '__proto__', 'k'.repeat(300));
    const value = fc.oneof(
      fc.constantFrom<unknown>('1', ' 2.5 ', '-0', '1e400', 'abc', '', ' ', null, 'red', ' red', 'Blue', 'color.green', 3, true, [1], {}),
      fc.double(),
      fc.string({ maxLength: 3 }),
    );
    const row = fc.array(fc.tuple(key, value), { maxLength: 8 }).map((pairs) => {
      const o: Record<string, unknown> = {};
      for (const [k, v] of pairs) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
      return o;
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), fc.boolean(), (rows, lenient) => {
        const longLived = new RowEncoder(model);
        for (const r of rows) {
          const got = outcome(longLived, r, lenient);
          expect(got).toEqual(encodeFresh(r, lenient));
          // encodeObject inlines encodeValue's common cases: positional cells go through encodeValue alone.
          // A row of unknown keys only is refused (the cells path leaves that to the named-columns check).
          const keys = Object.keys(r);
          if (keys.length > 0 && !keys.some((k) => model.inputs.some((c) => c.name === k) || k === 'off'))
            expect(got).toEqual({ error: expect.stringContaining('row 5: none of its keys') });
          else expect(got).toEqual(viaCells(r, lenient));
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('the same keys in another order, fewer or more keys, and rows longer than the memo', () => {
    const e = new RowEncoder(model);
    const rows: Record<string, unknown>[] = [
      { x: '1', color: 'red', y: '2', off: '0.5' },
      { y: '2', x: '1', off: '0.5', color: 'red' },
      { x: '3' },
      { nope: 1, x: '4', color: 'blue', y: '5', off: 1 },
      { x: '1', color: 'red', y: '2', off: '0.5' },
    ];
    const wide: Record<string, unknown> = {};
    for (let i = 0; i < 1500; i++) wide[`u${i}`] = i;
    wide['x'.repeat(300)] = 1;
    wide.y = '9';
    wide.off = '2';
    rows.push(wide, { ...wide, x: '8' }, { x: '1', color: 'green' });
    for (const r of rows) expect(outcome(e, r, false)).toEqual(encodeFresh(r, false));
    const last = outcome(e, wide, false) as { raw: number[]; offset: number; unknown: string[] };
    expect(last.raw[2]).toBe(9);
    expect(last.offset).toBe(2);
    expect(last.unknown.length).toBe(1501);
  });
});
