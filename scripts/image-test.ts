#!/usr/bin/env bun
/**
 * Runs the container image the way SageMaker does (`docker run IMAGE serve`, the model under
 * /opt/ml/model) and checks its contract against the same server run from the sources:
 * /ping, JSON / JSON Lines / CSV invocations (with a header, and header-less in input-column
 * order as batch transform sends them), the Swagger UI with its embedded assets, the model as a
 * zip, an extracted folder (at the top or one level down) and a model.tar.gz, MODEL_PATH naming a folder, the demo model when
 * nothing is mounted, SAGEMAKER_BIND_TO_PORT, a clear start-up error for an empty model folder,
 * and SIGTERM → exit 0. Also: the SageMaker bind-to-port and multi-models labels, the image
 * size, and a multi-model endpoint (SAGEMAKER_MULTI_MODEL=true, models under /opt/ml/models as
 * SageMaker lays them out) with a worker per core: load, invokes on fresh connections that
 * reach every worker, list, unload (then 404 from every worker), metrics per model.
 *
 *   bun scripts/image-test.ts [IMAGE]     (default mojo-scorer:latest; build it first: make build)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';

const ROOT = join(import.meta.dir, '..');
const IMAGE = process.argv[2] ?? 'mojo-scorer:latest';
const DEMO_ZIP = join(ROOT, 'src/demo/demo-gbm.zip');
const ROWS_CSV = readFileSync(join(ROOT, 'rows.csv'), 'utf8');
const MAX_IMAGE_BYTES = 150e6;
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_S = 30;
const NAME = `mojo-scorer-image-test-${process.pid}`;

let failures = 0;
let checks = 0;
const startMs: number[] = [];
const processStartMs: number[] = [];

function check(what: string, ok: boolean, detail = ''): void {
  checks++;
  if (!ok) failures++;
  console.log(`${ok ? 'ok' : 'FAILED'}  ${what}${!ok && detail ? `\n        ${detail}` : ''}`);
}

function docker(args: string[], allowFail = false): string {
  const r = Bun.spawnSync(['docker', ...args], { stdout: 'pipe', stderr: 'pipe' });
  const out = r.stdout.toString();
  if (r.exitCode !== 0 && !allowFail) throw new Error(`docker ${args.join(' ')}: ${r.stderr.toString().trim()}`);
  return out.trim();
}

async function waitForPing(base: string, alive: () => boolean): Promise<boolean> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!alive()) return false;
    const ok = await fetch(`${base}/ping`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return true;
    await Bun.sleep(25);
  }
  return false;
}

// ---- the model in every layout SageMaker may leave it in -----------------------------------

function modelLayouts(dir: string): Record<string, string> {
  const zipDir = join(dir, 'zip');
  mkdirSync(zipDir);
  writeFileSync(join(zipDir, 'demo-gbm.zip'), readFileSync(DEMO_ZIP));
  const folder = join(dir, 'folder');
  for (const [name, data] of Object.entries(unzipSync(readFileSync(DEMO_ZIP)))) {
    if (name.endsWith('/')) continue;
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), data);
  }
  const tarDir = join(dir, 'tar');
  mkdirSync(tarDir);
  const tar = Bun.spawnSync(['tar', '-czf', join(tarDir, 'model.tar.gz'), '-C', folder, '.']);
  if (tar.exitCode !== 0) throw new Error(`tar: ${tar.stderr.toString()}`);
  // A model.tar.gz whose MOJO sits in a top folder: SageMaker extracts it to /opt/ml/model/gbm/.
  const nested = join(dir, 'nested');
  mkdirSync(nested);
  const copy = Bun.spawnSync(['cp', '-R', folder, join(nested, 'gbm')]);
  if (copy.exitCode !== 0) throw new Error(`cp: ${copy.stderr.toString()}`);
  const empty = join(dir, 'empty');
  mkdirSync(empty);
  return { zip: zipDir, folder, nested, tar: tarDir, empty };
}

// ---- containers -----------------------------------------------------------------------------

interface Running {
  name: string;
  base: string;
}

async function start(
  tag: string,
  opts: { mounts?: string[]; env?: string[]; port?: number; extra?: string[] },
): Promise<Running | undefined> {
  const name = `${NAME}-${tag}`;
  const port = opts.port ?? 8080;
  const args = ['run', '-d', '--name', name, '-p', `127.0.0.1::${port}`];
  for (const m of opts.mounts ?? []) args.push('-v', m);
  for (const e of opts.env ?? []) args.push('-e', e);
  args.push(...(opts.extra ?? []), IMAGE, 'serve');
  const t0 = performance.now();
  docker(args);
  const hostPort = docker(['port', name, `${port}/tcp`])
    .split('\n')[0]
    .split(':')
    .pop();
  const base = `http://127.0.0.1:${hostPort}`;
  const ready = await waitForPing(base, () => docker(['inspect', '-f', '{{.State.Running}}', name], true) === 'true');
  const ms = performance.now() - t0;
  const pingAt = Date.now();
  check(`${tag}: docker run … serve → /ping 200`, ready, ready ? '' : docker(['logs', name], true));
  if (!ready) {
    docker(['rm', '-f', name], true);
    return undefined;
  }
  // Docker's start time has nanoseconds; Date.parse wants at most milliseconds.
  const startedAt = Date.parse(docker(['inspect', '-f', '{{.State.StartedAt}}', name]).replace(/(\.\d{3})\d*/, '$1'));
  startMs.push(ms);
  processStartMs.push(pingAt - startedAt);
  console.log(`        (docker run → first /ping 200: ${ms.toFixed(0)} ms; container process start → /ping: ${pingAt - startedAt} ms)`);
  return { name, base };
}

/** `docker stop` sends SIGTERM; the server drains and must exit 0 well before the grace period. */
function stop(c: Running, tag: string): void {
  docker(['stop', '-t', String(STOP_GRACE_S), c.name]);
  const code = docker(['inspect', '-f', '{{.State.ExitCode}}', c.name]);
  check(`${tag}: SIGTERM → exit 0`, code === '0', `exit code ${code}`);
  docker(['rm', '-f', c.name], true);
}

// ---- requests, compared with the server run from the sources --------------------------------

const [header, ...dataLines] = ROWS_CSV.trim().split('\n');
const columns = header.split(',');
const rowObjects = dataLines.map((line) =>
  Object.fromEntries(line.split(',').flatMap((v, i) => (v === '' ? [] : [[columns[i], Number.isNaN(Number(v)) ? v : Number(v)]]))),
);

const REQUESTS: { what: string; path: string; init?: RequestInit }[] = [
  { what: 'GET /ping', path: '/ping' },
  { what: 'one JSON row', path: '/invocations', init: json(rowObjects[0]) },
  { what: 'a JSON array of rows', path: '/invocations', init: json(rowObjects) },
  {
    what: 'JSON Lines',
    path: '/invocations',
    init: post(rowObjects.map((r) => JSON.stringify(r)).join('\n'), 'application/jsonlines'),
  },
  { what: 'CSV with a header, answered as CSV', path: '/invocations', init: post(ROWS_CSV, 'text/csv', 'text/csv') },
  {
    what: 'header-less CSV in input-column order (batch transform), answered as CSV',
    path: '/invocations',
    init: post(`${dataLines.join('\n')}\n`, 'text/csv', 'text/csv'),
  },
  {
    what: 'header-less CSV answered as JSON',
    path: '/invocations',
    init: post(`${dataLines.join('\n')}\n`, 'text/csv', 'application/json'),
  },
  { what: 'GET /predict_parameters', path: '/predict_parameters?tenure_months=48&monthly_charges=30&plan=premium' },
  { what: 'GET /swagger', path: '/swagger' },
  { what: 'Swagger UI script (embedded asset)', path: '/swagger/assets/swagger-ui-bundle.js' },
  { what: 'Swagger UI style (embedded asset)', path: '/swagger/assets/swagger-ui.css' },
];

function post(body: string, type: string, accept?: string): RequestInit {
  return { method: 'POST', body, headers: { 'content-type': type, ...(accept ? { accept } : {}) } };
}

function json(value: unknown): RequestInit {
  return post(JSON.stringify(value), 'application/json');
}

async function answer(base: string, path: string, init?: RequestInit): Promise<{ status: number; type: string; body: string }> {
  const r = await fetch(base + path, init);
  return { status: r.status, type: r.headers.get('content-type') ?? '', body: await r.text() };
}

async function sameAsSources(tag: string, base: string, reference: string, requests = REQUESTS): Promise<void> {
  for (const q of requests) {
    const [got, want] = await Promise.all([answer(base, q.path, q.init), answer(reference, q.path, q.init)]);
    const same = got.status === 200 && got.status === want.status && got.type === want.type && got.body === want.body;
    check(`${tag}: ${q.what}`, same, `status ${got.status} (${want.status}), body ${got.body.slice(0, 200)} (${want.body.slice(0, 200)})`);
  }
  const params = await answer(base, '/execution-parameters');
  const p = JSON.parse(params.body) as Record<string, unknown>;
  check(
    `${tag}: GET /execution-parameters (MULTI_RECORD, 6 MB, one transform per worker)`,
    params.status === 200 &&
      p.BatchStrategy === 'MULTI_RECORD' &&
      p.MaxPayloadInMB === 6 &&
      Number.isInteger(p.MaxConcurrentTransforms) &&
      (p.MaxConcurrentTransforms as number) >= 1,
    params.body,
  );
  const csv = await answer(base, '/invocations', post(`${dataLines.join('\n')}\n`, 'text/csv', 'text/csv'));
  const lines = csv.body.trim().split('\n');
  check(
    `${tag}: header-less CSV answer has one line per input line and no header`,
    lines.length === dataLines.length && !lines[0].startsWith('predict'),
    csv.body.slice(0, 200),
  );
}

async function referenceServer(): Promise<{ base: string; stop: () => Promise<void> }> {
  const probe = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: () => new Response() });
  const port = probe.port;
  await probe.stop(true);
  const proc = Bun.spawn([process.execPath, 'src/cli.ts', 'serve', '--model', DEMO_ZIP, '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, SAGEMAKER_MODEL_SERVER_WORKERS: '1', HOST: '127.0.0.1' },
    stdout: 'ignore',
    stderr: 'inherit',
  });
  const base = `http://127.0.0.1:${port}`;
  if (!(await waitForPing(base, () => proc.exitCode === null)))
    throw new Error('the reference server (bun src/cli.ts serve) did not start');
  return {
    base,
    stop: async () => {
      proc.kill('SIGTERM');
      await proc.exited;
    },
  };
}

// ---- multi-model endpoint ----------------------------------------------------------------------

/** Fresh connections per check: enough that the kernel hands some to every worker. */
const MME_SPREAD = 40;

/** One request on a new connection (the kernel picks the worker). */
async function fresh(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, keepalive: false, headers: { 'content-type': 'application/json', ...headers } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const r = await fetch(base + path, init);
  return { status: r.status, body: await r.text() };
}

/** The JSON log lines of a container. */
function logLines(name: string): { msg?: string; pid?: number; model?: string; workers?: number }[] {
  const r = Bun.spawnSync(['docker', 'logs', name], { stdout: 'pipe', stderr: 'pipe' });
  return (r.stdout.toString() + r.stderr.toString())
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

/**
 * SageMaker's multi-model flow against the image: models under /opt/ml/models/<hash>/model (a
 * MOJO zip, an extracted model.tar.gz), POST /models naming them, invokes with the TargetModel
 * header, list, unload; a worker per core (at least 2, so that sharing models is exercised).
 */
async function multiModel(layouts: Record<string, string>, reference: string): Promise<void> {
  const tag = 'multi-model';
  const workers = Math.max(2, availableParallelism());
  const c = await start(tag, {
    mounts: [`${layouts.zip}:/opt/ml/models/0a1b2c/model:ro`, `${layouts.folder}:/opt/ml/models/3d4e5f/model:ro`],
    env: ['SAGEMAKER_MULTI_MODEL=true', ...(availableParallelism() < 2 ? ['SAGEMAKER_MODEL_SERVER_WORKERS=2'] : [])],
    extra: ['--read-only'],
  });
  if (!c) return;
  for (let i = 0; i < 200 && !logLines(c.name).some((l) => l.msg === 'all workers ready'); i++) await Bun.sleep(50);
  const serving = new Set(logLines(c.name).flatMap((l) => (l.msg === 'serving (multi-model)' && l.pid ? [l.pid] : [])));
  check(`${tag}: ${workers} workers serve (one per core)`, serving.size === workers, `${serving.size} serving`);

  const models = [
    { model_name: 'churn-zip.tar.gz', url: '/opt/ml/models/0a1b2c/model' },
    { model_name: 'churn-folder.tar.gz', url: '/opt/ml/models/3d4e5f/model' },
  ];
  for (const m of models) {
    const r = await fresh(c.base, 'POST', '/models', m);
    check(`${tag}: POST /models ${m.model_name} → 200`, r.status === 200, `${r.status} ${r.body}`);
  }
  const twice = await fresh(c.base, 'POST', '/models', models[0]);
  check(`${tag}: loading a loaded name again → 409`, twice.status === 409, `${twice.status} ${twice.body}`);

  const want = await answer(reference, '/invocations', json(rowObjects));
  for (const m of models) {
    const path = `/models/${encodeURIComponent(m.model_name)}/invoke`;
    let same = 0;
    let last = '';
    for (let i = 0; i < MME_SPREAD; i++) {
      const r = await fresh(c.base, 'POST', path, rowObjects, { 'x-amzn-sagemaker-target-model': m.model_name });
      if (r.status === 200 && r.body === want.body) same++;
      else last = `${r.status} ${r.body.slice(0, 200)}`;
    }
    check(`${tag}: ${MME_SPREAD} invokes of ${m.model_name} on fresh connections = /invocations of the sources`, same === MME_SPREAD, last);
  }
  const loadedBy = (model: string) =>
    new Set(logLines(c.name).flatMap((l) => (l.msg === 'model loaded' && l.model === model && l.pid ? [l.pid] : [])));
  check(
    `${tag}: every worker scored each model (a copy loaded where it was invoked)`,
    models.every((m) => loadedBy(m.model_name).size === serving.size),
    models.map((m) => `${m.model_name}: ${loadedBy(m.model_name).size}`).join(', '),
  );

  let listed = 0;
  const expected = JSON.stringify({
    models: models.map((m) => ({ modelName: m.model_name, modelUrl: m.url })).sort((a, b) => (a.modelName < b.modelName ? -1 : 1)),
  });
  for (let i = 0; i < 10; i++) if ((await fresh(c.base, 'GET', '/models')).body === expected) listed++;
  check(`${tag}: GET /models lists both, whichever worker answers`, listed === 10, `${listed} of 10`);

  await Bun.sleep(1500);
  const metrics = (await fresh(c.base, 'GET', '/metrics')).body;
  check(
    `${tag}: /metrics counts invokes per model over all workers`,
    models.every((m) =>
      metrics.includes(`mojo_model_requests_total{model="${m.model_name}",route="invocations",status="200"} ${MME_SPREAD}`),
    ),
    metrics
      .split('\n')
      .filter((l) => l.startsWith('mojo_model_requests_total'))
      .join('; '),
  );

  const unload = await fresh(c.base, 'DELETE', `/models/${encodeURIComponent(models[0].model_name)}`);
  check(`${tag}: DELETE /models/{name} → 200`, unload.status === 200, `${unload.status} ${unload.body}`);
  let notFound = 0;
  for (let i = 0; i < MME_SPREAD; i++) {
    const r = await fresh(c.base, 'POST', `/models/${encodeURIComponent(models[0].model_name)}/invoke`, rowObjects[0]);
    if (r.status === 404) notFound++;
  }
  check(`${tag}: after the unload every worker answers 404`, notFound === MME_SPREAD, `${notFound} of ${MME_SPREAD}`);
  const other = await fresh(c.base, 'POST', `/models/${encodeURIComponent(models[1].model_name)}/invoke`, rowObjects[0]);
  check(`${tag}: the other model still answers`, other.status === 200, `${other.status} ${other.body}`);
  stop(c, tag);
}

// ---- the run --------------------------------------------------------------------------------

async function main(): Promise<void> {
  const size = Number(docker(['image', 'inspect', '-f', '{{.Size}}', IMAGE]));
  check(`image size ${(size / 1e6).toFixed(1)} MB ≤ ${MAX_IMAGE_BYTES / 1e6} MB`, size <= MAX_IMAGE_BYTES);
  const label = docker([
    'image',
    'inspect',
    '-f',
    '{{index .Config.Labels "com.amazonaws.sagemaker.capabilities.accept-bind-to-port"}}',
    IMAGE,
  ]);
  check('label com.amazonaws.sagemaker.capabilities.accept-bind-to-port=true', label === 'true', `label is '${label}'`);
  const mmLabel = docker(['image', 'inspect', '-f', '{{index .Config.Labels "com.amazonaws.sagemaker.capabilities.multi-models"}}', IMAGE]);
  check('label com.amazonaws.sagemaker.capabilities.multi-models=true', mmLabel === 'true', `label is '${mmLabel}'`);

  const dir = mkdtempSync(join(tmpdir(), 'mojo-scorer-image-test-'));
  const layouts = modelLayouts(dir);
  const reference = await referenceServer();
  try {
    // The model as SageMaker mounts it, read-only; one worker, then the default (one per CPU).
    for (const [tag, env] of [
      ['zip', ['SAGEMAKER_MODEL_SERVER_WORKERS=1']],
      ['folder', []],
      ['nested', []],
      ['tar', []],
    ] as const) {
      const c = await start(tag, { mounts: [`${layouts[tag]}:/opt/ml/model:ro`], env: [...env], extra: ['--read-only'] });
      if (!c) continue;
      await sameAsSources(tag, c.base, reference.base);
      stop(c, tag);
    }

    const quick = REQUESTS.filter((q) => q.what === 'one JSON row' || q.what.startsWith('header-less CSV in'));
    const bind = await start('bind-to-port', {
      mounts: [`${layouts.zip}:/opt/ml/model:ro`],
      env: ['SAGEMAKER_BIND_TO_PORT=9091'],
      port: 9091,
    });
    if (bind) {
      await sameAsSources('SAGEMAKER_BIND_TO_PORT=9091', bind.base, reference.base, quick);
      stop(bind, 'bind-to-port');
    }

    const named = await start('MODEL_PATH', { mounts: [`${layouts.tar}:/models:ro`], env: ['MODEL_PATH=/models'] });
    if (named) {
      await sameAsSources('MODEL_PATH=/models (a folder holding model.tar.gz)', named.base, reference.base, quick);
      stop(named, 'MODEL_PATH');
    }

    const demo = await start('demo', {});
    if (demo) {
      await sameAsSources('no model mounted (demo model)', demo.base, reference.base, quick);
      const logs = docker(['logs', demo.name]);
      check('no model mounted: the log says the demo model is served', logs.includes('bundled demo model'), logs.slice(0, 400));
      stop(demo, 'demo');
    }

    await multiModel(layouts, reference.base);

    // An empty /opt/ml/model is a start-up error that says what was expected.
    const name = `${NAME}-empty`;
    docker(['run', '--name', name, '-v', `${layouts.empty}:/opt/ml/model:ro`, IMAGE, 'serve'], true);
    const code = docker(['inspect', '-f', '{{.State.ExitCode}}', name], true);
    const logs = Bun.spawnSync(['docker', 'logs', name], { stdout: 'pipe', stderr: 'pipe' });
    const text = logs.stdout.toString() + logs.stderr.toString();
    docker(['rm', '-f', name], true);
    check(
      'empty /opt/ml/model: exits non-zero naming MOJO_NOT_FOUND',
      code !== '0' && text.includes('MOJO_NOT_FOUND'),
      `exit ${code}: ${text}`,
    );
  } finally {
    await reference.stop();
    for (const tag of ['zip', 'folder', 'nested', 'tar', 'bind-to-port', 'MODEL_PATH', 'demo', 'multi-model', 'empty'])
      docker(['rm', '-f', `${NAME}-${tag}`], true);
    rmSync(dir, { recursive: true, force: true });
  }

  const sorted = [...startMs].sort((a, b) => a - b);
  const median = sorted.length ? sorted[Math.floor(sorted.length / 2)] : Number.NaN;
  const inside = [...processStartMs].sort((a, b) => a - b);
  console.log(
    `docker run → first /ping 200: median ${median.toFixed(0)} ms; container start → first /ping 200: median ${inside[Math.floor(inside.length / 2)]} ms (${sorted.length} starts)`,
  );
  console.log(failures === 0 ? `image test: all ${checks} checks ok` : `image test: ${failures} of ${checks} checks FAILED`);
  process.exitCode = failures === 0 ? 0 : 1;
}

// No engine to talk to: a skip, said plainly (as `make image-test` says it), not a failure.
if (Bun.which('docker') === null || Bun.spawnSync(['docker', 'info'], { stdout: 'ignore', stderr: 'ignore' }).exitCode !== 0) {
  console.log('image test skipped: no Docker daemon');
  process.exit(0);
}
await main();
