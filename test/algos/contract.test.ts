/**
 * The Model contract, checked the same way for every algorithm (Hono's shared `runTest` habit):
 * each writer-built MOJO of test/support/contract-models.ts (no golden fixtures needed) must
 * - write exactly `outWidth` slots, as many as its `outputs` need;
 * - refuse a non-zero offset with the one message unless it accepts offsets;
 * - fail every row with its load error when it has one (ModelBase's defaults are not bypassed);
 * - allocate no arrays while scoring in the steady state;
 * - score and explain the same with code generation on and off;
 * - refuse a count that exceeds what the artifact holds as MOJO_FORMAT.
 * The golden fixtures, when present, add the width rule over every fixture model.
 */
import { describe, expect, test } from 'bun:test';
import { decodeModel, decodeModelBytes, type Model, type OutputColumn, supportedAlgos } from '../../src/algos/index.ts';
import { ModelBase, OFFSET_UNSUPPORTED } from '../../src/algos/model.ts';
import { binomialGlmMojo } from '../support/algo-models/glm.ts';
import { countAllocations } from '../support/allocations.ts';
import { CONTRACT_CASES, caseOf, type ContractCase } from '../support/contract-models.ts';
import { codeOf } from '../support/errors.ts';
import { HAVE_FIXTURES, listFixtures, NO_FIXTURES_MESSAGE } from '../support/fixtures.ts';
import { writeGamMojo } from '../support/gam-writer.ts';
import { CASES as GAM_CASES } from './gam/cases.ts';

const gamSpec = () => structuredClone(GAM_CASES.find((c) => c.name === 'cs_gaussian')!.spec);
const CASES: readonly ContractCase[] = [
  ...CONTRACT_CASES,
  caseOf('gam', 'cubic spline, gaussian', () => writeGamMojo(gamSpec()), 'num_CS_col', '2'),
];

/** Slots an output layout needs, counted independently of the implementation. */
function slots(outputs: readonly OutputColumn[]): number {
  return outputs.reduce((n, c) => n + (c.kind === 'vector' ? c.size : 1), 0);
}

/** A value no model writes, to see which slots a score touched. */
const SENTINEL = -123456.789;
/** Repeats of one row for the allocation probe (after as many to warm up). */
const STEADY_ROWS = 200;

/** Raw rows that reach different paths: levels and numbers, all missing, other levels and signs. */
function rowsFor(m: Model): Float64Array[] {
  const n = m.inputs.length;
  const at = (f: (d: readonly string[] | null, i: number) => number) =>
    Float64Array.from({ length: n }, (_, i) => f(m.inputs[i].domain, i));
  return [at((d, i) => (d ? i % d.length : 0.5 + i)), at(() => NaN), at((d, i) => (d ? d.length - 1 : -3.25 * (i + 1)))];
}

/** What scoring `raw` gives: the slots, or the error's code and message. */
function outcome(m: Model, raw: Float64Array, offset = 0): (number | string)[] {
  const out = new Float64Array(m.outWidth);
  try {
    m.score(raw, out, offset);
    return [...out];
  } catch (e) {
    return [
      codeOf(() => {
        throw e;
      }) ?? 'not a ScorerError',
      (e as Error).message,
    ];
  }
}

/** The first row the model scores without an error (every case has one). */
function scoringRow(m: Model): Float64Array {
  const row = rowsFor(m).find((r) => typeof outcome(m, r)[0] === 'number');
  if (row === undefined) throw new Error(`${m.header.algo}: no test row scores`);
  return row;
}

/** Loads with code generation forced on or off (MOJO_SCORER_NO_CODEGEN), restoring the setting. */
function loadWithCodegen(bytes: Uint8Array, on: boolean): Model {
  const saved = process.env.MOJO_SCORER_NO_CODEGEN;
  process.env.MOJO_SCORER_NO_CODEGEN = on ? '0' : '1';
  try {
    return decodeModelBytes(bytes);
  } finally {
    if (saved === undefined) delete process.env.MOJO_SCORER_NO_CODEGEN;
    else process.env.MOJO_SCORER_NO_CODEGEN = saved;
  }
}

/** Everything observable for `raw`: the prediction and every explanation (values or error). */
function observe(m: Model, raw: Float64Array): unknown[] {
  const seen: unknown[] = [outcome(m, raw)];
  for (const [name, x] of Object.entries(m.explanations)) {
    try {
      seen.push([name, x.compute(raw, 0)]);
    } catch (e) {
      seen.push([name, (e as Error).message]);
    }
  }
  return seen;
}

test('every registered algorithm has a contract case', () => {
  const covered = new Set(CASES.map((c) => c.algo));
  expect(supportedAlgos().filter((a) => !covered.has(a))).toEqual([]);
});

test('the allocation probe sees an allocating model (so a 0 below means something)', () => {
  const out = new Float64Array(2);
  expect(countAllocations(() => out.fill(1))).toBe(0);
  expect(countAllocations(() => out.set(new Float64Array(2)))).toBe(1);
  expect(countAllocations(() => out.set([1, 2].map((v) => v * 2)))).toBe(1);
  expect(countAllocations(() => out.set(out.subarray(0, 1)))).toBe(1);
});

for (const c of CASES) {
  describe(`contract: ${c.algo} (${c.name})`, () => {
    const bytes = c.build();
    const m = decodeModelBytes(bytes);

    test('outWidth follows outputs, and score writes exactly those slots', () => {
      expect(m.outWidth).toBe(slots(m.outputs));
      const out = new Float64Array(m.outWidth + 2).fill(SENTINEL);
      m.score(scoringRow(m), out, 0);
      const touched = [...out].map((v) => !Object.is(v, SENTINEL));
      expect(touched).toEqual([...Array<boolean>(m.outWidth).fill(true), false, false]);
    });

    test(m.acceptsOffset ? 'a non-zero offset is taken' : 'a non-zero offset is refused with the one message', () => {
      const got = outcome(m, scoringRow(m), 0.5);
      if (m.acceptsOffset) expect(typeof got[0]).toBe('number');
      else expect(got).toEqual(['ROW_ERROR', OFFSET_UNSUPPORTED]);
    });

    test('a load error fails every row (ModelBase defaults are not bypassed)', () => {
      const broken = decodeModelBytes(bytes);
      expect(broken).toBeInstanceOf(ModelBase);
      (broken as unknown as { loadError: string }).loadError = 'this MOJO cannot be scored';
      for (const row of rowsFor(broken)) expect(outcome(broken, row)).toEqual(['ROW_ERROR', 'this MOJO cannot be scored']);
    });

    test('scoring allocates no arrays in the steady state', () => {
      const row = scoringRow(m);
      const out = new Float64Array(m.outWidth);
      const run = () => {
        for (let i = 0; i < STEADY_ROWS; i++) m.score(row, out, 0);
      };
      run();
      expect(countAllocations(run)).toBe(0);
    });

    test('code generation on and off score and explain alike', () => {
      const on = loadWithCodegen(bytes, true);
      const off = loadWithCodegen(bytes, false);
      for (const row of rowsFor(on)) expect(observe(off, row)).toEqual(observe(on, row));
    });

    test('a count larger than the artifact holds is MOJO_FORMAT', () => {
      expect(codeOf(() => decodeModelBytes(c.corruptCount()))).toBe('MOJO_FORMAT');
    });
  });
}

describe('outWidth follows outputs over every golden fixture model', () => {
  if (!HAVE_FIXTURES) {
    test.skip(NO_FIXTURES_MESSAGE, () => {});
    return;
  }
  test('every golden fixture model', () => {
    const fixtures = listFixtures();
    expect(fixtures.length).toBeGreaterThan(0);
    for (const f of fixtures) {
      const fm = decodeModel(f.model);
      expect({ fixture: f.name, width: fm.outWidth }).toEqual({ fixture: f.name, width: slots(fm.outputs) });
    }
  }, 120_000);
});

/** The binomial GLM of the contract cases, labelled with `category`. */
function glm(category: string): Model {
  return decodeModelBytes(binomialGlmMojo(category));
}

test('a model that takes offsets applies them (binomial GLM)', () => {
  const m = glm('Binomial');
  expect(m.acceptsOffset).toBe(true);
  const a = new Float64Array(m.outWidth);
  const b = new Float64Array(m.outWidth);
  m.score(Float64Array.of(1), a, 0);
  m.score(Float64Array.of(1), b, 0.5);
  expect(b[2]).toBeCloseTo(1 / (1 + Math.exp(-(1.75 + 0.5))), 12);
  expect(a[2]).not.toBe(b[2]);
});

test('a real load error fails every row (binomial GLM whose category has no room for probabilities)', () => {
  const m = glm('Regression');
  const out = new Float64Array(m.outWidth);
  expect(codeOf(() => m.score(Float64Array.of(1), out, 0))).toBe('ROW_ERROR');
  expect(codeOf(() => m.score(Float64Array.of(NaN), out, 0))).toBe('ROW_ERROR');
});
