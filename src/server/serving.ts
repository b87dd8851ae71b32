/**
 * The scoring side of a single-model server, without the web framework: the session, the
 * invoker behind the scoring routes, the metrics, and the real-time route table. A server
 * listens with this much, Bun's router answering /ping and the real-time calls, while the app
 * with every other route loads beside it (run.ts); buildApp mounts the app over the same.
 */
import type { Model } from '../algos/index.ts';
import { Session } from '../scoring/index.ts';
import { Invoker } from './invoke.ts';
import { jsonLogger, type Logger } from './log.ts';
import { ServerMetrics } from './metrics.ts';
import { type AppOptions, defaultOptions } from './options.ts';
import { type RealTimeRoutes, realTimeRoutes } from './real-time.ts';

export interface CreateAppOptions extends Partial<AppOptions> {
  log?: Logger;
  /** Where the model was loaded from: the page describes it, and offers it as /model.mojo when SERVE_MODEL_FILE is on. */
  modelPath?: string;
  /** Aborting it stops every in-flight batch at its next slice (SHUTTING_DOWN); e.g. when a drain runs out of time. */
  signal?: AbortSignal;
}

export interface Serving {
  readonly model: Model;
  readonly options: AppOptions;
  readonly log: Logger;
  readonly modelPath: string | undefined;
  readonly invoker: Invoker;
  readonly metrics: ServerMetrics | undefined;
  readonly realTime: RealTimeRoutes;
}

export function buildServing(model: Model, options: CreateAppOptions = {}): Serving {
  const { log = jsonLogger, modelPath, signal, ...rest } = options;
  const opts = defaultOptions(rest);
  const metrics = opts.metrics ? new ServerMetrics() : undefined;
  const session = new Session(model, { fastRecords: opts.fastRecords, signal });
  const invoker = new Invoker(session, opts, log, metrics);
  return { model, options: opts, log, modelPath, invoker, metrics, realTime: realTimeRoutes(invoker) };
}
