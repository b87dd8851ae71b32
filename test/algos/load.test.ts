/** Loading: algorithm dispatch, version checks, the closed error set at the boundary. */
import { describe, expect, test } from 'bun:test';
import { strToU8, zipSync } from 'fflate';
import { decodeModelBytes, supportedAlgos } from '../../src/algos/index.ts';
import { ScorerError } from '../../src/errors.ts';

function mojo(info: Record<string, string>): Uint8Array {
  const lines = Object.entries({
    n_columns: '2',
    n_features: '1',
    supervised: 'true',
    category: 'Regression',
    mojo_version: '1.00',
    ...info,
  }).map(([k, v]) => `${k} = ${v}`);
  return zipSync({ 'model.ini': strToU8(`[info]\n${lines.join('\n')}\n\n[columns]\nx\ny\n`) });
}

function failure(bytes: Uint8Array): ScorerError {
  try {
    decodeModelBytes(bytes);
  } catch (e) {
    if (e instanceof ScorerError) return e;
    throw e;
  }
  throw new Error('loaded');
}

describe('loadModel', () => {
  test('every H2O-3 algorithm that exports a MOJO has a reader', () => {
    for (const algo of [
      'gbm',
      'drf',
      'glm',
      'gam',
      'deeplearning',
      'stackedensemble',
      'xgboost',
      'isolationforest',
      'extendedisolationforest',
      'kmeans',
      'pca',
      'glrm',
      'svm',
      'word2vec',
      'coxph',
      'targetencoder',
      'isotonicregression',
      'rulefit',
      'upliftdrf',
      'klime',
      'pipeline',
    ]) {
      expect(supportedAlgos()).toContain(algo);
    }
  });
  test('an unknown algorithm fails at load naming it and listing the supported ones', () => {
    const e = failure(mojo({ algo: 'quantumforest', algorithm: 'Quantum Forest' }));
    expect(e.code).toBe('UNSUPPORTED_ALGORITHM');
    expect(e.message).toContain("'quantumforest'");
    for (const a of supportedAlgos()) expect(e.message).toContain(a);
  });
  test('a MOJO newer than the reader is refused with its version', () => {
    const e = failure(
      mojo({ algo: 'kmeans', algorithm: 'K-means', category: 'Clustering', supervised: 'false', n_features: '2', mojo_version: '9.99' }),
    );
    expect(e.code).toBe('UNSUPPORTED_VERSION');
    expect(e.message).toContain('9.99');
  });
  test('no algo key at all is a format error', () => {
    expect(failure(mojo({})).code).toBe('MOJO_FORMAT');
  });
});
