/**
 * runServer: finds the model, then either serves it in this process or (several workers)
 * becomes the primary that claims the port, spawns worker processes sharing it (reusePort) and
 * forwards SIGTERM/SIGINT to them. Each server loads its model before it listens, so /ping is
 * only ever answered by a ready process; on SIGTERM it drains (drain.ts) and exits 0.
 *
 * Start-up order: a primary reads only the start settings (start-settings.ts) and finds the
 * model, then spawns its workers at once; it never loads the serving modules (Elysia, the
 * decoder, the app), which a serving process imports when it starts serving. A worker that
 * cannot start (a bad model, a bad setting) hands its error to the primary, which reports it
 * once (workers.ts).
 */
import { DEMO_MODEL_PATH } from '../demo/index.ts';
import { discoverModel, type DiscoveredModel } from '../mojo/index.ts';
import { Drain } from './drain.ts';
import { shareMetricsWithPrimary } from './metrics-ipc.ts';
import { listen } from './port-claim.ts';
import { type FinishingHandler, httpHabitsFromEnv, type HttpHabits, withFinishingHabits, withHttpHabits } from './habits/index.ts';
import { jsonLogger, type Logger, logLevelFromEnv, setLogLevel } from './log.ts';
import type { AppOptions } from './options.ts';
import { hostname, multiModelEnabled, resolvePort, workersFromEnv } from './start-settings.ts';
import { runPrimary, startAsWorker } from './workers.ts';
import { routableRequest } from './routable-request.ts';
import type { RequestHandler } from './real-time.ts';
import { mark, note, writeTrace } from '../startup-trace.ts';

/** How long after the port opens a server builds its app when no request has asked for it yet. */
const APP_LOAD_DELAY_MS = 500;

export interface RunOptions {
  model?: string;
  port?: number;
  /** Serve SageMaker's multi-model contract (also SAGEMAKER_MULTI_MODEL=true). */
  multiModel?: boolean;
}

/** Logged once, whatever the worker count, when no model is configured. */
export const DEMO_NOTICE = 'no model configured: serving the bundled demo model (set MODEL_PATH or mount one at /opt/ml/model)';
/** Env variable that marks a spawned worker (its value is the worker's index). */
export const WORKER_ENV = 'MOJO_SCORER_WORKER';
/** How the primary found the model, for its workers' start-up log (they are handed its path as `--model`). */
const MODEL_FROM_ENV = 'MOJO_SCORER_MODEL_FROM';
const MODEL_SOURCES: readonly DiscoveredModel['from'][] = ['argument', 'MODEL_PATH', 'sagemaker', 'demo'];

export async function runServer(
  run: RunOptions = {},
  env: Record<string, string | undefined> = process.env,
  log: Logger = jsonLogger,
): Promise<void> {
  mark('run');
  setLogLevel(logLevelFromEnv(env));
  const port = resolvePort(run.port, env);
  const workers = workersFromEnv(env);
  const multiModel = multiModelEnabled(env, run.multiModel);
  const worker = env[WORKER_ENV];
  if (worker !== undefined) return startAsWorker(() => start(run, port, multiModel, env, log, worker));
  if (workers > 1 && port !== 0) return runAsPrimary(run, port, workers, multiModel, env, log);
  return start(run, port, multiModel, env, log, undefined);
}

/** The primary of several workers: finds the model once, then spawns the workers at once. */
async function runAsPrimary(
  run: RunOptions,
  port: number,
  workers: number,
  multiModel: boolean,
  env: Record<string, string | undefined>,
  log: Logger,
): Promise<void> {
  if (multiModel) {
    const mm = await import('./multi-model/index.ts');
    return mm.runMultiModelPrimary(port, workers, mm.multiModelOptionsFromEnv(env, workers), log, WORKER_ENV);
  }
  const found = discoverModel({ explicit: run.model, env, demoPath: DEMO_MODEL_PATH });
  // Logged by the process that chose the model.
  if (found.from === 'demo') log('info', DEMO_NOTICE);
  // Inherited by the workers (runPrimary spawns them with this process's environment).
  process.env[MODEL_FROM_ENV] = found.from;
  // A bad model is not looked for here: each worker decodes it, and the first one to fail hands
  // its error to this process, which reports it once (workers.ts).
  await runPrimary({
    serveArgs: ['--model', found.path],
    port,
    hostname: hostname(),
    workers,
    log,
    workerEnv: WORKER_ENV,
  });
  mark('ready');
  writeTrace('primary');
}

/** A serving process: this one alone, or worker `worker` of a primary. */
async function start(
  run: RunOptions,
  port: number,
  multiModel: boolean,
  env: Record<string, string | undefined>,
  log: Logger,
  worker: string | undefined,
): Promise<void> {
  const { optionsFromEnv } = await import('./options.ts');
  const options = optionsFromEnv(env);
  const habits = httpHabitsFromEnv(env);
  if (multiModel) {
    const mm = await import('./multi-model/index.ts');
    return mm.serveMultiModel(port, options, mm.multiModelOptionsFromEnv(env, options.workers), log, worker !== undefined, habits);
  }
  const found = discoverModel({ explicit: run.model, env, demoPath: DEMO_MODEL_PATH });
  // A worker is handed the primary's choice as `--model`: it reports how the primary found it.
  const from = env[MODEL_FROM_ENV] as DiscoveredModel['from'] | undefined;
  if (worker !== undefined && from !== undefined && MODEL_SOURCES.includes(from)) found.from = from;
  // Logged by the process that chose the model.
  if (found.from === 'demo' && worker === undefined) log('info', DEMO_NOTICE);
  await serve(found, port, options, habits, log, worker !== undefined);
}

async function serve(
  found: DiscoveredModel,
  port: number,
  options: AppOptions,
  habits: HttpHabits,
  log: Logger,
  isWorker: boolean,
): Promise<void> {
  // The serving modules: loaded by a serving process only (a primary never needs them). The
  // app's (Elysia, the OpenAPI plugin, every other route) load once the port is open.
  const [{ codegenMilliseconds, decodeModel, loadNotices }, { buildServing }, { BUN_BODY_LIMIT }, { bunRoutes }] = await Promise.all([
    import('../algos/index.ts'),
    import('./serving.ts'),
    import('./read-body.ts'),
    import('./real-time.ts'),
  ]);
  mark('modules');
  const t0 = performance.now();
  const model = decodeModel(found.path);
  mark('decode');
  note('codegen', codegenMilliseconds());
  for (const n of loadNotices(model)) log(n.level, n.msg, n.fields);
  const drain = new Drain();
  const serving = buildServing(model, { ...options, log, modelPath: found.path, signal: drain.signal });
  const { metrics, realTime } = serving;
  mark('serving');
  // Every answer goes through the HTTP habits, with the drain as their gate; the real-time
  // handlers hand their answers on to the habits' step themselves.
  const gated = (handler: RequestHandler) => withHttpHabits(handler, habits, log, drain);
  const gatedRealTime = (handler: FinishingHandler) => withFinishingHabits(handler, habits, log, drain);
  // /ping and the real-time calls are answered as soon as the port opens. The app with every other
  // route is built by the first request for one of them, or APP_LOAD_DELAY_MS after the port
  // opened, whichever comes first: loading it holds the event loop for tens of milliseconds, which
  // the first health checks should not wait behind.
  let appHandle: RequestHandler | undefined;
  let app: Promise<unknown> | undefined;
  const loadApp = (): Promise<unknown> => {
    if (app === undefined) {
      app = import('./app.ts').then(({ appOf }) => {
        const built = appOf(serving);
        appHandle = (request) => built.handle(routableRequest(request));
        mark('app');
        writeTrace(isWorker ? 'worker' : 'server', isWorker ? Number(process.env[WORKER_ENV]) : undefined);
      });
      // Logged once, however many requests and timers ask for the app.
      app.catch((e: unknown) => log('error', 'the app could not be built', { error: e instanceof Error ? e.message : String(e) }));
    }
    return app;
  };
  const viaApp = (request: Request) => (appHandle ? appHandle(request) : loadApp().then(() => (appHandle as RequestHandler)(request)));
  const server = listen(port, () =>
    Bun.serve({
      port,
      hostname: hostname(),
      // Only the workers of one server share a port (the primary holds the claim, port-claim.ts).
      reusePort: isWorker,
      maxRequestBodySize: BUN_BODY_LIMIT,
      // The real-time calls by Bun's own router; everything else by the app's.
      routes: bunRoutes(realTime, gatedRealTime),
      fetch: gated(viaApp),
    }),
  );
  mark('listen');
  setTimeout(loadApp, APP_LOAD_DELAY_MS).unref?.();
  if (isWorker && metrics && process.send) {
    const send = process.send.bind(process);
    shareMetricsWithPrimary(metrics, (m) => send(m));
  }
  const h = model.header;
  log('info', 'serving', {
    port: server.port,
    model: found.path,
    from: found.from,
    algo: h.algo,
    category: h.category,
    inputs: model.inputs.length,
    loadMs: Math.round(performance.now() - t0),
    style: options.style,
    lenient: options.lenient,
  });
  process.send?.({ ready: true, port: server.port });

  drain.stopOnSignals(server, log, isWorker);
}
