/**
 * `/invocations` batch throughput (`bun bench/batch-http.ts [--quick]`, also part of `npm run bench`):
 * CSV and JSON Lines bodies of 1k, 10k and 100k rows sent sequentially over one keep-alive
 * connection to a one-worker server on loopback; rows/s per request from send to the last byte
 * of the answer, median over a time window per size.
 */
import { edgeRowCount, fixtureLines, fixturePath, fixtureRows, haveFixture } from './fixtures.ts';
import { median } from './markdown.ts';
import { peakRssOf, withServer } from './processes.ts';

export const BATCH_FIXTURE = 'jmh_gbm_prostate';
export const BATCH_SIZES = [1_000, 10_000, 100_000];

export type BatchFormat = 'csv' | 'jsonl';

export interface BatchResult {
  format: BatchFormat;
  rows: number;
  rowsPerSec: number;
  requests: number;
}

const CONTENT_TYPE: Record<BatchFormat, string> = { csv: 'text/csv', jsonl: 'application/jsonlines' };

/**
 * The fixture's data rows past its edge rows (so strict scoring accepts every one), repeated to
 * `rows`: a CSV body with a header, and a JSON Lines body of objects with numeric values.
 */
function bodies(fixture: string, rows: number): Record<BatchFormat, string> {
  const skip = edgeRowCount(fixture);
  const { header, lines } = fixtureLines(fixture);
  const csvRows = lines.slice(skip);
  const jsonRows = fixtureRows(fixture)
    .slice(skip)
    .map((r) => {
      const o: Record<string, number> = {};
      for (const [k, v] of Object.entries(r)) if (Number.isFinite(Number(v))) o[k] = Number(v);
      return JSON.stringify(o);
    });
  const csv: string[] = [header];
  const jsonl: string[] = [];
  for (let i = 0; i < rows; i++) {
    csv.push(csvRows[i % csvRows.length]);
    jsonl.push(jsonRows[i % jsonRows.length]);
  }
  return { csv: `${csv.join('\n')}\n`, jsonl: `${jsonl.join('\n')}\n` };
}

function post(base: string, format: BatchFormat, body: string): Promise<Response> {
  const type = CONTENT_TYPE[format];
  return fetch(`${base}/invocations`, { method: 'POST', body, headers: { 'content-type': type, accept: type } });
}

/** One check that the answer is a 200 with one line per row (plus the CSV header line). */
async function verify(base: string, format: BatchFormat, body: string, rows: number): Promise<void> {
  const res = await post(base, format, body);
  const text = await res.text();
  const expected = rows + (format === 'csv' ? 1 : 0);
  const got = text.split('\n').filter((l) => l !== '').length;
  if (res.status !== 200 || got !== expected) {
    throw new Error(`${format} batch of ${rows} rows: status ${res.status}, ${got} lines (want ${expected}): ${text.slice(0, 120)}`);
  }
}

/** Rows/s per request, median over `seconds` of back-to-back requests (at least 3). */
async function timeBatch(base: string, format: BatchFormat, body: string, rows: number, seconds: number): Promise<BatchResult> {
  await (await post(base, format, body)).arrayBuffer(); // warm the JIT on this size
  const rates: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (rates.length < 3 || performance.now() < end) {
    const t0 = performance.now();
    await (await post(base, format, body)).arrayBuffer();
    rates.push(rows / ((performance.now() - t0) / 1000));
  }
  return { format, rows, rowsPerSec: median(rates), requests: rates.length };
}

/** Every format × size through one fresh one-worker server. */
export async function benchBatchHttp(quick = false): Promise<BatchResult[]> {
  const seconds = quick ? 0.4 : 1.5;
  const sized = BATCH_SIZES.map((rows) => ({ rows, body: bodies(BATCH_FIXTURE, rows) }));
  const largest = Math.max(...sized.flatMap((s) => [s.body.csv.length, s.body.jsonl.length]));
  const payloadMb = String(Math.ceil(largest / 1048576) + 1);
  return withServer(fixturePath(BATCH_FIXTURE), { SAGEMAKER_MAX_PAYLOAD_IN_MB: payloadMb }, async (base) => {
    const results: BatchResult[] = [];
    for (const format of ['csv', 'jsonl'] as const) {
      for (const { rows, body } of sized) {
        await verify(base, format, body[format], rows);
        results.push(await timeBatch(base, format, body[format], rows, seconds));
      }
    }
    return results;
  });
}

/** rows/s of the CLI's input file sent as one `/invocations` batch, and the server's peak RSS. */
export interface FileBatchResult {
  rowsPerSec: number;
  requests: number;
  peakRssMb: number;
}

/**
 * A CSV file (a header, then `rows` rows; edge rows too, so lenient) POSTed whole as one batch,
 * back to back over one keep-alive connection to a fresh one-worker server, answer read through:
 * median rows/s over `seconds` (at least 3 requests, after one that warms the JIT) and the
 * server's VmHWM. `gzip`: the client accepts a gzip answer (as fetch does unless told otherwise)
 * and inflates it; otherwise it asks for the same bytes the CLI writes.
 */
export async function benchFileBatch(
  file: Uint8Array<ArrayBuffer>,
  rows: number,
  seconds: number,
  gzip: boolean,
): Promise<FileBatchResult> {
  const payloadMb = String(Math.ceil(file.length / 1048576) + 1);
  return withServer(fixturePath(BATCH_FIXTURE), { SAGEMAKER_MAX_PAYLOAD_IN_MB: payloadMb }, async (base, pid) => {
    const send = async (): Promise<void> => {
      const res = await fetch(`${base}/invocations?lenient=true`, {
        method: 'POST',
        body: file,
        headers: { 'content-type': 'text/csv', accept: 'text/csv', 'accept-encoding': gzip ? 'gzip' : 'identity' },
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`a ${rows}-row file batch answered ${res.status}`);
    };
    await send();
    const rates: number[] = [];
    const end = performance.now() + seconds * 1000;
    while (rates.length < 3 || performance.now() < end) {
      const t0 = performance.now();
      await send();
      rates.push(rows / ((performance.now() - t0) / 1000));
    }
    return { rowsPerSec: median(rates), requests: rates.length, peakRssMb: peakRssOf(pid) / 1048576 };
  });
}

if (import.meta.main) {
  if (!haveFixture(BATCH_FIXTURE)) {
    console.log(`skipped: fixture ${BATCH_FIXTURE} not found`);
  } else {
    for (const r of await benchBatchHttp(process.argv.includes('--quick'))) {
      console.log(`${r.format} ${r.rows} rows: ${Math.round(r.rowsPerSec).toLocaleString()} rows/s (median of ${r.requests})`);
    }
  }
}
