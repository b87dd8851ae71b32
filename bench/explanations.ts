/**
 * Explanations next to plain scoring: rows/s of one CSV batch through /invocations (in process,
 * app.handle, no socket) as predictions, Shapley contributions and leaf assignments. Medians of
 * a few windows; returns Markdown lines for bench/run.ts.
 */
import { readFileSync } from 'node:fs';
import { decodeModel } from '../src/algos/index.ts';
import { createApp } from '../src/server/index.ts';
import { silentLogger } from '../src/server/log.ts';
import { fixturePath, haveFixture } from './fixtures.ts';

const FIXTURES = ['jmh_gbm_prostate', 'xgboost_java', 'drf_titanic_from_se'];
const WINDOWS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function rowsPerSecond(
  app: ReturnType<typeof createApp>,
  body: string,
  rows: number,
  attrs: string,
  seconds: number,
): Promise<number> {
  const send = () =>
    app.handle(
      new Request('http://localhost/invocations', {
        method: 'POST',
        body,
        headers: { 'content-type': 'text/csv', accept: 'text/csv', 'x-amzn-sagemaker-custom-attributes': attrs },
      }),
    );
  const first = await send();
  if (first.status !== 200) return Number.NaN;
  await first.text();
  const rates: number[] = [];
  for (let w = 0; w < WINDOWS; w++) {
    let n = 0;
    const t0 = performance.now();
    const until = t0 + (seconds * 1000) / WINDOWS;
    while (performance.now() < until) {
      await (await send()).text();
      n += rows;
    }
    rates.push(n / ((performance.now() - t0) / 1000));
  }
  return median(rates);
}

/** The Markdown section: one row per fixture that has the explanation outputs. */
export async function benchExplanations(seconds: number): Promise<string[]> {
  const fmt = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
  const lines = ['', '### Explanations over /invocations, in process (rows/s, CSV batch, median)', ''];
  lines.push('| fixture | rows | predictions | contributions | leaf |', '| --- | ---: | ---: | ---: | ---: |');
  for (const f of FIXTURES) {
    if (!haveFixture(f)) continue;
    const csv = readFileSync(fixturePath(f, 'input.csv'), 'utf8');
    const rows = csv.split('\n').filter((l) => l !== '').length - 1;
    const app = createApp(decodeModel(fixturePath(f)), { log: silentLogger, lenient: true });
    const plain = await rowsPerSecond(app, csv, rows, '', seconds);
    const contrib = await rowsPerSecond(app, csv, rows, 'contributions=true', seconds);
    const leaf = await rowsPerSecond(app, csv, rows, 'leaf=true', seconds);
    lines.push(`| ${f} | ${rows} | ${fmt(plain)} | ${fmt(contrib)} | ${fmt(leaf)} |`);
    console.error(`  explained ${f}`);
  }
  return lines;
}

if (import.meta.main) console.log((await benchExplanations(process.argv.includes('--quick') ? 1 : 3)).join('\n'));
