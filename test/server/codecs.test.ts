import { describe, expect, test } from 'bun:test';
import fc from 'fast-check';
import { isHeader } from '../../src/server/codecs/decode.ts';
import { requestKind, responseFormat } from '../../src/server/codecs/media.ts';
import { FastRecordWriter, LayoutRecordWriter, recordWriter } from '../../src/server/codecs/record-writer.ts';
import { ignoredHeaderValue } from '../../src/server/ignored.ts';
import type { Model, OutputColumn } from '../../src/algos/index.ts';
import { RecordLayout, RowEncoder } from '../../src/scoring/index.ts';
import { fakeBinomial } from '../support/fake-model.ts';
import { codeOf } from '../support/errors.ts';

describe('media types', () => {
  test('request kinds', () => {
    expect(requestKind('application/json; charset=utf-8')).toBe('json');
    expect(requestKind('Application/JSON')).toBe('json');
    expect(requestKind('text/csv')).toBe('csv');
    expect(requestKind('application/x-ndjson')).toBe('jsonl');
    expect(requestKind(null)).toBe('sniff');
    expect(requestKind('application/octet-stream')).toBe('sniff');
    expect(codeOf(() => requestKind('image/png'))).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  test('response formats', () => {
    expect(responseFormat(null, 'csv').format).toBe('csv');
    expect(responseFormat('*/*', 'jsonl').format).toBe('jsonl');
    expect(responseFormat('text/html, application/json;q=0.9', 'csv').format).toBe('json');
    expect(responseFormat('application/x-ndjson', 'json').contentType).toBe('application/x-ndjson');
    expect(responseFormat('application/*', 'csv').format).toBe('json');
    expect(responseFormat('text/*', 'json').format).toBe('csv');
    expect(responseFormat('text/csv;q=0, application/json', 'csv').format).toBe('json');
    expect(codeOf(() => responseFormat('text/html', 'json'))).toBe('NOT_ACCEPTABLE');
  });
});

test('CSV header detection: at least half the cells are model columns', () => {
  const enc = new RowEncoder(fakeBinomial());
  expect(isHeader(['x', 'color', 'y'], enc)).toBe(true);
  expect(isHeader(['x', 'other'], enc)).toBe(true);
  expect(isHeader(['x', 'a', 'b'], enc)).toBe(false);
  expect(isHeader(['1', 'red', '2'], enc)).toBe(false);
});

test('X-Ignored-Columns value is printable ASCII and bounded', () => {
  const names = Array.from({ length: 150 }, (_, i) => `c${i}`);
  const v = ignoredHeaderValue(names);
  expect(v.split(', ')).toHaveLength(101);
  expect(() => new Headers({ h: ignoredHeaderValue(['\u0000\r\n\u{1F600}']) })).not.toThrow();
});

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

describe('record writers', () => {
  const layout = new RecordLayout(allKinds());
  const fast = new FastRecordWriter(layout);
  const ref = new LayoutRecordWriter(layout);
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
    expect(fast.csvHeader).toBe(ref.csvHeader);
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
    expect(recordWriter(new RecordLayout(m), 'record', true)).toBeInstanceOf(LayoutRecordWriter);
    expect(recordWriter(layout, 'record', true)).toBeInstanceOf(FastRecordWriter);
    expect(recordWriter(layout, 'record', false)).toBeInstanceOf(LayoutRecordWriter);
  });
});
