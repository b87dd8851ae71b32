/**
 * `bun bench/multi-model-load.ts [--reps N]`: cold-load times of the multi-model endpoint over
 * the shared fixtures (POST /models then DELETE, N times each), per model and overall (p50 /
 * p99), with each model's estimated memory; then every fixture loaded at once vs one by one.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '../src/server/log.ts';
import { buildMultiModelApp } from '../src/server/multi-model/index.ts';
import { FIXTURES_DIR } from './fixtures.ts';

const repsArg = process.argv.indexOf('--reps');
const REPS = repsArg > 0 ? Number(process.argv[repsArg + 1]) : 20;

const { app, registry } = buildMultiModelApp(
  { root: FIXTURES_DIR, memoryBudgetBytes: 8 * 1024 ** 3, evictLru: false },
  { log: silentLogger, metrics: false },
);

async function call(method: string, path: string, body?: unknown): Promise<number> {
  const init: RequestInit = { method, headers: { 'content-type': 'application/json' } };
  if (body !== undefined) init.body = JSON.stringify(body);
  const res = await app.handle(new Request(`http://localhost${path}`, init));
  await res.arrayBuffer();
  return res.status;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const ms = (x: number) => x.toFixed(1);

const fixtures = readdirSync(FIXTURES_DIR).filter((d) => statSync(join(FIXTURES_DIR, d)).isDirectory());
const all: number[] = [];
const loadable: string[] = [];
console.log(`fixtures: ${FIXTURES_DIR}; ${REPS} loads each; bun ${Bun.version}\n`);
console.log('| fixture | MB (zip) | est. MB | p50 ms | p99 ms |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const f of fixtures) {
  const times: number[] = [];
  let bytes = 0;
  let failed = '';
  for (let i = 0; i < REPS && failed === ''; i++) {
    const t0 = performance.now();
    const status = await call('POST', '/models', { model_name: f, url: f });
    const t = performance.now() - t0;
    if (status !== 200) failed = `status ${status}`;
    else {
      times.push(t);
      bytes = registry.bytes;
      await call('DELETE', `/models/${f}`);
    }
  }
  if (failed !== '') {
    console.log(`| ${f} | | | not loadable (${failed}) | |`);
    continue;
  }
  loadable.push(f);
  all.push(...times);
  const zip = statSync(join(FIXTURES_DIR, f, 'model.zip')).size;
  console.log(
    `| ${f} | ${(zip / 1048576).toFixed(2)} | ${(bytes / 1048576).toFixed(2)} | ${ms(quantile(times, 0.5))} | ${ms(quantile(times, 0.99))} |`,
  );
}
console.log(`\nall loads: n=${all.length}, p50 ${ms(quantile(all, 0.5))} ms, p99 ${ms(quantile(all, 0.99))} ms`);

for (const mode of ['one by one', 'all at once'] as const) {
  const t0 = performance.now();
  if (mode === 'one by one') for (const f of loadable) await call('POST', '/models', { model_name: f, url: f });
  else await Promise.all(loadable.map((f) => call('POST', '/models', { model_name: f, url: f })));
  const t = performance.now() - t0;
  console.log(`${loadable.length} models ${mode}: ${ms(t)} ms (${(registry.bytes / 1048576).toFixed(1)} MB estimated)`);
  await Promise.all(loadable.map((f) => call('DELETE', `/models/${f}`)));
}

// How long the request thread stalls while the largest fixture loads: without and with the trial
// load on a worker (the longest gap seen by a 1 ms timer; the real decode stays inline either way).
const largest = loadable.reduce((a, b) =>
  statSync(join(FIXTURES_DIR, a, 'model.zip')).size >= statSync(join(FIXTURES_DIR, b, 'model.zip')).size ? a : b,
);
for (const [label, trialLoadInWorker] of [
  ['inline', false],
  ['worker', true],
] as const) {
  const gaps: number[] = [];
  for (let i = 0; i < Math.max(3, Math.floor(REPS / 4)); i++) {
    const mm = buildMultiModelApp(
      { root: FIXTURES_DIR, memoryBudgetBytes: 8 * 1024 ** 3, evictLru: false, trialLoadInWorker },
      { log: silentLogger, metrics: false },
    );
    let last = performance.now();
    let worst = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
    }, 1);
    const body = JSON.stringify({ model_name: largest, url: largest });
    await mm.app.handle(new Request('http://localhost/models', { method: 'POST', body, headers: { 'content-type': 'application/json' } }));
    await Bun.sleep(5); // let the timer see the end of the last stall
    clearInterval(timer);
    gaps.push(worst);
  }
  console.log(`longest request-thread stall loading ${largest}, inflating ${label}: median ${ms(quantile(gaps, 0.5))} ms`);
}
