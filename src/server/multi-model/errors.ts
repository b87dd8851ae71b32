/**
 * The multi-model errors, each with the status SageMaker's multi-model contract expects
 * (404 unknown name, 409 name taken, 507 out of memory: SageMaker then unloads and retries).
 */
import { ScorerError } from '../../errors.ts';

export class ModelNotLoadedError extends ScorerError {
  constructor(name: string) {
    super('MODEL_NOT_LOADED', 404, `model '${name}' is not loaded`, { detail: { model: name } });
  }
}

export class ModelAlreadyLoadedError extends ScorerError {
  constructor(name: string) {
    super('MODEL_ALREADY_LOADED', 409, `model '${name}' is already loaded`, { detail: { model: name } });
  }
}

export class InsufficientMemoryError extends ScorerError {
  constructor(name: string, needBytes: number, freeBytes: number, budgetBytes: number) {
    super(
      'INSUFFICIENT_MEMORY',
      507,
      `model '${name}' needs about ${mb(needBytes)} MB; ${mb(freeBytes)} MB of the ${mb(budgetBytes)} MB budget (MULTI_MODEL_MEMORY_MB) is free`,
      { detail: { model: name, needBytes, freeBytes, budgetBytes } },
    );
  }
}

export class ModelPathForbiddenError extends ScorerError {
  constructor(url: string, root: string) {
    super('MODEL_PATH_FORBIDDEN', 403, `'${url}' is not inside the model root ${root} (MULTI_MODEL_ROOT)`, { detail: { url } });
  }
}

/** A model artifact that is not there (the url names nothing under the root). */
export class ModelUrlNotFoundError extends ScorerError {
  constructor(url: string, why: string) {
    super('MOJO_NOT_FOUND', 404, `no model at '${url}': ${why}`, { detail: { url } });
  }
}

function mb(bytes: number): number {
  return Math.round((bytes / 1048576) * 10) / 10;
}
