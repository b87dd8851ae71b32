/**
 * Algorithm readers by `algo` key. Add a reader here to support a new algorithm.
 */
import type { AlgorithmReader } from './model.ts';
import { coxphReader } from './coxph/index.ts';
import { glmReader } from './glm/index.ts';
import { gamReader } from './gam/index.ts';
import { rulefitReader } from './rulefit/index.ts';
import { xgboostReader } from './xgboost/index.ts';
import { deeplearningReader } from './deeplearning/index.ts';
import { glrmReader } from './glrm/index.ts';
import { kmeansReader } from './kmeans/index.ts';
import { pcaReader } from './pca/index.ts';
import { svmReader } from './svm/index.ts';
import { word2vecReader } from './word2vec/index.ts';
import { stackedEnsembleReader } from './stackedensemble/index.ts';
import { pipelineReader } from './pipeline/index.ts';
import { klimeReader } from './klime/index.ts';
import { extendedIsolationForestReader } from './isoforextended/index.ts';
import { isotonicRegressionReader } from './isotonic/index.ts';
import { targetEncoderReader } from './targetencoder/index.ts';
import { gbmReader } from './gbm/index.ts';
import { drfReader } from './drf/index.ts';
import { isolationForestReader } from './isofor/index.ts';
import { upliftDrfReader } from './upliftdrf/index.ts';

export const READERS: readonly AlgorithmReader[] = [
  // readers are registered below, one line each
  gamReader,
  gbmReader,
  drfReader,
  isolationForestReader,
  upliftDrfReader,
  stackedEnsembleReader,
  pipelineReader,
  klimeReader,
  extendedIsolationForestReader,
  isotonicRegressionReader,
  targetEncoderReader,
  xgboostReader,
  deeplearningReader,
  glrmReader,
  kmeansReader,
  pcaReader,
  svmReader,
  word2vecReader,
  glmReader,
  coxphReader,
  rulefitReader,
];

export function findReader(algo: string): AlgorithmReader | undefined {
  for (const r of READERS) if (r.algos.includes(algo)) return r;
  return undefined;
}

export function supportedAlgos(): string[] {
  return READERS.flatMap((r) => r.algos).sort();
}
