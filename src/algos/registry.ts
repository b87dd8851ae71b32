/**
 * Algorithm readers by `algo` key. Add a reader here to support a new algorithm.
 */
import type { AlgorithmReader } from './model.ts';
import { xgboostReader } from './xgboost/index.ts';

export const READERS: readonly AlgorithmReader[] = [
  // readers are registered below, one line each
  xgboostReader,
];

export function findReader(algo: string): AlgorithmReader | undefined {
  for (const r of READERS) if (r.algos.includes(algo)) return r;
  return undefined;
}

export function supportedAlgos(): string[] {
  return READERS.flatMap((r) => r.algos).sort();
}
