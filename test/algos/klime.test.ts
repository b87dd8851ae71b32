/**
 * k-LIME on a hand-built MOJO: k-means on Age (centres 20 and 60) picks the cluster, cluster 1
 * has its own GLM, cluster 0 falls back to the global GLM. Reason codes are the GLM terms.
 */
import { describe, expect, test } from 'bun:test';
import { decodeModelBytes, type Model } from '../../src/algos/index.ts';
import { ScorerError } from '../../src/errors.ts';
import { klimeMojo } from '../support/algo-models/klime.ts';

const m: Model = decodeModelBytes(klimeMojo(true));
const explain = (row: number[]) => m.explanations.klime.compute(Float64Array.from(row), 0);

describe('k-LIME', () => {
  test('predict comes from the cluster GLM (or the global one)', () => {
    const out = new Float64Array(1);
    m.score(Float64Array.of(1, 30), out, 0); // cluster 0 → global: 0.2 + 0.3 + 1
    expect(out[0]).toBeCloseTo(1.5, 12);
    m.score(Float64Array.of(0, 70), out, 0); // cluster 1 → local: -0.5 + 1.4 + 2
    expect(out[0]).toBeCloseTo(2.9, 12);
    expect(m.outputs.map((c) => c.name)).toEqual(['predict']);
  });

  test('reason codes: level coefficient and beta·x, after mean/mode imputation', () => {
    expect(m.explanations.klime.names).toEqual(['predict', 'cluster', 'rc_Sex', 'rc_Age']);
    const r = explain([0, 70]);
    expect(r[1]).toBe(1);
    expect(r.slice(2)).toEqual([-0.5, 0.02 * 70]);
    // missing Sex → mode (male), missing Age → k-means sees NaN (cluster 0), GLM fills 40
    const miss = explain([NaN, NaN]);
    expect(miss[1]).toBe(0);
    expect(miss.slice(2)).toEqual([0.2, 0.01 * 40]);
  });

  test('no finite cluster (k-means answers -1) fails the row', () => {
    let code: string | undefined;
    try {
      explain([0, Infinity]);
    } catch (e) {
      code = e instanceof ScorerError ? e.code : String(e);
    }
    expect(code).toBe('ROW_ERROR');
  });
});
