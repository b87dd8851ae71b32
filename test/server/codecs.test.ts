import { describe, expect, test } from 'bun:test';
import { requestKind, responseFormat } from '../../src/server/codecs/media.ts';
import { ignoredHeaderValue } from '../../src/server/ignored.ts';
import { isHeader } from '../../src/scoring/decoders/body.ts';
import { RowEncoder } from '../../src/scoring/row-encoder.ts';
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

  test('q=0 means "not acceptable", also under a wildcard', () => {
    expect(codeOf(() => responseFormat('application/json;q=0', 'json'))).toBe('NOT_ACCEPTABLE');
    expect(codeOf(() => responseFormat('*/*;q=0', 'csv'))).toBe('NOT_ACCEPTABLE');
    expect(responseFormat('application/json;q=0, */*', 'json').format).toBe('csv');
    expect(responseFormat('text/*;q=0, */*;q=0.1', 'csv').format).toBe('json');
    expect(responseFormat('application/*, application/jsonlines;q=0', 'jsonl').format).toBe('json');
    expect(responseFormat('application/json, text/csv', 'csv').format).toBe('json');
    expect(responseFormat('*/*;q=0.5, text/csv', 'json').format).toBe('csv');
  });
});

test('CSV header detection: a model column named where a value could not be', () => {
  const enc = new RowEncoder(fakeBinomial());
  expect(isHeader(['x', 'color', 'y'], enc)).toBe(true);
  expect(isHeader(['x', 'other'], enc)).toBe(true);
  // One model column among many others is still a header (issue 18 #10).
  expect(isHeader(['x', 'a', 'b'], enc)).toBe(true);
  expect(isHeader(['1', 'red', '2'], enc)).toBe(false);
});

test('X-Ignored-Columns value is printable ASCII and bounded', () => {
  const names = Array.from({ length: 150 }, (_, i) => `c${i}`);
  const v = ignoredHeaderValue(names);
  expect(v.split(', ')).toHaveLength(101);
  expect(() => new Headers({ h: ignoredHeaderValue(['\u0000\r\n\u{1F600}']) })).not.toThrow();
});
