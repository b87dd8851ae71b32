/**
 * The model contract's shared defaults (ModelBase): `outWidth` follows from `outputs` for every
 * model (each golden fixture, nested models included, and the writer-built ones here), a model
 * refuses a non-zero offset with one message unless it accepts offsets, and a load error fails
 * every row.
 */
import { describe, expect, test } from 'bun:test';
import { loadModel, loadModelFromBytes, type Model, type OutputColumn } from '../../src/algos/index.ts';
import { HAVE_FIXTURES, listFixtures, NO_FIXTURES_MESSAGE } from '../support/fixtures.ts';
import { codeOf } from '../support/errors.ts';
import { glmSpec, writeLinearMojo } from '../support/linear-mojo.ts';
import { sizedBeDoubles } from '../support/mojo-writer/bytes.ts';
import { buildMojo } from '../support/multi-mojo.ts';

/** Slots an output layout needs, counted independently of the implementation. */
function slots(outputs: readonly OutputColumn[]): number {
  return outputs.reduce((n, c) => n + (c.kind === 'vector' ? c.size : 1), 0);
}

function isotonic(): Model {
  return loadModelFromBytes(
    buildMojo({
      algo: 'isotonicregression',
      algorithm: 'Isotonic Regression',
      category: 'Regression',
      supervised: true,
      columns: [{ name: 'p1' }, { name: 'y' }],
      info: [
        ['calib_min_x', 0],
        ['calib_max_x', 1],
      ],
      files: { 'calib/thresholds_x': sizedBeDoubles([0, 1]), 'calib/thresholds_y': sizedBeDoubles([0, 1]) },
    }),
  );
}

function glm(category: string): Model {
  return loadModelFromBytes(
    writeLinearMojo(
      glmSpec({
        category,
        columns: [{ name: 'x' }, { name: 'y', domain: ['no', 'yes'] }],
        nclasses: 2,
        family: 'binomial',
        link: 'logit',
        cats: 0,
        catOffsets: [0],
        nums: 1,
        beta: [2, -0.25],
      }),
    ),
  );
}

describe('outWidth follows outputs', () => {
  test('writer-built models', () => {
    for (const m of [isotonic(), glm('Binomial')]) expect(m.outWidth).toBe(slots(m.outputs));
  });
  if (!HAVE_FIXTURES) {
    test.skip(NO_FIXTURES_MESSAGE, () => {});
    return;
  }
  test('every golden fixture model', () => {
    const fixtures = listFixtures();
    expect(fixtures.length).toBeGreaterThan(0);
    for (const f of fixtures) {
      const m = loadModel(f.model);
      expect({ fixture: f.name, width: m.outWidth }).toEqual({ fixture: f.name, width: slots(m.outputs) });
    }
  }, 120_000);
});

describe('offset', () => {
  test('a model that does not take offsets refuses a non-zero one with the one message', () => {
    const m = isotonic();
    const out = new Float64Array(m.outWidth);
    m.score(Float64Array.of(0.5), out, 0);
    expect(out[0]).toBe(0.5);
    expect(codeOf(() => m.score(Float64Array.of(0.5), out, 1))).toBe('ROW_ERROR');
    expect(() => m.score(Float64Array.of(0.5), out, 1)).toThrow('`offset` column is not supported');
  });
  test('a model that takes offsets applies them', () => {
    const m = glm('Binomial');
    expect(m.acceptsOffset).toBe(true);
    const a = new Float64Array(m.outWidth);
    const b = new Float64Array(m.outWidth);
    m.score(Float64Array.of(1), a, 0);
    m.score(Float64Array.of(1), b, 0.5);
    expect(b[2]).toBeCloseTo(1 / (1 + Math.exp(-(1.75 + 0.5))), 12);
    expect(a[2]).not.toBe(b[2]);
  });
});

test('a load error fails every row (binomial GLM whose category has no room for probabilities)', () => {
  const m = glm('Regression');
  const out = new Float64Array(m.outWidth);
  expect(codeOf(() => m.score(Float64Array.of(1), out, 0))).toBe('ROW_ERROR');
  expect(codeOf(() => m.score(Float64Array.of(NaN), out, 0))).toBe('ROW_ERROR');
});
