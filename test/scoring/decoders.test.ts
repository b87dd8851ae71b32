import { describe, expect, test } from 'bun:test';
import { type ArrivingText, DecodedItems, type StreamedBody, streamArriving, streamBody } from '../../src/scoring/index.ts';
import { isHeader, type DecodeOptions } from '../../src/scoring/decoders/body.ts';
import { RowEncoder } from '../../src/scoring/row-encoder.ts';
import { codeOf } from '../support/errors.ts';
import { fakeBinomial } from '../support/fake-model.ts';
import { CSV_CT, post, testApp } from '../support/test-app.ts';

const encoder = new RowEncoder(fakeBinomial());
const options: DecodeOptions = { encoder, positional: ['x', 'color', 'y'], csvHeaderAlways: false };
const raw = new Float64Array(3);

/** Every row of a body, encoded: [x, color level, y, offset]. */
function encoded(
  text: string,
  kind: 'json' | 'jsonl' | 'csv' | 'sniff',
  unknown = new Set<string>(),
  lenient = false,
  decode: DecodeOptions = options,
): number[][] {
  const source = streamBody(text, kind, decode).open(decode.encoder, unknown);
  const out: number[][] = [];
  for (let rows = source.next(); rows !== null; rows = source.next()) {
    for (let i = 0; i < rows.count; i++) {
      const offset = rows.encode(i, raw, lenient);
      out.push([...raw, offset]);
    }
  }
  return out;
}

/** A body arriving in `parts`, one part a read (as the server reads a long body); `reads` counts the reads. */
function arriving(parts: string[]): ArrivingText & { reads: number } {
  const queue = [...parts];
  const body = {
    parts: [] as string[],
    ended: false,
    sized: true,
    reads: 0,
    more: async () => {
      body.reads++;
      const part = queue.shift();
      if (part === undefined) body.ended = true;
      else body.parts.push(part);
    },
  };
  return body;
}

/** Every row of an arriving body, encoded, reading on only when its rows wait for text (as SlicedScoring does). */
async function encodedArriving(body: ArrivingText, kind: 'json' | 'jsonl' | 'csv' | 'sniff'): Promise<number[][]> {
  const opened: StreamedBody = await streamArriving(body, kind, options);
  const source = opened.open(encoder, new Set());
  const out: number[][] = [];
  for (;;) {
    const rows = source.next();
    if (rows === null) {
      if (opened.input?.waiting !== true) return out;
      await opened.input.more();
      continue;
    }
    for (let i = 0; i < rows.count; i++) {
      const offset = rows.encode(i, raw, false);
      out.push([...raw, offset]);
    }
  }
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
  expect(streamBody('x,g,x\n1,2,3\n', 'csv', options).columns()).toEqual(['x', 'g']);
});

test('rows decoded in steps number their errors from the first row of the stream', () => {
  const rows = new DecodedItems([['1'], ['abc']], 'arrays', ['x'], 500).rows(encoder, new Set());
  rows.encode(0, raw, false);
  expect(() => rows.encode(1, raw, false)).toThrow("row 501, column 'x'");
});

/** Characters examined by String.prototype.indexOf and charCodeAt while `f` runs (the scans a decoder does). */
function charsExamined(f: () => void): number {
  const proto = String.prototype;
  const { indexOf, charCodeAt } = proto;
  let work = 0;
  proto.indexOf = function (this: string, search: string, from?: number) {
    const start = Math.max(0, Math.trunc(from ?? 0));
    const found = indexOf.call(this, search, start);
    work += (found < 0 ? this.length : found) - start + 1;
    return found;
  };
  proto.charCodeAt = function (this: string, i: number) {
    work++;
    return charCodeAt.call(this, i);
  };
  try {
    f();
  } finally {
    proto.indexOf = indexOf;
    proto.charCodeAt = charCodeAt;
  }
  return work;
}

describe('decoding work is linear in the body (issue 18 #1: no scan runs past its record)', () => {
  const rows = 20_000;
  // A one-input model (the case of the issue: a header-less body has no comma at all).
  const model = fakeBinomial();
  const one = new RowEncoder({ ...model, inputs: [model.inputs[0]] } as typeof model);
  const oneInput: DecodeOptions = { encoder: one, positional: one.names, csvHeaderAlways: false };
  const bodies: [string, string, 'csv' | 'jsonl' | 'sniff'][] = [
    ['one column, no commas', `x\n${'1\n'.repeat(rows)}`, 'csv'],
    ['one column, header-less', '1\n'.repeat(rows), 'csv'],
    ['one column, CRLF', `x\r\n${'1\r\n'.repeat(rows)}`, 'csv'],
    ['one column, bare CR', `x\r${'1\r'.repeat(rows)}`, 'csv'],
    ['a quote only at the end', `x\n${'1\n'.repeat(rows)}"2"\n`, 'csv'],
    ['a line end only at the end', `x\r${'1\r'.repeat(rows)}\n`, 'csv'],
    ['three columns', `x,color,y\n${'1,red,2\n'.repeat(rows)}`, 'csv'],
    ['JSON Lines', '{"x": 1}\n'.repeat(rows), 'jsonl'],
    ['sniffed JSON Lines', '{"x": 1}\n'.repeat(rows), 'sniff'],
  ];
  for (const [what, text, kind] of bodies) {
    test(what, () => {
      let count = 0;
      const work = charsExamined(() => {
        count = encoded(text, kind, new Set(), true, oneInput).length;
      });
      expect(count).toBeGreaterThanOrEqual(rows);
      // A scan to the end of the body per record would be ~rows × length / 2 characters.
      expect(work).toBeLessThan(8 * text.length);
    });
  }
});

describe('CSV header: a header by its names, not by a count (issue 18 #10)', () => {
  test('a header naming one model column among many others is a header, also when lenient', () => {
    const text = 'x,a,b,c,d,e\n1.5,2,3,4,5,6\n';
    expect(streamBody(text, 'csv', options).header).toBe(true);
    const unknown = new Set<string>();
    expect(encoded(text, 'csv', unknown, true)).toEqual([[1.5, Number.NaN, Number.NaN, 0]]);
    expect([...unknown]).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  test('a row of values is data, even where its cells could spell column names', () => {
    expect(streamBody('1.5,blue,2\n', 'csv', options).header).toBe(false);
    expect(streamBody('1.5,,2\n', 'csv', options).header).toBe(false);
    expect(streamBody('abc,def,2\n', 'csv', options).header).toBe(false);
  });

  test('a data row whose level is the name of a model column stays data', () => {
    // A categorical `kind` whose levels include "x", the name of the first column.
    const model = fakeBinomial();
    const inputs = [model.inputs[0], { ...model.inputs[1], name: 'kind', domain: ['x', 'color'] }, model.inputs[2]];
    const enc = new RowEncoder({ ...model, inputs } as typeof model);
    expect(isHeader(['1', 'x', '2'], enc)).toBe(false);
    expect(isHeader(['kind', 'x', 'y'], enc)).toBe(true);
  });
});

describe('H2O form {"fields", "rows"} (issue 18 #21)', () => {
  test('fields that are not an array of names, or rows that are not an array, are a BAD_REQUEST', () => {
    expect(codeOf(() => encoded('{"fields": "x", "rows": [[65]]}', 'json'))).toBe('BAD_REQUEST');
    expect(codeOf(() => encoded('{"fields": ["x"], "rows": 65}', 'json'))).toBe('BAD_REQUEST');
    expect(codeOf(() => encoded('{"rows": [[65]]}', 'json'))).toBe('BAD_REQUEST');
    expect(codeOf(() => encoded('{"fields": ["x"]}', 'sniff'))).toBe('BAD_REQUEST');
  });

  test('a repeated field name is a BAD_REQUEST naming it', () => {
    expect(() => encoded('{"fields": ["x", "y", "x"], "rows": [[1, 2, 3]]}', 'json')).toThrow("fields[2] repeats the column name 'x'");
    expect(codeOf(() => encoded('{"fields": ["x", "x"], "rows": [[1, 2]]}', 'json'))).toBe('BAD_REQUEST');
  });

  test('a model with a column named fields reads it as a column', () => {
    const model = fakeBinomial();
    const inputs = [{ ...model.inputs[0], name: 'fields' }, model.inputs[1], model.inputs[2]];
    const enc = new RowEncoder({ ...model, inputs } as typeof model);
    const body = streamBody('{"fields": 2, "y": 1}', 'json', { encoder: enc, positional: enc.names, csvHeaderAlways: false });
    expect(body.single).toBe(true);
  });
});

describe('errors name the line of the body', () => {
  const text = `x,color,y\n${'1,red,2\n'.repeat(1000)}3,"never closed\n4,red,5\n`;

  test('an unterminated quote on line 1002 of a CSV body: line 1002, through /invocations too', async () => {
    expect(() => encoded(text, 'csv')).toThrow(expect.objectContaining({ code: 'BAD_REQUEST', detail: { line: 1002 } }));
    const res = await post(testApp(), text, CSV_CT);
    expect(res.status).toBe(400);
    expect(res.json().error.message).toStartWith('line 1002: malformed CSV');
  });

  test('a malformed JSON Lines line after blank lines is named by its line', () => {
    expect(() => encoded('{"x": 1}\n\n\n{"x": \n', 'jsonl')).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/^line 4: malformed JSON Lines/) }),
    );
  });
});

test('sniffed JSON Lines stream through the JSON Lines reader, piece by piece', () => {
  const text = '{"x": 1, "color": "red", "y": 2}\n'.repeat(3000);
  const body = streamBody(text, 'sniff', options);
  expect(body.format).toBe('jsonl');
  const source = body.open(encoder, new Set());
  const pieces: number[] = [];
  for (let rows = source.next(); rows !== null; rows = source.next()) pieces.push(rows.count);
  expect(pieces.length).toBeGreaterThan(1);
  expect(pieces.reduce((a, b) => a + b, 0)).toBe(3000);
  expect(Math.max(...pieces)).toBeLessThan(3000);
});

describe('a body arriving in parts (a long body read as it is scored) reads as the same body in one string', () => {
  type Kind = 'csv' | 'sniff' | 'json' | 'jsonl';
  /** The rows, or the error (code and message), of a body. */
  async function outcome(body: string | string[], kind: Kind): Promise<unknown> {
    try {
      return typeof body === 'string' ? encoded(body, kind) : await encodedArriving(arriving(body), kind);
    } catch (e) {
      return { code: (e as { code?: string }).code, message: (e as Error).message };
    }
  }

  const CSV_BODIES = [
    'y,color,x\n2,blue,1.5\n3,red,2\n',
    'y,color,x\r\n2,blue,1.5\r\n3,red,2',
    'x,color,y\r1,red,2\r3,blue,4\r',
    '\ufeffx,color,y\n1,red,2\n',
    'x,color,y\n1,"re\nd",2\n3,"blue",4\n5,"a""b",6\n',
    'x,color,y\n1,red,2\n3,blue\n5,red,6\n',
    'x,color,y\n1,red,2\n\nabc,red,3\n',
    '1.5,blue,2\n2,red,3\n',
    'x,color,y\n1,"red,2\n3,blue,4\n',
    'x,color,y\n1,red,2\n3,bl"ue,4\n',
    '""\n',
    '"",\n',
    '""\r\n',
    ' \n1.5,blue,2\n',
  ];

  test('CSV cut anywhere in two or three parts, or into single characters: same rows, same errors, same line numbers', async () => {
    for (const text of CSV_BODIES) {
      for (const kind of ['csv', 'sniff'] as const) {
        const whole = await outcome(text, kind);
        expect(await outcome([...text], kind)).toEqual(whole);
        for (let a = 0; a <= text.length; a++) {
          expect(await outcome([text.slice(0, a), text.slice(a)], kind)).toEqual(whole);
          const b = Math.min(text.length, a + 3);
          expect(await outcome([text.slice(0, a), text.slice(a, b), text.slice(b)], kind)).toEqual(whole);
        }
      }
    }
  });

  test('JSON, JSON Lines and blank bodies in parts', async () => {
    const json = '[{"x": 1.5, "color": "blue", "y": 2}]';
    const jsonl = '{"x": 1.5, "color": "blue", "y": 2}\n[1, "red", 2]\n';
    for (const [text, kind] of [
      [json, 'json'],
      [json, 'sniff'],
      [jsonl, 'jsonl'],
      [jsonl, 'sniff'],
      [' \n', 'sniff'],
      [' \n', 'csv'],
    ] as const) {
      const whole = await outcome(text, kind);
      for (let a = 0; a <= text.length; a++) expect(await outcome([text.slice(0, a), text.slice(a)], kind)).toEqual(whole);
    }
    expect(await outcome([], 'csv')).toEqual(await outcome('', 'csv'));
  });

  test('a CSV body is read on only as its rows are reached: each part is let go once its records are cut, and the rows are read once', async () => {
    const parts = ['x,color,y\n1,red,2\n', '3,blue,4\n', '5,red,6\n', '7,red,8\n', '9,red,10\n'];
    const body = arriving(parts);
    const opened = await streamArriving(body, 'csv', options);
    // Opening reads the header's run and the one after it, no further.
    expect(body.reads).toBe(2);
    expect(opened.input?.waiting).toBe(true);
    const source = opened.open(encoder, new Set());
    let rows = 0;
    for (;;) {
      const piece = source.next();
      if (piece !== null) {
        rows += piece.count;
        expect(body.parts).toEqual([]);
        continue;
      }
      if (!opened.input?.waiting) break;
      await opened.input.more();
    }
    expect(rows).toBe(5);
    expect(body.reads).toBe(parts.length + 1);
    expect(() => opened.open(encoder, new Set())).toThrow('a CSV body is read once');
  });
});
