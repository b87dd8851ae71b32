/**
 * Property: a batch in any request form (CSV with or without header, quoted cells, empty lines,
 * JSON objects with odd keys, positional arrays, {fields, rows}, JSON Lines), with or without
 * one ragged row, is either a 200 whose every row equals that row scored alone, or a 4xx JSON
 * error — never a row scored with shifted or dropped cells.
 */
import { expect, test } from 'bun:test';
import fc from 'fast-check';
import { JSON_CT, post, testApp } from '../support/test-app.ts';

const app = testApp();
const COLUMNS = ['x', 'color', 'y'] as const;
type Row = { x: number | null; color: string | null; y: number | null };

/** 666 is the fake model's "cannot score" input: left out, this property is about shapes. */
const num = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })).filter((v) => v !== 666);
const row: fc.Arbitrary<Row> = fc.record({
  x: fc.option(num),
  color: fc.option(fc.constantFrom('red', 'green', 'blue', 'purple', 'color.blue')),
  y: fc.option(num),
});
const oddKey = fc.constantFrom('__proto__', 'constructor', 'toString', 'other', 'hasOwnProperty');

const FORMS = ['csv-header', 'csv-bare', 'objects', 'arrays', 'fields', 'jsonl'] as const;
type Form = (typeof FORMS)[number];

interface Case {
  form: Form;
  rows: Row[];
  /** Column order of positional forms (a permutation of the model's columns, then odd ones). */
  order: string[];
  extra: string[];
  quote: boolean;
  /** Index of a row that gets one cell more (+1) or one fewer (-1), if any. */
  ragged: { at: number; by: 1 | -1 } | null;
  /** An empty CSV line before this row (a row of missing values). */
  blankAt: number | null;
}

const csvText = (v: number | string | null, quote: boolean) => {
  const s = v === null ? '' : String(v);
  return quote ? `"${s.replaceAll('"', '""')}"` : s;
};

/** The request body, and the rows it is meant to score. */
function build(c: Case): { body: string; contentType: string; intended: Row[]; ragged: boolean } {
  const rows = c.rows;
  const intended = [...rows];
  let ragged = false;
  const cellsOf = (r: Row, positional: readonly string[]): (number | string | null)[] => {
    // Cells of unknown columns: text with a comma and a quote when cells are quoted.
    const cells = positional.map((k) => (Object.hasOwn(r, k) ? r[k as keyof Row] : c.quote ? '1,"2' : 'z'));
    if (c.ragged !== null && r === rows[c.ragged.at]) {
      ragged = true;
      if (c.ragged.by === 1) cells.push('9');
      else cells.pop();
    }
    return cells;
  };
  const header = [...c.order, ...c.extra];
  switch (c.form) {
    case 'csv-header':
    case 'csv-bare': {
      const names = c.form === 'csv-header' ? header : [...COLUMNS];
      const lines = rows.map((r) =>
        cellsOf(r, names)
          .map((v) => csvText(v, c.quote))
          .join(','),
      );
      if (c.blankAt !== null && rows.length > 0) {
        const at = Math.min(c.blankAt, rows.length - 1);
        lines.splice(at, 0, '');
        intended.splice(at, 0, { x: null, color: null, y: null });
      }
      if (c.form === 'csv-header') lines.unshift(header.join(','));
      return { body: `${lines.join('\n')}\n`, contentType: 'text/csv', intended, ragged };
    }
    case 'objects':
      return { body: JSON.stringify(rows.map((r) => objectWithOdd(r, c.extra))), contentType: 'application/json', intended, ragged };
    case 'arrays':
      return { body: JSON.stringify(rows.map((r) => cellsOf(r, COLUMNS))), contentType: 'application/json', intended, ragged };
    case 'fields':
      return {
        body: JSON.stringify({ fields: header, rows: rows.map((r) => cellsOf(r, header)) }),
        contentType: 'application/json',
        intended,
        ragged,
      };
    case 'jsonl':
      return {
        body: rows.map((r, i) => JSON.stringify(i % 2 === 0 ? cellsOf(r, COLUMNS) : objectWithOdd(r, c.extra))).join('\n'),
        contentType: 'application/jsonlines',
        intended,
        ragged,
      };
  }
}

/** A row object with odd keys added as JSON text does it (so "__proto__" is an own key). */
function objectWithOdd(r: Row, extra: string[]): unknown {
  const text = JSON.stringify(r);
  const odd = extra.map((k) => `${JSON.stringify(k)}: {"x": 5, "color": "blue", "y": -3}`).join(', ');
  return JSON.parse(odd === '' ? text : `${text.slice(0, -1)}, ${odd}}`);
}

const aCase: fc.Arbitrary<Case> = fc
  .record({
    form: fc.constantFrom(...FORMS),
    rows: fc.array(row, { minLength: 1, maxLength: 6 }),
    order: fc.shuffledSubarray([...COLUMNS], { minLength: 3, maxLength: 3 }),
    extra: fc.uniqueArray(oddKey, { maxLength: 2 }),
    quote: fc.boolean(),
    ragged: fc.option(fc.record({ at: fc.nat(5), by: fc.constantFrom(1 as const, -1 as const) })),
    blankAt: fc.option(fc.nat(5)),
  })
  .map((c) => ({ ...c, ragged: c.ragged && c.ragged.at < c.rows.length ? c.ragged : null }));

const alone = new Map<string, unknown>();
async function scoredAlone(r: Row): Promise<unknown> {
  const key = JSON.stringify(r);
  let rec = alone.get(key);
  if (rec === undefined) {
    const res = await post(app, key, JSON_CT);
    expect(res.status).toBe(200);
    rec = res.json();
    alone.set(key, rec);
  }
  return rec;
}

test('ragged or odd batches: 200 with exactly the intended rows, or a 4xx JSON error', async () => {
  await fc.assert(
    fc.asyncProperty(aCase, async (c) => {
      const { body, contentType, intended, ragged } = build(c);
      const res = await post(app, body, { 'content-type': contentType, accept: 'application/json' });
      if (ragged) {
        expect(res.status).toBe(400);
        expect(res.json().error.code).toBe('BAD_REQUEST');
        return;
      }
      if (res.status !== 200) {
        // Only a form whose shape is unambiguous may fail here: none of these should.
        throw new Error(`${res.status} ${res.text} for ${body}`);
      }
      const got = res.json() as unknown[];
      expect(got).toHaveLength(intended.length);
      for (let i = 0; i < intended.length; i++) expect(got[i]).toEqual(await scoredAlone(intended[i]));
    }),
    { numRuns: 300 },
  );
}, 60_000);
