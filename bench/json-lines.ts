/**
 * JSON Lines batch throughput (`bun bench/json-lines.ts [runs]`): rows/s of a 10k- and a
 * 100k-row body of jmh_gbm_prostate rows (numbers as JSON numbers) through the row source
 * alone (decode + encode, no scoring) and through the server's `app.handle`, beside the
 * evaluator's strings → record rows/s. Medians of `runs` runs (default 5).
 */
import { loadModel } from '../src/algos/index.ts';
import { streamBody } from '../src/scoring/decoders/body.ts';
import { Scorer } from '../src/scoring/index.ts';
import { createApp } from '../src/server/index.ts';
import { silentLogger } from '../src/server/log.ts';
import { benchEvaluator } from './evaluator.ts';
import { fixturePath, fixtureRows, haveFixture } from './fixtures.ts';

const FIXTURE = 'jmh_gbm_prostate';
const runs = Number(process.argv[2] ?? 5);

/** `n` fixture rows (cycled) as JSON Lines objects of column → number. */
function body(n: number): string {
  const rows = fixtureRows(FIXTURE).map((r) => {
    const o: Record<string, number> = {};
    for (const k in r) o[k] = Number(r[k]);
    return JSON.stringify(o);
  });
  const lines = new Array<string>(n);
  for (let i = 0; i < n; i++) lines[i] = rows[i % rows.length];
  return `${lines.join('\n')}\n`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

if (!haveFixture(FIXTURE)) {
  console.error(`no fixture ${FIXTURE}: nothing to measure`);
  process.exit(0);
}
const model = loadModel(fixturePath(FIXTURE));
const scorer = new Scorer(model);
const app = createApp(scorer, { log: silentLogger, maxPayloadBytes: 64 * 1048576 });
const decode = { encoder: scorer.encoder, positional: scorer.encoder.names, csvHeaderAlways: false };

function sourceRowsPerSec(text: string, n: number): number {
  const raw = new Float64Array(scorer.encoder.width);
  const t0 = performance.now();
  const source = streamBody(text, 'jsonl', decode).open(scorer.encoder, new Set());
  let count = 0;
  for (let rows = source.next(); rows !== null; rows = source.next()) {
    for (let i = 0; i < rows.count; i++) rows.encode(i, raw, true);
    count += rows.count;
  }
  if (count !== n) throw new Error(`read ${count} rows, expected ${n}`);
  return n / ((performance.now() - t0) / 1000);
}

async function httpRowsPerSec(text: string, n: number): Promise<number> {
  const t0 = performance.now();
  const res = await app.handle(
    new Request('http://localhost/invocations', { method: 'POST', body: text, headers: { 'content-type': 'application/jsonlines' } }),
  );
  const out = await res.text();
  const dt = performance.now() - t0;
  if (res.status !== 200) throw new Error(`status ${res.status}: ${out.slice(0, 200)}`);
  return n / (dt / 1000);
}

const evaluator: number[] = [];
for (let r = 0; r < Math.min(runs, 3); r++) evaluator.push(benchEvaluator(FIXTURE, 1).fullRowsPerSec);
const ev = median(evaluator);
console.log(`evaluator strings → record: ${fmt(ev)} rows/s (median of ${evaluator.length})`);
for (const n of [10_000, 100_000]) {
  const text = body(n);
  for (let w = 0; w < 3; w++) sourceRowsPerSec(text, n);
  await httpRowsPerSec(text, n);
  const src: number[] = [];
  const http: number[] = [];
  for (let r = 0; r < runs; r++) {
    src.push(sourceRowsPerSec(text, n));
    http.push(await httpRowsPerSec(text, n));
  }
  const s = median(src);
  const h = median(http);
  console.log(
    `${fmt(n)} rows (${(text.length / 1048576).toFixed(1)} MB): row source ${fmt(s)} rows/s; app.handle ${fmt(h)} rows/s = ${((100 * h) / ev).toFixed(0)}% of the evaluator`,
  );
}
