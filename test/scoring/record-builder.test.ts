import { describe, expect, test } from 'bun:test';
import fc from 'fast-check';
import type { Model, OutputColumn } from '../../src/algos/index.ts';
import { RecordLayout } from '../../src/scoring/writers/record.ts';
import { compileRecordBuilder, MAX_COMPILED_COLUMNS } from '../../src/scoring/writers/record-builder.ts';
import { fakeBinomial } from '../support/fake-model.ts';

function modelWith(outputs: OutputColumn[]): Model {
  const width = outputs.reduce((s, c) => s + (c.kind === 'vector' ? c.size : 1), 0);
  return { ...fakeBinomial(), outputs, outWidth: width };
}

/** Own keys in enumeration order with their values, and the prototype: what "equal records" means. */
function shape(rec: object): { entries: [string, unknown][]; proto: unknown } {
  return { entries: Object.entries(rec), proto: Object.getPrototypeOf(rec) };
}

function expectSameRecords(outputs: OutputColumn[], outs: Float64Array[]): void {
  const m = modelWith(outputs);
  const gen = new RecordLayout(m, true);
  const loop = new RecordLayout(m, false);
  // Compiled directly too, so a silent fallback to the loop cannot make the comparison vacuous.
  const compiled =
    outputs.length <= MAX_COMPILED_COLUMNS ? compileRecordBuilder(loop.columns, loop.starts, (i, out) => loop.cell(i, out)) : undefined;
  for (const out of outs) {
    const a = gen.record(out);
    const b = loop.record(out);
    expect(shape(a)).toEqual(shape(b));
    if (compiled !== undefined) expect(shape(compiled(out))).toEqual(shape(b));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(b)).toBe(JSON.stringify(loop.interpretedRecord(out)));
  }
}

const ODD_NAMES = [
  'predict',
  'p0',
  '0',
  '1',
  '4294967295',
  '-1',
  '1.5',
  '',
  ' ',
  'a"b',
  "a'b",
  'a\\b',
  '\n',
  '}); throw new Error("x"); ({',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a column name that looks like a template literal
  '`${x}`',
  '</script>',
  'ü',
  '\u2028',
  'constructor',
  'toString',
  'hasOwnProperty',
  '__proto__',
  'k0',
  'out',
  'o',
  'v',
  'J',
];

describe('generated record builder', () => {
  const double = fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 1, 2, 3, 0.5, -1));

  test('gives the same records, key order and prototype as the loop for names that are odd, index-like or repeated', () => {
    const kind = fc.constantFrom<'label' | 'number' | 'integer' | 'vector'>('label', 'number', 'integer', 'vector');
    const column = fc.record({ name: fc.oneof(fc.constantFrom(...ODD_NAMES), fc.string({ maxLength: 4 })), kind });
    fc.assert(
      fc.property(fc.array(column, { minLength: 1, maxLength: 8 }), fc.array(double, { minLength: 40, maxLength: 40 }), (cols, xs) => {
        const outputs: OutputColumn[] = cols.map(({ name, kind }): OutputColumn => {
          if (kind === 'label') return { name, kind, domain: ['no', 'yes', 'maybe'] };
          if (kind === 'vector') return { name, kind, size: 2 };
          return { name, kind };
        });
        const out = Float64Array.from(xs);
        // Label slots hold level indices (or NaN, or out-of-range values) like a model writes.
        const labelled = Float64Array.from(xs, (x, i) => (i % 3 === 0 ? (x === x ? Math.abs(Math.trunc(x)) % 4 : NaN) : x));
        expectSameRecords(outputs, [out, labelled]);
      }),
      { numRuns: 500 },
    );
  });

  test('repeated and index-like names keep the loop semantics (last value wins, integer keys first)', () => {
    const outputs: OutputColumn[] = [
      { name: 'b', kind: 'number' },
      { name: '2', kind: 'number' },
      { name: 'b', kind: 'integer' },
      { name: '1', kind: 'number' },
    ];
    expectSameRecords(outputs, [Float64Array.from([1, 2, 3, 4])]);
    const rec = new RecordLayout(modelWith(outputs), true).record(Float64Array.from([1, 2, 3, 4]));
    expect(Object.keys(rec)).toEqual(['1', '2', 'b']);
    expect(rec.b).toBe(3);
  });

  test('a "__proto__" column is an own cell of the record in both paths (issue 18 #16)', () => {
    const outputs: OutputColumn[] = [
      { name: '__proto__', kind: 'integer' },
      { name: 'x', kind: 'number' },
    ];
    expectSameRecords(outputs, [Float64Array.from([NaN, 1]), Float64Array.from([5, 1])]);
    const rec = new RecordLayout(modelWith(outputs), true).record(Float64Array.from([5, 1]));
    expect(Object.keys(rec)).toEqual(['__proto__', 'x']);
    expect(Object.getPrototypeOf(rec)).toBe(Object.prototype);
  });

  test('a column name never becomes source text', () => {
    const evil = '"]; globalThis.__recordBuilderPwned = 1; //';
    const build = compileRecordBuilder([{ name: evil, kind: 'number' }], Int32Array.of(0), () => null);
    expect(build(Float64Array.of(2))).toEqual({ [evil]: 2 });
    expect((globalThis as Record<string, unknown>).__recordBuilderPwned).toBeUndefined();
    expect(build.toString()).not.toContain('Pwned');
  });

  test('too many columns: compiling refuses and the layout falls back to the loop', () => {
    const outputs: OutputColumn[] = Array.from({ length: MAX_COMPILED_COLUMNS + 1 }, (_, i) => ({ name: `c${i}`, kind: 'number' }));
    const starts = Int32Array.from(outputs, (_, i) => i);
    expect(() => compileRecordBuilder(outputs, starts, () => null)).toThrow();
    const out = Float64Array.from(outputs, (_, i) => i);
    expectSameRecords(outputs, [out]);
  });
});
