/**
 * Serves the multi-model endpoint: in one process, or on every core as a primary that keeps
 * the list of loaded models (catalog.ts) and worker processes sharing the port, as single-model
 * mode does (workers.ts). SageMaker sends a load or unload once, to whichever worker accepts
 * the connection, and an invoke to any worker: the load is checked and answered by the worker
 * that received it, which lists the model in the primary's catalog; every other worker loads
 * its own copy when it is first asked to score the model (catalog-ipc.ts, registry.ts).
 */
import { Drain } from '../drain.ts';
import { type HttpHabits, NO_HABITS, withHttpHabits } from '../habits/index.ts';
import { jsonLogger, type Logger } from '../log.ts';
import { MetricsTotals, shareMetricsWithPrimary } from '../metrics-ipc.ts';
import { type AppOptions, hostname } from '../options.ts';
import { listen } from '../port-claim.ts';
import { BUN_BODY_LIMIT } from '../read-body.ts';
import { routableRequest } from '../routable-request.ts';
import { runPrimary } from '../workers.ts';
import { buildMultiModelApp } from './app.ts';
import { Catalog } from './catalog.ts';
import { CatalogServer, RemoteCatalog } from './catalog-ipc.ts';
import type { MultiModelOptions } from './options.ts';

/** Serves the endpoint in this process: alone, or (isWorker) as one of the primary's workers. */
export async function serveMultiModel(
  port: number,
  options: AppOptions,
  mm: MultiModelOptions,
  log: Logger = jsonLogger,
  isWorker = false,
  habits: HttpHabits = NO_HABITS,
): Promise<void> {
  const drain = new Drain();
  const send = isWorker && process.send ? process.send.bind(process) : undefined;
  const remote = send ? new RemoteCatalog((m) => send(m)) : undefined;
  const { app, registry, metrics } = buildMultiModelApp(mm, { ...options, log, signal: drain.signal, catalog: remote });
  if (remote) remote.onDrop = (name) => registry.dropCopy(name);
  const server = listen(port, () =>
    Bun.serve({
      port,
      hostname: hostname(),
      // Only the workers of one server share a port (the primary holds the claim, port-claim.ts).
      reusePort: remote !== undefined,
      maxRequestBodySize: BUN_BODY_LIMIT,
      fetch: withHttpHabits((request: Request) => app.handle(routableRequest(request)), habits, log, drain),
    }),
  );
  if (send && metrics) shareMetricsWithPrimary(metrics, (m) => send(m));
  log('info', 'serving (multi-model)', {
    port: server.port,
    root: mm.root,
    memoryBudgetMB: Math.round(mm.memoryBudgetBytes / 1048576),
    evictLru: mm.evictLru,
    worker: remote !== undefined,
  });
  process.send?.({ ready: true, port: server.port });
  drain.stopOnSignals(server, log, isWorker);
}

/** The primary of a multi-worker endpoint: the catalog, the port claim and the workers. */
export async function runMultiModelPrimary(
  port: number,
  workers: number,
  mm: MultiModelOptions,
  log: Logger,
  workerEnv: string,
): Promise<void> {
  const ipc = new CatalogServer(log);
  const catalog = new Catalog(mm, ipc.dropEverywhere, log);
  const metrics = new MetricsTotals({ keepModel: (name) => catalog.has(name), catalog: () => catalog.stats() });
  await runPrimary({
    serveArgs: ['--multi-model'],
    port,
    hostname: hostname(),
    workers,
    log,
    workerEnv,
    metrics,
    onMessage: (message, proc) => ipc.receive(catalog, message, proc),
    onSpawn: (proc) => ipc.spawned(proc),
    onExit: (proc) => ipc.exited(proc),
  });
  log('info', 'serving (multi-model, every worker)', {
    port,
    workers,
    root: mm.root,
    memoryBudgetMBPerProcess: Math.round(mm.memoryBudgetBytes / 1048576),
    evictLru: mm.evictLru,
  });
}
