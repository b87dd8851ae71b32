/**
 * SageMaker batch measures (`bun bench/sagemaker.ts [--quick]`, also part of `npm run bench`),
 * each against a fresh one-worker server on 127.0.0.1:
 * - /ping latency (p50/p99/max) while a 40 MB CSV batch is scored: the event loop must keep turning;
 * - peak RSS (VmHWM) of the server scoring a 6 MB body of the shortest rows the model accepts, and a 100 MB body;
 * - batch rows/s over HTTP vs the evaluator's single-thread rows/s (strings → record).
 */
import { benchEvaluatorAlone } from './evaluator.ts';
import { fixtureLines, fixturePath, haveFixture } from './fixtures.ts';
import { peakRssOf, withServer } from './processes.ts';

export const SAGEMAKER_FIXTURE = 'jmh_gbm_prostate';

export interface SagemakerResults {
  ping: { p50Ms: number; p99Ms: number; maxMs: number; count: number; batchMs: number; rows: number };
  batchRowsPerSec: number;
  evaluatorRowsPerSec: number;
  tinyRowsPeakRss: number;
  tinyRows: number;
  bigBodyPeakRss: number;
  bigBodyMb: number;
}

/** The fixture's data rows (no header) repeated to about `bytes`. */
function csvOfSize(fixture: string, bytes: number): { body: Uint8Array<ArrayBuffer>; rows: number } {
  const { lines } = fixtureLines(fixture);
  const block = `${lines.join('\n')}\n`;
  const copies = Math.max(1, Math.floor(bytes / block.length));
  return { body: new TextEncoder().encode(block.repeat(copies)), rows: copies * lines.length };
}

function withSagemakerServer<T>(payloadMb: number, run: (base: string, pid: number) => Promise<T>): Promise<T> {
  return withServer(fixturePath(SAGEMAKER_FIXTURE), { SAGEMAKER_MAX_PAYLOAD_IN_MB: String(payloadMb) }, run);
}

/** POSTs a CSV body and reads the answer through (discarding it); returns its status and bytes. */
async function postCsv(base: string, body: Uint8Array<ArrayBuffer>): Promise<{ status: number; bytes: number }> {
  const res = await fetch(`${base}/invocations?lenient=true`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'text/csv', accept: 'text/csv' },
  });
  let bytes = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
  }
  return { status: res.status, bytes };
}

function quantile(sorted: number[], q: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** /ping every few ms while one 40 MB batch runs. */
async function pingDuringBatch(mb: number): Promise<SagemakerResults['ping']> {
  const { body, rows } = csvOfSize(SAGEMAKER_FIXTURE, mb * 1048576);
  return withSagemakerServer(mb + 8, async (base) => {
    await postCsv(base, csvOfSize(SAGEMAKER_FIXTURE, 1 << 20).body); // warm the JIT
    const latencies: number[] = [];
    let running = true;
    const t0 = performance.now();
    const batch = postCsv(base, body).finally(() => {
      running = false;
    });
    while (running) {
      const s = performance.now();
      const r = await fetch(`${base}/ping`);
      await r.arrayBuffer();
      if (running) latencies.push(performance.now() - s);
      await Bun.sleep(5);
    }
    const { status } = await batch;
    if (status !== 200) throw new Error(`40 MB batch answered ${status}`);
    const batchMs = performance.now() - t0;
    latencies.sort((a, b) => a - b);
    return {
      p50Ms: quantile(latencies, 0.5),
      p99Ms: quantile(latencies, 0.99),
      maxMs: latencies.at(-1) ?? Number.NaN,
      count: latencies.length,
      batchMs,
      rows,
    };
  });
}

async function peakRssFor(body: Uint8Array<ArrayBuffer>, payloadMb: number): Promise<number> {
  return withSagemakerServer(payloadMb, async (base, pid) => {
    const r = await postCsv(base, body);
    if (r.status !== 200) throw new Error(`batch answered ${r.status}`);
    return peakRssOf(pid);
  });
}

/** Every SageMaker measure; `evaluatorRowsPerSec` is measured here unless the caller already has it. */
export async function benchSagemaker(quick = false, evaluatorRowsPerSec?: number): Promise<SagemakerResults> {
  const batchMb = quick ? 10 : 40;
  const bigMb = quick ? 30 : 100;
  const ping = await pingDuringBatch(batchMb);
  // Header-less rows must carry every input column: one digit and empty cells for the rest.
  const tinyRow = `1${','.repeat(fixtureLines(SAGEMAKER_FIXTURE).header.split(',').length - 1)}\n`;
  const tinyRows = Math.floor((6 * 1048576 - 65536) / tinyRow.length);
  const tinyRowsPeakRss = await peakRssFor(new TextEncoder().encode(tinyRow.repeat(tinyRows)), 6);
  const big = csvOfSize(SAGEMAKER_FIXTURE, bigMb * 1048576 - 65536).body;
  const bigBodyPeakRss = await peakRssFor(big, bigMb);
  return {
    ping,
    batchRowsPerSec: ping.rows / (ping.batchMs / 1000),
    evaluatorRowsPerSec: evaluatorRowsPerSec ?? benchEvaluatorAlone(SAGEMAKER_FIXTURE, quick ? 0.5 : 2).fullRowsPerSec,
    tinyRowsPeakRss,
    tinyRows,
    bigBodyPeakRss,
    bigBodyMb: bigMb,
  };
}

if (import.meta.main) {
  if (!haveFixture(SAGEMAKER_FIXTURE)) {
    console.log(`skipped: fixture ${SAGEMAKER_FIXTURE} not found`);
  } else {
    const r = await benchSagemaker(process.argv.includes('--quick'));
    const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
    console.log(
      `/ping during a ${r.ping.rows.toLocaleString()}-row batch (1 worker): p50 ${r.ping.p50Ms.toFixed(2)} ms, p99 ${r.ping.p99Ms.toFixed(2)} ms, max ${r.ping.maxMs.toFixed(2)} ms over ${r.ping.count} pings; batch ${r.ping.batchMs.toFixed(0)} ms`,
    );
    console.log(
      `batch ${Math.round(r.batchRowsPerSec).toLocaleString()} rows/s vs evaluator ${Math.round(r.evaluatorRowsPerSec).toLocaleString()} rows/s (${((r.batchRowsPerSec / r.evaluatorRowsPerSec) * 100).toFixed(1)}%)`,
    );
    console.log(
      `peak RSS: 6 MB body of ${r.tinyRows.toLocaleString()} tiny rows ${mb(r.tinyRowsPeakRss)}; ${r.bigBodyMb} MB body ${mb(r.bigBodyPeakRss)}`,
    );
  }
}
