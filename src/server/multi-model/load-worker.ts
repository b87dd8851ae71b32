/**
 * Worker body: a trial load of one artifact, off the request thread. Messages are
 * `{id, path, limits}`; answers `{id, readBytes}` when the model decodes within its `LoadBudget`, else
 * `{id, error, code}`. The decoded model is dropped (models hold closures, which cannot cross
 * threads): the request thread then decodes it again, knowing the work is bounded. See trial-load.ts.
 */
import { decodeModelSource } from '../../algos/index.ts';
import type { ScorerError } from '../../errors.ts';
import { type ArchiveLimits, openMojo } from '../../mojo/index.ts';

declare const self: Worker;

self.onmessage = (event: MessageEvent<{ id: number; path: string; limits: ArchiveLimits }>) => {
  const { id, path, limits } = event.data;
  try {
    const source = openMojo(path, limits);
    decodeModelSource(source);
    self.postMessage({ id, readBytes: source.budget.readBytes });
  } catch (e) {
    self.postMessage({ id, error: (e as Error).message, code: (e as Partial<ScorerError>).code });
  }
};
