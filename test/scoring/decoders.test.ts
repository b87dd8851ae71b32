import { describe, expect, test } from 'bun:test';
import { DecodedItems, RowEncoder, streamBody, type DecodeOptions } from '../../src/scoring/index.ts';
import { codeOf } from '../support/errors.ts';
import { fakeBinomial } from '../support/fake-model.ts';

const encoder = new RowEncoder(fakeBinomial());
const options: DecodeOptions = { encoder, positional: ['x', 'color', 'y'], csvHeaderAlways: false };
const raw = new Float64Array(3);

/** Every row of a body, encoded: [x, color level, y, offset]. */
function encoded(text: string, kind: 'json' | 'jsonl' | 'csv' | 'sniff', unknown = new Set<string>(), lenient = false): number[][] {
  const source = streamBody(text, kind, options).open(encoder, unknown);
  const out: number[][] = [];
  for (let rows = source.next(); rows !== null; rows = source.next()) {
    for (let i = 0; i < rows.count; i++) {
      const offset = rows.encode(i, raw, lenient);
      out.push([...raw, offset]);
    }
  }
  return out;
}

describe('request decoders: every form reaches the same encoded row', () => {
  const expected = [[1.5, 2, 2, 0]];
  test('object, array of objects, positional arrays, {fields, rows}, JSON Lines, CSV with and without header', () => {
    expect(encoded('{"x": 1.5, "color": "blue", "y": "2"}', 'json')).toEqual(expected);
    expect(encoded('[{"y": 2, "color": "blue", "x": 1.5}]', 'json')).toEqual(expected);
    expect(encoded('[[1.5, "blue", 2]]', 'json')).toEqual(expected);
    expect(encoded('{"fields": ["y", "x", "color"], "rows": [["2", 1.5, "blue"]]}', 'json')).toEqual(expected);
    expect(encoded('[1.5, "blue", 2]\n{"x": 1.5, "color": "blue", "y": 2}\n', 'jsonl')).toEqual([...expected, ...expected]);
    expect(encoded('y,color,x\n2,blue,1.5\n', 'csv')).toEqual(expected);
    expect(encoded('1.5,blue,2\n', 'csv')).toEqual(expected);
    expect(encoded('1.5,blue,2\n', 'sniff')).toEqual(expected);
  });

  test('positional names the model does not read are reported once, when the batch is bound', () => {
    const unknown = new Set<string>();
    encoded('{"fields": ["x", "zzz"], "rows": [[1, 2], [3, 4]]}', 'json', unknown);
    expect([...unknown]).toEqual(['zzz']);
  });

  test('a row of the wrong shape is a BAD_REQUEST naming it', () => {
    expect(codeOf(() => encoded('[[1, "red", 2], {"x": 1}]', 'json'))).toBe('BAD_REQUEST');
    expect(() => encoded('[{"x": 1}, [1]]', 'json')).toThrow('row 1: expected a JSON object of column → value');
    expect(() => encoded('[[1, "red", 2], {"x": 1}]', 'json')).toThrow('row 1: expected an array of cells');
    expect(() => encoded('[1, "blue", 2]\n7\n', 'jsonl')).toThrow('row 1: expected a JSON object');
  });

  test('a bad cell is an INVALID_VALUE with the same message in every form', () => {
    const message = "row 0, column 'x': 'abc' is not a number";
    expect(() => encoded('{"x": "abc"}', 'json')).toThrow(message);
    expect(() => encoded('[["abc", "red", 2]]', 'json')).toThrow(message);
    expect(() => encoded('x\nabc\n', 'csv')).toThrow(message);
  });
});

test('columns sent: first-seen order over objects and positional rows (what Word2Vec binds to)', () => {
  expect(new DecodedItems([{ b: 1 }, [1, 2], { a: 1, b: 2 }], 'either', ['p', 'q', 'r']).columns()).toEqual(['b', 'p', 'q', 'a']);
  expect(new DecodedItems([['1']], 'cells', ['h', 'g', 'h']).columns()).toEqual(['h', 'g']);
});

test('rows decoded in steps number their errors from the first row of the stream', () => {
  const rows = new DecodedItems([['1'], ['abc']], 'cells', ['x'], 500).rows(encoder, new Set());
  rows.encode(0, raw, false);
  expect(() => rows.encode(1, raw, false)).toThrow("row 501, column 'x'");
});
