/**
 * JSON Lines batch throughput (`bun bench/json-lines.ts [runs]`): rows/s of a 10k- and a
 * 100k-row body of jmh_gbm_prostate rows (numbers as JSON numbers) through the row source
 * alone (decode + encode, no scoring) and through the server's `app.handle`, beside the
 * evaluator's strings → record rows/s. Medians of `runs` runs (default 9), as rows per second of
 * this process's CPU time: on a shared machine wall-clock rates swing with the neighbours' load.
 * The row source is also measured with every line through JSON.parse (the reference path).
 */
import { decodeModel } from '../src/algos/index.ts';
import { JsonLinesSource } from '../src/scoring/decoders/row-source.ts';
import { Session } from '../src/scoring/index.ts';
import { createApp } from '../src/server/index.ts';
import { silentLogger } from '../src/server/log.ts';
import { scores } from './evaluator.ts';
import { fixturePath, fixtureRows, haveFixture } from './fixtures.ts';

const FIXTURE = 'jmh_gbm_prostate';
const runs = Number(process.argv[2] ?? 9);

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
const model = decodeModel(fixturePath(FIXTURE));
const scorer = new Session(model);
const app = createApp(model, { log: silentLogger, maxPayloadBytes: 64 * 1048576 });

/** Rows per second of CPU time since `t0` (a process.cpuUsage() reading). */
function cpuRate(n: number, t0: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(t0);
  return n / ((d.user + d.system) / 1e6);
}

function sourceRowsPerSec(text: string, n: number, handRead = true): number {
  const raw = new Float64Array(scorer.encoder.width);
  const t0 = process.cpuUsage();
  const source = new JsonLinesSource(text, scorer.encoder.names, scorer.encoder, new Set(), {}, handRead);
  let count = 0;
  for (let rows = source.next(); rows !== null; rows = source.next()) {
    for (let i = 0; i < rows.count; i++) rows.encode(i, raw, true);
    count += rows.count;
  }
  if (count !== n) throw new Error(`read ${count} rows, expected ${n}`);
  return cpuRate(n, t0);
}

async function httpRowsPerSec(text: string, n: number): Promise<number> {
  const t0 = process.cpuUsage();
  const res = await app.handle(
    new Request('http://localhost/invocations', { method: 'POST', body: text, headers: { 'content-type': 'application/jsonlines' } }),
  );
  const out = await res.text();
  const rate = cpuRate(n, t0);
  if (res.status !== 200) throw new Error(`status ${res.status}: ${out.slice(0, 200)}`);
  return rate;
}

/** bench/evaluator.ts's strings → record loop (fixture rows as column → string objects), in CPU time. */
function evaluatorRowsPerSec(): number {
  const rows = fixtureRows(FIXTURE).filter((r) => scores(scorer, r));
  let sink = 0;
  let n = 0;
  const t0 = process.cpuUsage();
  for (const end = performance.now() + 1000; performance.now() < end; n += rows.length)
    for (let i = 0; i < rows.length; i++) if (scorer.record(rows[i], true) !== null) sink++;
  if (sink === 0.5) console.log('');
  return cpuRate(n, t0);
}

evaluatorRowsPerSec();
const evaluator: number[] = [];
for (let r = 0; r < runs; r++) evaluator.push(evaluatorRowsPerSec());
const ev = median(evaluator);
console.log(`evaluator strings → record: ${fmt(ev)} rows/s (median of ${runs})`);
for (const n of [10_000, 100_000]) {
  const text = body(n);
  // Warm-up lets the JIT settle before the measured runs.
  for (const end = performance.now() + 1500; performance.now() < end; ) {
    sourceRowsPerSec(text, n);
    await httpRowsPerSec(text, n);
  }
  const src: number[] = [];
  const parsed: number[] = [];
  const http: number[] = [];
  for (let r = 0; r < runs; r++) {
    src.push(sourceRowsPerSec(text, n));
    parsed.push(sourceRowsPerSec(text, n, false));
    http.push(await httpRowsPerSec(text, n));
  }
  const h = median(http);
  console.log(
    `${fmt(n)} rows (${(text.length / 1048576).toFixed(1)} MB): row source ${fmt(median(src))} rows/s ` +
      `(every line through JSON.parse: ${fmt(median(parsed))}); app.handle ${fmt(h)} rows/s = ${((100 * h) / ev).toFixed(0)}% of the evaluator`,
  );
}
