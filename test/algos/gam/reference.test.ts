/**
 * Every test model scored against the numbers h2o-genmodel produced for the same MOJO bytes
 * (recorded in java-outputs.ts): all four spline types, binomial / regression (identity, logit, log,
 * inverse links) / multinomial / ordinal, imputation, missing sources, and the reference's
 * quirks (M-spline centring matrix index, slot positions advancing by knots − 1).
 */
import { describe, expect, test } from 'bun:test';
import { CASES } from './cases.ts';
import { JAVA } from './java-outputs.ts';
import { scoreCase } from './score-case.ts';

describe('GAM matches h2o-genmodel bit for bit', () => {
  for (const c of CASES) {
    test(c.name, () => {
      const want = JAVA[c.name];
      const got = scoreCase(c);
      expect(got.length).toBe(want.length);
      got.forEach((g, i) => {
        const w = want[i];
        if (typeof w === 'string') {
          expect(g).toBe('ROW_ERROR'); // Java threw w
          return;
        }
        expect(g).toEqual(w); // toEqual treats NaN as equal to NaN
      });
    });
  }
});
