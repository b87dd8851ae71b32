/**
 * encodeObject with its generated reader against the general loop alone (code generation off):
 * random models (repeated and special column names, an offset column, level tables with and
 * without their own codes, numeric columns with missing texts) and random rows (every value
 * type, padded and odd number texts, unknown, absent and undefined keys, prototype-less rows,
 * class instances, inherited values) give the same raw row bit for bit, the same offset, the
 * same error and the same unknown keys. Then every golden fixture's rows, as strings and as
 * JSON values.
 */
import { describe, expect, test } from 'bun:test';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { decodeModel, type InputColumn, type Model } from '../../src/algos/index.ts';
import { RowEncoder } from '../../src/scoring/row-encoder.ts';
import { fakeBinomial } from '../support/fake-model.ts';
import { HAVE_FIXTURES, listFixtures, NO_FIXTURES_MESSAGE } from '../support/fixtures.ts';
import { rng } from '../support/rng.ts';

type Row = Record<string, unknown>;

/** What encodeObject did with `rec`: the raw row's bits, the offset or the error, the unknown keys. */
function run(enc: RowEncoder, rec: Row, lenient: boolean): string {
  const raw = new Float64Array(enc.width).fill(12345);
  const unknown = new Set<string>();
  let result: string;
  try {
    const offset = enc.encodeObject(rec, raw, lenient, 7, unknown);
    result = `offset ${Object.is(offset, -0) ? '-0' : String(offset)}`;
  } catch (e) {
    result = `error ${(e as Error).constructor.name} ${(e as Error).message}`;
  }
  const bits = [...new Uint32Array(raw.buffer)].join(',');
  return `${result} | ${bits} | ${[...unknown].join(',')}`;
}

/** Both encoders of `make()`'s model; the first must have its generated reader. */
function pair(make: () => ConstructorParameters<typeof RowEncoder>[0]): [RowEncoder, RowEncoder] {
  const compiled = new RowEncoder(make(), true);
  expect((compiled as unknown as { compiledObject: unknown }).compiledObject).not.toBeNull();
  return [compiled, new RowEncoder(make(), false)];
}

const NAMES = ['x', 'color', 'y', '__proto__', 'toString', 'constructor', '0', '1', 'a.b', 'off', 'code'];
const TEXTS = [
  '1',
  '65',
  '-1.4',
  '.5',
  '5.',
  '-0',
  '0.000',
  '1e3',
  '1E-2',
  ' 2 ',
  '2 ',
  '\t3',
  'NaN',
  '-NaN',
  'Infinity',
  '-Infinity',
  '0x1p3',
  '0x10',
  '1f',
  '',
  ' ',
  'red',
  'blue',
  'color.green',
  'Red',
  'none',
  '123456789012345678',
  '-0.7602880153798148',
  '1.',
  '-',
  '.',
];
const LEVELS = ['red', 'green', 'blue', '__proto__', 'toString', '0', '1', ''];

function randomValue(r: () => number): unknown {
  const u = r();
  if (u < 0.45) return TEXTS[Math.floor(r() * TEXTS.length)];
  if (u < 0.6) return LEVELS[Math.floor(r() * LEVELS.length)];
  if (u < 0.75) return [0, -0, 1.5, -3, NaN, Infinity, 2][Math.floor(r() * 7)];
  if (u < 0.82) return null;
  if (u < 0.85) return undefined;
  if (u < 0.9) return r() < 0.5;
  return [{}, [], [1], () => 1][Math.floor(r() * 4)];
}

function randomModel(r: () => number): () => ConstructorParameters<typeof RowEncoder>[0] {
  const width = 1 + Math.floor(r() * 6);
  const inputs: InputColumn[] = [];
  for (let i = 0; i < width; i++) {
    const name = NAMES[Math.floor(r() * NAMES.length)];
    const u = r();
    if (u < 0.35) inputs.push({ name, domain: null });
    else if (u < 0.45) inputs.push({ name, domain: null, missingTexts: new Set(['NA', '1', '']) });
    else if (u < 0.8) inputs.push({ name, domain: r() < 0.5 ? ['red', 'green', 'blue', '__proto__'] : ['0', '1', '7', `${name}.red`] });
    else {
      const codes = new Map([
        ['red', 4],
        ['green', 9],
        ['1', 2],
      ]);
      inputs.push({
        name,
        domain: ['red', 'green', '1'],
        levelCodes: codes,
        unseenCode: r() < 0.5 ? -1 : undefined,
        unseenValue: r() < 0.3 ? (t) => t.length : undefined,
      });
    }
  }
  const offsetColumn = r() < 0.4 ? NAMES[Math.floor(r() * NAMES.length)] : null;
  return () => {
    const m = fakeBinomial({ offsetColumn });
    return { ...m, inputs };
  };
}

function randomRow(r: () => number, names: readonly string[]): Row {
  const u = r();
  const rec: Row =
    u < 0.1
      ? (Object.create(null) as Row)
      : u < 0.13
        ? (new (class Row {})() as Row)
        : u < 0.16
          ? (Object.create({ x: '5', y: 2 }) as Row)
          : {};
  const keys = [...names, 'extra', 'off'];
  const n = Math.floor(r() * (keys.length + 1));
  for (let i = 0; i < n; i++) {
    const k = r() < 0.9 ? names[Math.floor(r() * names.length)] : keys[Math.floor(r() * keys.length)];
    if (k === '__proto__') Object.defineProperty(rec, k, { value: randomValue(r), enumerable: true, writable: true, configurable: true });
    else rec[k] = randomValue(r);
  }
  return rec;
}

describe('compiled object-row encoder', () => {
  test('equals the general loop on random models and rows', () => {
    const r = rng(2026);
    for (let m = 0; m < 300; m++) {
      const make = randomModel(r);
      const [compiled, general] = pair(make);
      const names = [...compiled.names, ...(compiled.offsetColumn === null ? [] : [compiled.offsetColumn])];
      for (let i = 0; i < 60; i++) {
        const rec = randomRow(r, names);
        for (const lenient of [true, false]) expect(run(compiled, rec, lenient)).toBe(run(general, rec, lenient));
      }
    }
  });

  test('plain rows of numbers, levels and offsets', () => {
    const make = () => ({
      ...fakeBinomial({ offsetColumn: 'off' }),
      inputs: [
        { name: 'x', domain: null },
        { name: 'color', domain: ['red', 'green', 'blue'] },
        { name: 'x', domain: null },
        { name: 'y', domain: null },
      ],
    });
    const [compiled, general] = pair(make);
    for (const rec of [
      { x: '1.5', color: 'blue', y: 2, off: '0.25' },
      { color: 'green', off: 3 },
      { x: '', color: '', y: null, off: '' },
      { x: 'NaN', off: 'NaN' },
      {},
      JSON.parse('{"y":"-0","color":"color.red"}') as Row,
    ]) {
      for (const lenient of [true, false]) expect(run(compiled, rec, lenient)).toBe(run(general, rec, lenient));
    }
  });

  test.skipIf(!HAVE_FIXTURES)('equals the general loop on every golden fixture, rows as strings and as JSON values', () => {
    if (!HAVE_FIXTURES) return console.warn(NO_FIXTURES_MESSAGE);
    for (const fx of listFixtures()) {
      let model: Model;
      try {
        model = decodeModel(fx.model);
      } catch {
        continue;
      }
      const compiled = new RowEncoder(model, true);
      const general = new RowEncoder(model, false);
      const [header, ...cells] = parse(readFileSync(fx.input), { relax_column_count: true }) as string[][];
      for (const line of cells.slice(0, 200)) {
        const strings: Row = {};
        const values: Row = {};
        for (let i = 0; i < header.length; i++) {
          const t = line[i];
          if (t === undefined || t === '') continue;
          strings[header[i]] = t;
          const x = Number(t);
          values[header[i]] = Number.isFinite(x) && t.trim() !== '' ? x : t;
        }
        for (const rec of [strings, values]) expect(run(compiled, rec, true)).toBe(run(general, rec, true));
      }
    }
  });
});
