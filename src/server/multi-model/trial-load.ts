/**
 * Trial loads on worker threads: before a multi-model load decodes an artifact on the request
 * thread, a worker decodes it once within the same `LoadBudget` as start-up (read caps, decoded
 * bytes, nested models, MOJO_MAX_LOAD_SECONDS). A model that costs more than its budget fails
 * there, and a worker that runs past the deadline (work that never reaches a budget check) is
 * terminated, which frees all it allocated; either way the request thread never runs the
 * unbounded work and /ping keeps answering. Each trial gets a fresh worker, ended after its
 * answer; at most TRIAL_CONCURRENCY run at once, the rest wait their turn.
 */
import { availableParallelism } from 'node:os';
import {
  MojoFormatError,
  MojoNotFoundError,
  MojoTooLargeError,
  type ScorerError,
  UnsupportedAlgorithmError,
  UnsupportedVersionError,
} from '../../errors.ts';
import { type ArchiveLimits, limitsFromEnv, MAX_LOAD_SECONDS_ENV } from '../../mojo/index.ts';
import { inCompiledBinary } from '../../self-command.ts';

/** Trial loads running at once: one per spare core, at most four. */
export const TRIAL_CONCURRENCY = Math.max(1, Math.min(4, availableParallelism() - 1));
/** Time past the budget's deadline before a worker that stopped answering is terminated. */
const GRACE_MS = 2000;

interface Answer {
  id: number;
  readBytes?: number;
  error?: string;
  code?: string;
}

/** Bun's Worker; its ref/unref are missing from the DOM typings the model page pulls in. */
type TrialWorker = Worker & { ref(): void; unref(): void };

const ERRORS: Record<string, new (message: string) => ScorerError> = {
  MOJO_FORMAT: MojoFormatError,
  MOJO_TOO_LARGE: MojoTooLargeError,
  MOJO_NOT_FOUND: MojoNotFoundError,
  UNSUPPORTED_ALGORITHM: UnsupportedAlgorithmError,
  UNSUPPORTED_VERSION: UnsupportedVersionError,
};

/** Runs trial loads, `concurrency` at a time, each in its own worker started from `workerUrl`. */
export class TrialLoader {
  private running = 0;
  private readonly queue: (() => void)[] = [];
  private nextId = 0;

  constructor(
    private readonly workerUrl: string = defaultWorkerUrl(),
    private readonly concurrency: number = TRIAL_CONCURRENCY,
  ) {}

  /**
   * Resolves with the bytes the load read when the artifact at `path` decodes within `limits`;
   * rejects with the load's error.
   */
  async trial(path: string, origin: string, limits: ArchiveLimits = limitsFromEnv()): Promise<number> {
    if (this.running >= this.concurrency) await new Promise<void>((go) => this.queue.push(go));
    this.running++;
    try {
      return await this.runOne(path, origin, limits);
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }

  private runOne(path: string, origin: string, limits: ArchiveLimits): Promise<number> {
    const id = this.nextId++;
    const worker = new Worker(this.workerUrl) as TrialWorker;
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        finish();
        reject(
          new MojoTooLargeError(
            `${origin}: loading took longer than ${limits.maxLoadMs / 1000} s (${MAX_LOAD_SECONDS_ENV}); the model is too large or malformed`,
          ),
        );
      }, limits.maxLoadMs + GRACE_MS);
      const finish = (): void => {
        clearTimeout(timer);
        worker.terminate();
      };
      worker.onmessage = (event: MessageEvent<Answer>) => {
        const a = event.data;
        if (a.id !== id) return;
        finish();
        if (a.error === undefined) resolve(a.readBytes ?? 0);
        else {
          // The worker's messages already name the artifact.
          const Known = a.code === undefined ? undefined : ERRORS[a.code];
          reject(Known ? new Known(a.error) : new MojoFormatError(`${origin}: cannot be loaded (${a.error})`));
        }
      };
      worker.onerror = (event) => {
        finish();
        reject(new MojoFormatError(`${origin}: the trial load failed (${event.message})`));
      };
      worker.postMessage({ id, path, limits });
    });
  }
}

/**
 * The worker's module. From sources it sits beside this file; in a `bun build --compile` binary
 * (which must list it as a second entrypoint, as the Dockerfile does) every module is flattened
 * into the binary's root, while the worker keeps its path below src/.
 */
function defaultWorkerUrl(): string {
  if (!inCompiledBinary()) return new URL('./load-worker.ts', import.meta.url).href;
  return new URL('./server/multi-model/load-worker.js', `file://${Bun.main}`).href;
}

let shared: TrialLoader | undefined;

/** The process's trial loader (started on first use). */
export function trialLoader(): TrialLoader {
  shared ??= new TrialLoader();
  return shared;
}
