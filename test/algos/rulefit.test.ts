import { describe, expect, test } from 'bun:test';
import { decodeModelBytes } from '../../src/algos/index.ts';
import type { ScorerError } from '../../src/errors.ts';
import { rulefitMojo } from '../support/algo-models/rulefit.ts';
import type { LinearMojoSpec } from '../support/linear-mojo.ts';

/** One depth, one tree, two rules on x (x < 1 → "M0T0N1"; x ≥ 1 or missing → "M0T0N2"). */
function rulefit(modelType: number, linearNames: string[], extra: LinearMojoSpec['info'] = []) {
  return decodeModelBytes(rulefitMojo(modelType, linearNames, extra));
}

const score = (m: ReturnType<typeof rulefit>, x: number) => {
  const out = new Float64Array(m.outWidth);
  m.score(Float64Array.from([x]), out, 0);
  return out[0];
};

describe('RuleFit', () => {
  test('rules + linear terms feed the nested GLM', () => {
    const m = rulefit(1, ['M0T0', 'x']);
    expect(m.outputs).toEqual([{ name: 'predict', kind: 'number' }]);
    expect(score(m, 0.5)).toBe(10 + 0.5 + 0.5);
    expect(score(m, 2)).toBe(20 + 2 + 0.5);
    // Missing x: only the NA-including rule fires; the GLM imputes x with its mean (3).
    expect(score(m, NaN)).toBe(20 + 3 + 0.5);
  });

  test('linear names permute inputs into the GLM column order', () => {
    // model_type 1 lays out [rules…, row…] = [M0T0, x]; mapping them swapped feeds x as the level.
    const m = rulefit(1, ['x', 'M0T0']);
    expect(score(m, 1)).toBe(20 + 1 + 0.5); // level = x = 1, numeric = rule value 1
  });

  test('a negative level index is a row error, as the Java runtime throws (confirmed against h2o-genmodel)', () => {
    const m = rulefit(1, ['x', 'M0T0']);
    for (const x of [-1, -100000]) {
      let code = '';
      try {
        score(m, x);
      } catch (e) {
        code = (e as ScorerError).code;
      }
      expect(code).toBe('ROW_ERROR');
    }
  });

  test('rules only (model_type 2) with fewer linear names than GLM inputs fails every row', () => {
    const m = rulefit(2, ['M0T0']);
    let code = '';
    try {
      score(m, 0.5);
    } catch (e) {
      code = (e as ScorerError).code;
    }
    expect(code).toBe('ROW_ERROR');
  });

  test('a linear name the GLM lacks fails every row', () => {
    const m = rulefit(1, ['M0T0', 'nope']);
    let code = '';
    try {
      score(m, 1);
    } catch (e) {
      code = (e as ScorerError).code;
    }
    expect(code).toBe('ROW_ERROR');
  });

  test('missing linear model is a format error', () => {
    let code = '';
    try {
      rulefit(1, ['M0T0', 'x'], [['linear_model', 'other']]);
    } catch (e) {
      code = (e as ScorerError).code;
    }
    expect(code).toBe('MOJO_FORMAT');
  });
});
