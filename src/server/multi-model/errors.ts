/**
 * The multi-model errors, each with the status SageMaker's multi-model contract expects
 * (404 unknown name, 409 name taken, 507 out of memory: SageMaker then unloads and retries).
 */
import { coded, echoed } from '../../errors.ts';

export class ModelNotLoadedError extends coded('MODEL_NOT_LOADED') {
  constructor(name: string) {
    super(`model '${echoed(name)}' is not loaded`, { detail: { model: echoed(name) } });
  }
}

export class ModelAlreadyLoadedError extends coded('MODEL_ALREADY_LOADED') {
  constructor(name: string) {
    super(`model '${echoed(name)}' is already loaded`, { detail: { model: echoed(name) } });
  }
}

export class InsufficientMemoryError extends coded('INSUFFICIENT_MEMORY') {
  constructor(name: string, needBytes: number, freeBytes: number, budgetBytes: number) {
    super(
      `model '${echoed(name)}' needs about ${mb(needBytes)} MB; ${mb(freeBytes)} MB of the ${mb(budgetBytes)} MB budget (MULTI_MODEL_MEMORY_MB) is free`,
      { detail: { model: echoed(name), needBytes, freeBytes, budgetBytes } },
    );
  }
}

export class ModelPathForbiddenError extends coded('MODEL_PATH_FORBIDDEN') {
  // The root is not named: a client learns no path of the server from an error (server-paths.ts).
  constructor(url: string) {
    super(`'${echoed(url)}' is not inside the model root (MULTI_MODEL_ROOT)`, { detail: { url: echoed(url) } });
  }
}

/** A model artifact that is not there (the url names nothing under the root). */
export class ModelUrlNotFoundError extends coded('MODEL_URL_NOT_FOUND') {
  constructor(url: string, why: string) {
    super(`no model at '${echoed(url)}': ${echoed(why)}`, { detail: { url: echoed(url) } });
  }
}

function mb(bytes: number): number {
  return Math.round((bytes / 1048576) * 10) / 10;
}
