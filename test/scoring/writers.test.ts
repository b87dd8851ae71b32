import { describe, expect, test } from 'bun:test';
import fc from 'fast-check';
import type { Model, OutputColumn } from '../../src/algos/index.ts';
import { batchWriter, TextSink, singleText, type RowOutput } from '../../src/scoring/index.ts';
import { RecordLayout } from '../../src/scoring/writers/record.ts';
import { ExplanationOutput } from '../../src/scoring/writers/row-output.ts';
import { FastRowText, LayoutRowText, rowText } from '../../src/scoring/writers/row-text.ts';
import { fakeBinomial } from '../support/fake-model.ts';

/** A model with every output kind, to compare the fast writer with RecordLayout. */
function allKinds(): Model {
  const outputs: OutputColumn[] = [
    { name: 'predict', kind: 'label', domain: ['a', 'b,"c"', 'ü'] },
    { name: 'p', kind: 'number' },
    { name: 'cluster', kind: 'integer' },
    { name: 'emb "x"', kind: 'vector', size: 3 },
  ];
  return { ...fakeBinomial(), outputs, outWidth: 6 };
}

describe('row text', () => {
  const layout = new RecordLayout(allKinds());
  const fast = new FastRowText(layout);
  const ref = new LayoutRowText(layout);
  const double = fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 1, 2, 3, 0.5, -1));

  test('fast and reference writers agree on any output buffer', () => {
    fc.assert(
      fc.property(fc.array(double, { minLength: 6, maxLength: 6 }), (xs) => {
        const out = Float64Array.from(xs);
        expect(fast.json(out)).toBe(ref.json(out));
        expect(fast.csv(out)).toBe(ref.csv(out));
      }),
      { numRuns: 2000 },
    );
    expect(fast.csvHeader).toEqual(ref.csvHeader);
  });

  test('layouts with index-like or repeated names use the reference writer', () => {
    const m = {
      ...fakeBinomial(),
      outputs: [
        { name: '1', kind: 'number' },
        { name: 'a', kind: 'number' },
      ] as OutputColumn[],
      outWidth: 2,
    };
    expect(rowText(new RecordLayout(m), 'record', true)).toBeInstanceOf(LayoutRowText);
    expect(rowText(layout, 'record', true)).toBeInstanceOf(FastRowText);
    expect(rowText(layout, 'record', false)).toBeInstanceOf(LayoutRowText);
  });
});

describe('batch writer', () => {
  const layout = new RecordLayout(allKinds());
  const text = rowText(layout, 'record');
  const out = Float64Array.from([1, 0.25, 3, 1, NaN, Infinity]);
  /** A row output whose last computed row is always `out`. */
  const output: RowOutput = {
    csvHeader: text.csvHeader,
    javaNames: [],
    compute: () => {},
    json: () => text.json(out),
    csv: () => text.csv(out),
    record: () => layout.record(out),
    javaCells: () => {},
  };

  function written(format: 'csv' | 'json' | 'jsonl', header: boolean): string {
    const sink = new TextSink();
    const w = batchWriter(format, output, sink);
    w.begin(header);
    w.row(output);
    w.rowError('no "way", sorry');
    w.row(output);
    w.end();
    return sink.text();
  }

  test('CSV: header and every line end with the error column (empty for rows that scored)', () => {
    const line = '"b,""c""",0.25,3,1,,Infinity';
    expect(written('csv', true)).toBe(
      `predict,p,cluster,"emb ""x"".0","emb ""x"".1","emb ""x"".2",error\n${line},\n,,,,,,"no ""way"", sorry"\n${line},\n`,
    );
    expect(written('csv', false).split('\n')[0]).toBe(`${line},`);
  });

  test('JSON Lines and JSON arrays hold {"error"} in a failed row\'s place', () => {
    const rec = text.json(out);
    const err = JSON.stringify({ error: 'no "way", sorry' });
    expect(written('jsonl', true)).toBe(`${rec}\n${err}\n${rec}\n`);
    expect(written('json', true)).toBe(`[${rec},${err},${rec}]`);
  });

  test('a lone row: bare object, one line, or CSV without the error column', () => {
    const one = (format: 'csv' | 'json' | 'jsonl') => singleText(format, output);
    expect(one('json')).toBe(text.json(out));
    expect(one('jsonl')).toBe(`${text.json(out)}\n`);
    expect(one('csv')).toBe(`predict,p,cluster,"emb ""x"".0","emb ""x"".1","emb ""x"".2"\n${text.csv(out)}\n`);
  });

  test('explanation outputs: numbers as the records write them, strings as they are', () => {
    let values: (number | string)[] = [];
    const x = new ExplanationOutput({ names: ['a', 'b', 'c'], compute: () => values });
    const row = (v: (number | string)[]) => {
      values = v;
      x.compute(new Float64Array(0), 0);
    };
    row([1.5, NaN, 'LR']);
    expect(x.json()).toBe('{"a":1.5,"b":null,"c":"LR"}');
    expect(JSON.stringify(x.record())).toBe(x.json());
    row([1.5, NaN, 'L,R']);
    expect(x.csv()).toBe('1.5,,"L,R"');
  });

  test('an output named __proto__ stays a cell of the record (explanations and predictions)', () => {
    const x = new ExplanationOutput({ names: ['__proto__', 'b'], compute: () => [1, 2] });
    x.compute(new Float64Array(0), 0);
    expect(Object.keys(x.record())).toEqual(['__proto__', 'b']);
    expect(x.json()).toBe('{"__proto__":1,"b":2}');
    const m = { ...fakeBinomial(), outputs: [{ name: '__proto__', kind: 'number' }] as OutputColumn[], outWidth: 1 };
    for (const codegen of [true, false]) {
      const rec = new RecordLayout(m, codegen).record(Float64Array.of(0.5));
      expect(Object.keys(rec)).toEqual(['__proto__']);
      expect(JSON.stringify(rec)).toBe('{"__proto__":0.5}');
    }
  });
});

describe('text sink', () => {
  test('cuts output into chunks that join back to everything written', () => {
    const sink = new TextSink(10);
    const parts: string[] = [];
    for (let i = 0; i < 50; i++) {
      sink.write(`row ${i};`);
      if (sink.hasChunks) parts.push(...sink.take());
    }
    expect(parts.length).toBeGreaterThan(10);
    for (const c of parts) expect(c.length).toBeGreaterThanOrEqual(10);
    parts.push(...sink.take(true));
    expect(parts.join('')).toBe(Array.from({ length: 50 }, (_, i) => `row ${i};`).join(''));
    expect(sink.text()).toBe('');
    // The sink goes on after a take: a lone write, then full chunks and a partial one as one text.
    sink.write('one');
    expect(sink.text()).toBe('one');
    for (const w of ['0123456789', 'ab', 'cdefghijkl', 'z']) sink.write(w);
    expect(sink.hasChunks).toBe(true);
    expect(sink.text()).toBe('0123456789abcdefghijklz');
    expect(sink.take(true)).toEqual([]);
  });
});
