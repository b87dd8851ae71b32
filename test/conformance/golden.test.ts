/**
 * Golden parity: every fixture in ../shared/fixtures is scored through the same path as
 * `mojo-scorer score` (streamed CSV → lenient encoding → model → JSON Lines) and compared
 * row by row with what the Java reference runtime returned.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { decodeModel } from '../../src/algos/index.ts';
import { openMojo, readHeader } from '../../src/mojo/index.ts';
import { scoreFile } from '../../src/cli/score.ts';
import { checkRow, type Mode } from './check.ts';
import { HAVE_FIXTURES, listFixtures, NO_FIXTURES_MESSAGE, readJsonl, type Fixture } from '../support/fixtures.ts';

/**
 * Some fixtures carry no output_names: derive them as compare.py does, from the response
 * domain in model.ini (integer labels become p0, p1, …).
 */
function fallbackOutputNames(f: Fixture): string[] {
  const h = readHeader(openMojo(f.model));
  const dom = h.domains[h.columns.length - 1] ?? (h.nclasses > 1 ? Array.from({ length: h.nclasses }, (_, i) => String(i)) : null);
  if (!dom) return ['predict'];
  return ['predict', ...dom.map((l) => (/^-?\d+$/.test(l) ? `p${l}` : l))];
}

const EXTRA_FLAG: Record<string, string> = { contrib: 'contributions', leaf: 'leaf', klime: 'klime', glrm_reconstruct: 'glrm_reconstruct' };

async function scoreToRecords(f: Fixture, extra?: string): Promise<Record<string, unknown>[]> {
  const model = decodeModel(f.model);
  let text = '';
  await scoreFile(model, { input: f.input, format: 'jsonl', lenient: true, extra, write: (c) => void (text += c) });
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function compare(f: Fixture, mode: Mode, expected: Record<string, unknown>[], actual: Record<string, unknown>[]): string[] {
  const listed = f.meta.reference?.output_names ?? [];
  const names = listed.length > 0 ? listed : fallbackOutputNames(f);
  const noTruth = f.name.startsWith('glm_py_') && expected.every((e) => 'error' in e);
  const problems: string[] = [];
  if (actual.length !== expected.length) return [`expected ${expected.length} rows, got ${actual.length}`];
  for (let i = 0; i < expected.length; i++) {
    const row = Number(expected[i].row ?? i);
    if (f.quirkRows.has(row)) continue;
    if (noTruth) {
      // No ground truth: a clear error or a finite prediction are both fine — but never silent garbage.
      if (!('error' in actual[i]) && Object.values(actual[i]).some((v) => v === null))
        problems.push(`row ${row}: neither an error nor a finite prediction`);
      continue;
    }
    const p = checkRow(mode, expected[i], actual[i], names);
    if (p !== null) problems.push(`row ${row}: ${p}`);
  }
  return problems;
}

const fixtures = listFixtures();

/** Hooks that force code generation off (or leave it on) for the models a describe block loads. */
function withCodegen(on: boolean): { before: () => void; after: () => void } {
  let saved: string | undefined;
  return {
    before: () => {
      saved = process.env.MOJO_SCORER_NO_CODEGEN;
      if (on) delete process.env.MOJO_SCORER_NO_CODEGEN;
      else process.env.MOJO_SCORER_NO_CODEGEN = '1';
    },
    after: () => {
      if (saved === undefined) delete process.env.MOJO_SCORER_NO_CODEGEN;
      else process.env.MOJO_SCORER_NO_CODEGEN = saved;
    },
  };
}

// The same corpus through the generated fast paths and through the interpreters.
for (const codegen of [true, false]) {
  describe(`golden parity with the Java runtime (code generation ${codegen ? 'on' : 'off'})`, () => {
    if (!HAVE_FIXTURES) {
      test.skip(NO_FIXTURES_MESSAGE, () => {});
      return;
    }
    const env = withCodegen(codegen);
    beforeAll(env.before);
    afterAll(env.after);
    test('fixtures are present', () => {
      expect(fixtures.length).toBeGreaterThan(0);
    });
    for (const f of fixtures) {
      test(`${f.name}: predictions`, async () => {
        const problems = compare(f, 'predict', readJsonl(`${f.dir}/expected.jsonl`), await scoreToRecords(f));
        expect(problems.slice(0, 5)).toEqual([]);
      });
      for (const [mode, file] of Object.entries(f.extras)) {
        test(`${f.name}: ${mode}`, async () => {
          const problems = compare(f, mode as Mode, readJsonl(file), await scoreToRecords(f, EXTRA_FLAG[mode]));
          expect(problems.slice(0, 5)).toEqual([]);
        });
      }
    }
  });
}
