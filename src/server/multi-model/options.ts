/**
 * Multi-model settings from the environment. The memory budget bounds the *estimated* memory
 * of loaded models (see memory.ts), not the whole process: request buffers and the runtime
 * need the rest, hence the default of half the container's memory. It is a budget per serving
 * process: every worker may be asked to score every loaded model and then holds its own copy,
 * so the default is that half divided among the workers, and MULTI_MODEL_MEMORY_MB, when set,
 * is what one process may hold (the endpoint may use about workers × that).
 */
import { totalmem } from 'node:os';
import { booleanSetting, type Env, numberSetting } from '../env-settings.ts';

export { multiModelEnabled } from '../start-settings.ts';

/** SageMaker's own folder for multi-model artifacts. */
export const DEFAULT_MULTI_MODEL_ROOT = '/opt/ml/models';
/** Share of the available memory given to models when MULTI_MODEL_MEMORY_MB is unset. */
const DEFAULT_BUDGET_SHARE = 0.5;
/** Page size of GET /models when the caller sends no max_results. */
export const DEFAULT_PAGE_SIZE = 1000;

export interface MultiModelOptions {
  /** Folder every loaded model must be inside (real path). */
  root: string;
  /** Estimated bytes all loaded models may take together in one process (507 beyond it). */
  memoryBudgetBytes: number;
  /** Unload least-recently-used models to make room instead of answering 507 at once. */
  evictLru: boolean;
  /** Decode each artifact once on a worker thread before loading it (default true; see trial-load.ts). */
  trialLoadInWorker?: boolean;
}

/** The settings; `workers` serving processes share the default budget. */
export function multiModelOptionsFromEnv(env: Env, workers = 1): MultiModelOptions {
  const budgetMb = numberSetting(env, 'MULTI_MODEL_MEMORY_MB', Number.NaN);
  const budget = Number.isNaN(budgetMb)
    ? Math.floor((availableMemory() * DEFAULT_BUDGET_SHARE) / Math.max(1, workers))
    : Math.floor(budgetMb * 1048576);
  return {
    root: env.MULTI_MODEL_ROOT || DEFAULT_MULTI_MODEL_ROOT,
    memoryBudgetBytes: budget,
    evictLru: booleanSetting(env, 'MULTI_MODEL_EVICT_LRU', false),
  };
}

/** The container's memory limit when the runtime knows it (cgroup), else the machine's. */
function availableMemory(): number {
  const constrained = (process as { constrainedMemory?: () => number | undefined }).constrainedMemory?.();
  const total = totalmem();
  return constrained !== undefined && constrained > 0 && constrained < total ? constrained : total;
}
