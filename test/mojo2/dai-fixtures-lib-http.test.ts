/**
 * Every case of ../shared/dai-fixtures through the library (`loadModel(bytes)`) and through
 * POST /invocations (JSON records in, CSV out; `?contributions=true`), checked as the CLI case is.
 */
import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { decodeModelBytes } from '../../src/algos/index.ts';
import { ScorerError } from '../../src/errors.ts';
import { loadModel } from '../../src/lib/index.ts';
import { caseInput, checkRefusal, checkTable, listDaiCases, readCsvText, type Table } from '../support/dai-cases.ts';
import { HAVE_DAI_FIXTURES, NO_DAI_FIXTURES_MESSAGE } from '../support/fixtures.ts';
import { JSON_CT, post, testApp } from '../support/test-app.ts';

const cases = listDaiCases();
if (!HAVE_DAI_FIXTURES) console.warn(NO_DAI_FIXTURES_MESSAGE);

/** Loads a case's model from bytes, or returns its refusal message. */
function load<T>(c: { model: string }, loader: (bytes: Uint8Array, name: string) => T): T | string {
  try {
    return loader(new Uint8Array(readFileSync(c.model)), c.model);
  } catch (e) {
    if (e instanceof ScorerError) return `[${e.code}] ${e.message}`;
    throw e;
  }
}

describe('Driverless AI fixtures through the library', () => {
  if (!HAVE_DAI_FIXTURES) {
    test.skip(NO_DAI_FIXTURES_MESSAGE, () => {});
    return;
  }
  for (const c of cases) {
    test(c.name, () => {
      const model = load(c, (bytes, name) => loadModel(bytes, { name }));
      if (typeof model === 'string') {
        expect(checkRefusal(c, model)).toEqual([]);
        return;
      }
      const input = readCsvText(caseInput(c));
      const rows = input.rows.map((r) => Object.fromEntries(input.header.map((h, j) => [h, r[j]])));
      const results = model.scoreMany(rows, { lenient: true, output: c.kind === 'contributions' ? 'contributions' : 'prediction' });
      const header = c.kind === 'contributions' ? [...model.model.explanations.contributions.names] : [...model.outputNames];
      const table: Table = {
        header,
        rows: results.map((rec) => header.map((h) => String((rec as Record<string, unknown>)[h]))),
      };
      expect(checkTable(c, table)).toEqual([]);
    }, 60_000);
  }
});

describe('Driverless AI fixtures through POST /invocations', () => {
  if (!HAVE_DAI_FIXTURES) {
    test.skip(NO_DAI_FIXTURES_MESSAGE, () => {});
    return;
  }
  for (const c of cases) {
    test(c.name, async () => {
      const model = load(c, (bytes, name) => decodeModelBytes(bytes, name));
      if (typeof model === 'string') {
        expect(checkRefusal(c, model)).toEqual([]);
        return;
      }
      const app = testApp({}, model);
      const query = c.kind === 'contributions' ? '?contributions=true' : '';
      // JSON records: a CSV body whose header names mostly columns the model does not read
      // (the credit case) would be taken for headerless rows.
      const input = readCsvText(caseInput(c));
      const rows = input.rows.map((r) => Object.fromEntries(input.header.map((h, j) => [h, r[j]])));
      const res = await post(app, JSON.stringify(rows), { ...JSON_CT, accept: 'text/csv' }, query);
      expect(res.status).toBe(200);
      expect(checkTable(c, readCsvText(res.text))).toEqual([]);
    }, 60_000);
  }
});

describe('Driverless AI fixtures: generated tree code and the interpreter agree bit for bit', () => {
  if (!HAVE_DAI_FIXTURES) {
    test.skip(NO_DAI_FIXTURES_MESSAGE, () => {});
    return;
  }
  for (const c of cases.filter((x) => x.input !== null)) {
    test(c.name, () => {
      const scoreAll = (): string | number[][] => {
        const model = load(c, (bytes, name) => loadModel(bytes, { name }));
        if (typeof model === 'string') return model;
        const input = readCsvText(caseInput(c));
        const rows = input.rows.map((r) => Object.fromEntries(input.header.map((h, j) => [h, r[j]])));
        return model.scoreMany(rows, { lenient: true }).map((rec) => Object.values(rec as Record<string, number>));
      };
      const before = process.env.MOJO_SCORER_NO_CODEGEN;
      const generated = scoreAll();
      process.env.MOJO_SCORER_NO_CODEGEN = '1';
      try {
        expect(scoreAll()).toEqual(generated);
      } finally {
        if (before === undefined) delete process.env.MOJO_SCORER_NO_CODEGEN;
        else process.env.MOJO_SCORER_NO_CODEGEN = before;
      }
    }, 60_000);
  }
});
