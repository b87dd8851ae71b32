import { describe, expect, test } from 'bun:test';
import { decodeModelBytes } from '../../../src/algos/index.ts';
import type { ScorerError } from '../../../src/errors.ts';
import { glmSpec, writeLinearMojo } from '../../support/linear-mojo.ts';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function model(family: 'multinomial' | 'ordinal', beta: number[], extra: Partial<Parameters<typeof glmSpec>[0]> = {}) {
  return decodeModelBytes(
    writeLinearMojo(
      glmSpec({
        category: family === 'ordinal' ? 'Ordinal' : 'Multinomial',
        columns: [{ name: 'x' }, { name: 'y', domain: ['lo', 'mid', 'hi'] }],
        nclasses: 3,
        family,
        link: family === 'ordinal' ? 'ologit' : 'multinomial',
        cats: 0,
        catOffsets: [0],
        nums: 1,
        beta,
        ...extra,
      }),
    ),
  );
}

function score(m: ReturnType<typeof model>, row: number[], offset = 0): number[] {
  const out = new Float64Array(m.outWidth);
  m.score(Float64Array.from(row), out, offset);
  return Array.from(out);
}

describe('GLM multinomial', () => {
  test('softmax over per-class blocks, label = most probable class', () => {
    const m = model('multinomial', [1, 0, -1, 0, 0, 0.5]);
    const e = [2, -2, 0.5];
    const ex = e.map((v) => Math.exp(v - 2));
    const s = 1 / (ex[0] + ex[1] + ex[2]);
    expect(score(m, [2])).toEqual([0, ex[0] * s, ex[1] * s, ex[2] * s]);
    expect(m.outputs.map((o) => o.name)).toEqual(['predict', 'lo', 'mid', 'hi']);
  });
  test('ignores the offset, like the reference', () => {
    const m = model('multinomial', [1, 0, -1, 0, 0, 0.5]);
    expect(score(m, [2], 5)).toEqual(score(m, [2], 0));
  });
  test('beta not a multiple of the class count is a format error', () => {
    let code = '';
    try {
      model('multinomial', [1, 0, -1, 0, 0]);
    } catch (e) {
      code = (e as ScorerError).code;
    }
    expect(code).toBe('MOJO_FORMAT');
  });
});

describe('GLM ordinal', () => {
  test('cumulative logits: class probabilities are CDF differences', () => {
    const m = model('ordinal', [1, -1, 1, 1, 0, 0]);
    const c0 = sigmoid(-0.5);
    const c1 = sigmoid(1.5);
    const r = score(m, [0.5]);
    expect(r[1]).toBeCloseTo(c0, 15);
    expect(r[2]).toBeCloseTo(c1 - c0, 15);
    expect(r[3]).toBeCloseTo(1 - c1, 15);
    expect(r[0]).toBe(1); // p = 0.378, 0.440, 0.182 → "mid"
  });
  test('offset shifts every cumulative logit', () => {
    const m = model('ordinal', [1, -1, 1, 1, 0, 0]);
    const r = score(m, [0.5], 1);
    expect(r[1]).toBeCloseTo(sigmoid(0.5), 15);
  });
  test('no positive class probability is a row error (reference indexes -1)', () => {
    const m = model('ordinal', [1, -1, 1, 1, 0, 0]);
    let code = '';
    try {
      score(m, [NaN]);
    } catch (e) {
      code = (e as ScorerError).code;
    }
    expect(code).toBe('ROW_ERROR');
  });
});
