/**
 * Serves the multi-model endpoint in one process. SageMaker sends load and unload requests to
 * the container once, so several worker processes sharing the port would each see only some
 * of them (and a model loaded in one would be missing in the others): multi-model mode
 * therefore ignores SAGEMAKER_MODEL_SERVER_WORKERS and runs a single process.
 */
import { Drain } from '../drain.ts';
import { type HttpHabits, NO_HABITS, withHttpHabits } from '../habits/index.ts';
import { jsonLogger, type Logger } from '../log.ts';
import { BUN_BODY_LIMIT } from '../read-body.ts';
import { type AppOptions, hostname } from '../options.ts';
import { buildMultiModelApp } from './app.ts';
import type { MultiModelOptions } from './options.ts';
import { listen } from '../port-claim.ts';
import { routableRequest } from '../routable-request.ts';

export async function serveMultiModel(
  port: number,
  options: AppOptions,
  mm: MultiModelOptions,
  log: Logger = jsonLogger,
  habits: HttpHabits = NO_HABITS,
): Promise<void> {
  const drain = new Drain();
  const { app } = buildMultiModelApp(mm, { ...options, workers: 1, log, signal: drain.signal });
  const server = listen(port, () =>
    Bun.serve({
      port,
      hostname: hostname(),
      maxRequestBodySize: BUN_BODY_LIMIT,
      fetch: drain.wrap(withHttpHabits((request: Request) => app.handle(routableRequest(request)), habits, log)),
    }),
  );
  if (options.workers > 1)
    log('info', 'multi-model mode runs one process (loads and unloads must reach every model copy)', { workersIgnored: options.workers });
  log('info', 'serving (multi-model)', {
    port: server.port,
    root: mm.root,
    memoryBudgetMB: Math.round(mm.memoryBudgetBytes / 1048576),
    evictLru: mm.evictLru,
  });
  process.send?.({ ready: true, port: server.port });
  drain.stopOnSignals(server, log, false);
}
