/**
 * k-LIME on a hand-built MOJO: k-means on Age (centres 20 and 60) picks the cluster, cluster 1
 * has its own GLM, cluster 0 falls back to the global GLM. Reason codes are the GLM terms.
 */
import { describe, expect, test } from 'bun:test';
import { loadModelFromBytes, type Model } from '../../src/algos/index.ts';
import { ScorerError } from '../../src/errors.ts';
import { glmMojoFiles, zipFiles, type GlmMojoSpec } from '../support/mojo-writer/index.ts';
import { mojoEntries } from '../support/multi-mojo.ts';

const SEX = { name: 'Sex', domain: ['female', 'male'], mode: 1 };
function glm(beta: number[]): GlmMojoSpec {
  return {
    cats: [SEX],
    nums: [{ name: 'Age', mean: 40 }],
    response: { name: 'p1' },
    family: 'gaussian',
    link: 'identity',
    beta,
    useAllFactorLevels: true,
    meanImputation: true,
  };
}
const GLOBAL = glm([0.1, 0.2, 0.01, 1]); // female, male, Age, intercept
const LOCAL = glm([-0.5, 0.5, 0.02, 2]);

function klimeMojo(): Uint8Array {
  const files = mojoEntries({
    algo: 'klime',
    algorithm: 'k-LIME',
    category: 'Regression',
    supervised: true,
    columns: [{ name: 'Sex', domain: ['female', 'male'] }, { name: 'Age' }, { name: 'p1' }],
    info: [
      ['submodel_count', { raw: '3' }],
      ['submodel_key_0', 'km'],
      ['submodel_dir_0', 'models/KMeans/km/'],
      ['submodel_key_1', 'global'],
      ['submodel_dir_1', 'models/GLM/global/'],
      ['submodel_key_2', 'c1'],
      ['submodel_dir_2', 'models/GLM/c1/'],
      ['cluster_num', { raw: '2' }],
      ['clustering_model', 'km'],
      ['global_regression_model', 'global'],
      ['cluster_regression_model_1', 'c1'],
    ],
  });
  const km = mojoEntries({
    algo: 'kmeans',
    algorithm: 'K-means',
    category: 'Clustering',
    columns: [{ name: 'Age' }],
    info: [
      ['standardize', false],
      ['center_num', { raw: '2' }],
      ['center_0', [20]],
      ['center_1', [60]],
    ],
  });
  for (const [k, v] of km) files.set(`models/KMeans/km/${k}`, v);
  for (const [k, v] of glmMojoFiles(GLOBAL)) files.set(`models/GLM/global/${k}`, v);
  for (const [k, v] of glmMojoFiles(LOCAL)) files.set(`models/GLM/c1/${k}`, v);
  return zipFiles(files);
}

const m: Model = loadModelFromBytes(klimeMojo());
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
