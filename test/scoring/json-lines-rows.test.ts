/**
 * The hand-read JSON Lines rows against the JSON.parse path they stand in for: the same body
 * through both must give identical raw rows (Object.is per slot: -0 and NaN count), offsets,
 * unknown columns (in order) and errors (code, message, detail), strict and lenient.
 */
import { describe, expect, test } from 'bun:test';
import { ScorerError } from '../../src/errors.ts';
import { JsonLinesSource } from '../../src/scoring/decoders/row-source.ts';
import { RowEncoder } from '../../src/scoring/row-encoder.ts';
import { fakeBinomial } from '../support/fake-model.ts';
import { rng } from '../support/rng.ts';

/** x numeric, color categorical (red, green, blue), y numeric, offset column `off`. */
const encoder = new RowEncoder(fakeBinomial({ offsetColumn: 'off' }));
const positional = [...encoder.names, 'off'];
const cellCount = { minCells: encoder.width, expected: 'the model has 3 input columns (4 with its offset column)' };

function outcomeOfError(e: unknown): string {
  if (!(e instanceof ScorerError)) return `not a ScorerError: ${String(e)}`;
  return `${e.code}: ${e.message} ${JSON.stringify(e.detail)}`;
}

/** Everything a body gives through one path, as comparable values (rows keep their Float64Arrays). */
function outcome(text: string, handRead: boolean, lenient: boolean): unknown[] {
  const unknown = new Set<string>();
  const source = new JsonLinesSource(text, positional, encoder, unknown, cellCount, handRead);
  const raw = new Float64Array(encoder.width);
  const out: unknown[] = [];
  for (;;) {
    let rows: ReturnType<typeof source.next>;
    try {
      rows = source.next();
    } catch (e) {
      out.push(`next: ${outcomeOfError(e)}`);
      break;
    }
    if (rows === null) break;
    out.push(`piece of ${rows.count}`);
    for (let i = 0; i < rows.count; i++) {
      raw.fill(12345);
      try {
        const offset = rows.encode(i, raw, lenient);
        out.push({ raw: Array.from(raw), offset });
      } catch (e) {
        out.push(`row ${i}: ${outcomeOfError(e)}`);
      }
      out.push([...unknown]);
    }
  }
  out.push([...unknown]);
  return out;
}

/** Compares with Object.is wherever a number appears (toEqual would let -0 pass for 0). */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    return ka.length === Object.keys(b).length && ka.every((k) => same(ra[k], rb[k]));
  }
  return a === b;
}

function expectSamePaths(text: string): void {
  for (const lenient of [false, true]) {
    const parsed = outcome(text, false, lenient);
    const read = outcome(text, true, lenient);
    if (!same(read, parsed)) {
      // Shows both in the failure (toEqual on the pair names the first difference).
      expect({ text, lenient, read }).toEqual({ text, lenient, read: parsed });
      throw new Error(`paths differ (lenient ${lenient}) for ${JSON.stringify(text)}`);
    }
  }
}

const NUMBERS = [
  '0',
  '-0',
  '1e5',
  '1E-5',
  '0.1',
  '-0.0',
  '123456789012345678',
  '-.5',
  '01',
  '1.',
  '00',
  '.5',
  '+1',
  '1e',
  '1e+',
  '1E-',
  '1.5e+3',
  '-1.25E-2',
  '2e308',
  '-2e308',
  '5e-324',
  '1e-400',
  '0.1000000000000000055511',
  '9007199254740993',
  '3.14159265358979',
  '-123.456',
  '1e22',
  '1e23',
  '1e-22',
  '1e-23',
  '123456789012345e10',
  '123456789012345e-10',
  '0e0',
  '0E+0',
  '-0e-5',
  '0x10',
  'Infinity',
  '-Infinity',
  'NaN',
  '1.7976931348623157e+308',
  '4.9e-324',
  '666',
  '0.30000000000000004',
  '99999999999999999999999',
  '1e0001',
  '12345678901234.5',
  '1234567890123.45',
  '0.000000000000000000001',
  '0.0000000000000000000001',
  '-',
  '--1',
  '1-',
  '1..2',
  '1e5.5',
];
const STRINGS = [
  '"red"',
  '"blue"',
  '"green"',
  '""',
  '"1.5"',
  '" 2 "',
  '"abc"',
  '"re\\u0064"',
  '"a\\nb"',
  '"\\"q\\""',
  '"ключ"',
  '"\u2028"',
  '"tab\there"',
  '"NaN"',
  '"Infinity"',
  '"1e5"',
  '"-0"',
  '"color.red"',
  '"x.red"',
  '"\ud800"',
  '"\\/"',
  '"bad \\x"',
  '"open',
];
const OTHERS = ['true', 'false', 'null', '[1,2]', '{"a":1}', '[]', '{}', 'tru', 'nul', 'True', 'fals', 'nulll', 'truex', 'undefined'];
const KEYS = [
  '"x"',
  '"color"',
  '"y"',
  '"off"',
  '"x"',
  '"color"',
  '"y"',
  '"zz"',
  '"unknown key"',
  '""',
  '"1"',
  '"01"',
  '"__proto__"',
  '"x\\u0041"',
  '"\\u0078"',
  '"colo\\"r"',
  '"ключ"',
  '"x "',
  '"constructor"',
  '"toString"',
  'x',
  "'x'",
  '"tab\tkey"',
];
const SPACES = ['', '', '', ' ', '  ', '\t', '\r', ' \t ', '\u00a0', '\f', '\v', '\u2028'];
const BLANKS = ['', '   ', '\t', '\r', '\ufeff', ' \ufeff '];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

/** A random decimal: digits, a point somewhere, maybe an exponent (most valid, some not). */
function randomNumber(r: () => number): string {
  const len = 1 + Math.floor(r() * 20);
  let digits = '';
  for (let i = 0; i < len; i++) digits += Math.floor(r() * 10);
  let s = r() < 0.3 ? '-' : '';
  if (r() < 0.9 && digits.length > 1) digits = digits.replace(/^0+(?=.)/, '') || '0';
  const point = Math.floor(r() * (digits.length + 1));
  s += r() < 0.5 || point === 0 || point === digits.length ? digits : `${digits.slice(0, point)}.${digits.slice(point)}`;
  if (r() < 0.25) s += `${r() < 0.5 ? 'e' : 'E'}${pick(r, ['', '+', '-'])}${Math.floor(r() * 400)}`;
  return s;
}

function randomValue(r: () => number): string {
  const p = r();
  if (p < 0.3) return randomNumber(r);
  if (p < 0.45) return pick(r, NUMBERS);
  if (p < 0.5) return String(r() * 10 ** Math.floor(r() * 40 - 20));
  if (p < 0.75) return pick(r, STRINGS);
  return pick(r, OTHERS);
}

/** Mostly valid flat objects; a few faults of every kind the JSON.parse path must decide. */
function randomLine(r: () => number): string {
  const p = r();
  if (p < 0.04) return pick(r, BLANKS);
  if (p < 0.08) return `[${randomValue(r)}, ${randomValue(r)}, ${randomValue(r)}${r() < 0.5 ? `, ${randomValue(r)}` : ''}]`;
  if (p < 0.1) return pick(r, ['7', '"s"', 'null', '[1]', '[]', '{}{}', '{}', ' { } ']);
  const sp = () => (r() < 0.8 ? '' : pick(r, SPACES));
  const fields = Math.floor(r() * 6);
  let s = `${sp()}{${sp()}`;
  for (let f = 0; f < fields; f++) {
    if (f > 0) s += `${sp()}${r() < 0.01 ? '' : ','}${sp()}`;
    s += `${pick(r, KEYS)}${sp()}${r() < 0.01 ? '' : ':'}${sp()}${randomValue(r)}`;
  }
  if (r() < 0.03) s += ',';
  s += `${sp()}}${sp()}`;
  if (r() < 0.02) s += pick(r, ['x', '}', ',', '{}', '\r\r']);
  if (r() < 0.03) s = s.slice(0, Math.floor(r() * s.length));
  return s;
}

describe('hand-read JSON Lines rows: the same outcome as JSON.parse + encodeObject', () => {
  test('hand-picked lines', () => {
    const lines = [
      '{"x": 1.5, "color": "blue", "y": 2, "off": 0.5}',
      '{"x":-0,"y":-0.0,"off":-0}',
      '{"color": 1, "x": true}',
      '{"color": true, "x": "1e5", "y": " 3 "}',
      '{"off": null, "x": null, "color": null}',
      '{"off": "abc"}',
      '{"off": "NaN"}',
      '{"x": 1, "x": "abc", "x": 2}',
      '{"x": "abc", "zz": 1, "x": 3, "zz": 2, "q": 1}',
      '{"off": 1, "off": 2}',
      '{"1": 5, "x": 1}',
      '{"x": "1.5", "color": "x.red", "y": ""}',
      ' \t{ "x" :1 , "y":2 } \r',
      '{}',
      '{"x": 1,}',
      '{"x": 01}',
      '{"x": [1]}',
      '{"x": {"a": 1}}',
      '[1, "red", 2]',
      '[1, "red"]',
      '{"x": 1} x',
      '{"x": 1',
      '{"x\\u0041": 1}',
    ];
    for (const line of lines) expectSamePaths(`${line}\n`);
    expectSamePaths(`${lines.join('\n')}\n`);
    expectSamePaths(lines.slice(0, 14).join('\r\n'));
  });

  test('numbers of every shape, as numeric, categorical and offset values', () => {
    for (const n of NUMBERS) for (const key of ['x', 'color', 'off']) expectSamePaths(`{"${key}": ${n}}\n{"${key}":${n},"y":1}`);
    const r = rng(7);
    for (let i = 0; i < 3000; i++) {
      const n = i % 2 === 0 ? randomNumber(r) : String(r() * 10 ** Math.floor(r() * 40 - 20));
      expectSamePaths(`{"x": ${n}, "color": ${n}, "off": ${n}}`);
    }
  });

  test('random bodies of a few lines', () => {
    const r = rng(20240611);
    for (let b = 0; b < 3000; b++) {
      const n = 1 + Math.floor(r() * 4);
      const lines: string[] = [];
      for (let i = 0; i < n; i++) lines.push(randomLine(r));
      expectSamePaths(lines.join(r() < 0.2 ? '\r\n' : '\n') + (r() < 0.5 ? '\n' : ''));
    }
  });

  test('lines repeating, extending and shortening the key lists of the lines before (remembered keys)', () => {
    const lists = [
      ['"x"', '"y"'],
      ['"x"', '"y"', '"x"'],
      ['"zz"', '"q"', '"x"'],
      ['"x"', '"y"', '"color"', '"off"'],
      ['"x"', '"y"', '"color"', '"y"'],
      ['"zz"', '"x"', '"y"', '"x"', '"zz"'],
      ['"x"', '"x"'],
      ['"y"', '"x"', '"y"'],
      ['"off"', '"zz"', '"off"', '"color"'],
      ['"x"'],
      [],
    ];
    const r = rng(4242);
    for (let b = 0; b < 3000; b++) {
      const lines: string[] = [];
      for (let i = 0, n = 2 + Math.floor(r() * 5); i < n; i++) {
        const keys = pick(r, lists);
        const value = () => pick(r, ['1', '"abc"', '"2"', 'null', '"red"', '-0', 'true']);
        lines.push(`{${keys.map((k) => `${k}: ${value()}`).join(', ')}}`);
      }
      expectSamePaths(lines.join('\n'));
    }
  });

  test('long bodies cross piece boundaries with the same row numbers and errors', () => {
    const r = rng(99);
    for (let b = 0; b < 6; b++) {
      const lines: string[] = [];
      for (let i = 0; i < 2600; i++) {
        let line = randomLine(r);
        // Keep most lines parseable so that the later pieces are reached.
        while (b < 4 && !parses(line)) line = randomLine(r);
        lines.push(line);
      }
      expectSamePaths(lines.join('\n'));
    }
  });
});

function parses(line: string): boolean {
  if (line.trim() === '') return true;
  try {
    const v = JSON.parse(line);
    return !Array.isArray(v) || (v.length >= 3 && v.length <= 4);
  } catch {
    return false;
  }
}

test('flat lines never reach JSON.parse; the others do', () => {
  const parse = JSON.parse;
  let calls = 0;
  JSON.parse = (...args: Parameters<typeof parse>) => {
    calls++;
    return parse(...args);
  };
  try {
    const raw = new Float64Array(encoder.width);
    const read = (text: string) => {
      const source = new JsonLinesSource(text, positional, encoder, new Set(), cellCount);
      for (let rows = source.next(); rows !== null; rows = source.next()) for (let i = 0; i < rows.count; i++) rows.encode(i, raw, true);
    };
    read('{"x": 1, "color": "red", "y": -2.5e-3, "off": null, "zz": true}\n\n{ }\n{"y":"7"}\n');
    expect(calls).toBe(0);
    read('{"x": 1}\n{"x": "\\u0031"}\n[1, "red", 2]\n');
    expect(calls).toBe(2);
  } finally {
    JSON.parse = parse;
  }
});
