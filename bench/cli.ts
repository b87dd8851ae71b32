/**
 * `mojo-scorer score` on a large CSV (the fixture's input.csv repeated to N rows): wall time,
 * rows/s and peak RSS (VmHWM) of the child process, with `--workers N`; PredictCsv on the same file when
 * a JDK and the h2o-genmodel classpath are available (docs/performance.md says how to get one).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fixtureLines, fixturePath } from './fixtures.ts';
import { genmodelClasspath, SET_CLASSPATH } from './java-anchor.ts';
import { median } from './markdown.ts';
import { childrenOf, peakRssOf, rssOf } from './processes.ts';

const CLI = resolve(import.meta.dir, '../src/cli.ts');

/** Median wall time of the runs, and the largest peak RSS of any of them. */
export interface TimedRuns {
  seconds: number;
  peakRssMb: number;
}

/** Writes `rows` data rows of the fixture's input (repeated) to a temp file; returns its path and a cleanup. */
export function bigInput(fixture: string, rows: number): { path: string; dispose: () => void } {
  const { header, lines } = fixtureLines(fixture);
  const dir = mkdtempSync(join(tmpdir(), 'mojo-bench-'));
  const path = join(dir, 'input.csv');
  const block: string[] = [];
  for (let i = 0; i < rows; i++) block.push(lines[i % lines.length]);
  writeFileSync(path, `${header}\n${block.join('\n')}\n`);
  return { path, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** How often the child's VmHWM is read while it runs. */
const RSS_POLL_MS = 10;

/**
 * Runs `cmd` `times` times, output discarded; the stderr of a failed run instead of a result.
 * Peak RSS is the child's VmHWM polled while it runs (rusage maxRSS would also count the
 * bench's own pages, which a forked child holds until it execs); should it have child
 * processes, the largest sum of its and their RSS when higher (score threads are its own pages).
 */
async function timeRuns(cmd: string[], times: number): Promise<TimedRuns | { failed: string }> {
  const seconds: number[] = [];
  let peak = 0;
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    const p = Bun.spawn(cmd, { stdout: 'ignore', stderr: 'pipe' });
    const poll = setInterval(() => {
      try {
        let tree = 0;
        for (const c of childrenOf(p.pid)) tree += rssOf(c) || 0;
        peak = Math.max(peak, peakRssOf(p.pid) || 0, tree > 0 ? tree + (rssOf(p.pid) || 0) : 0);
      } catch {
        /* exited between polls */
      }
    }, RSS_POLL_MS);
    const stderr = new Response(p.stderr).text();
    const code = await p.exited;
    seconds.push((performance.now() - t0) / 1000);
    clearInterval(poll);
    if (code !== 0) return { failed: await stderr };
  }
  // A child that exits before the first poll has no reading.
  return { seconds: median(seconds), peakRssMb: peak > 0 ? peak / 2 ** 20 : Number.NaN };
}

/**
 * `score --format csv --workers N` on `input` (no `--workers` when undefined: the default),
 * `times` runs, output discarded. A string when the CLI does not know `--workers` yet; throws on
 * any other failure.
 */
export async function runCli(fixture: string, input: string, workers: number | undefined, times = 3): Promise<TimedRuns | string> {
  const cmd = [process.execPath, CLI, 'score', '--model', fixturePath(fixture), '--input', input, '--format', 'csv'];
  const r = await timeRuns(workers === undefined ? cmd : [...cmd, '--workers', String(workers)], times);
  if (!('failed' in r)) return r;
  if (/unknown option.*--workers/i.test(r.failed)) return 'needs --workers';
  throw new Error(`score failed: ${r.failed.split('\n')[0]}`);
}

/** PredictCsv's median wall time and peak RSS on the same input, or why it was skipped. */
export async function runPredictCsv(fixture: string, input: string, times = 3): Promise<TimedRuns | string> {
  const classpath = genmodelClasspath();
  if (!classpath) return `skipped: ${SET_CLASSPATH}`;
  if (!Bun.which('java')) return 'skipped: no java on PATH';
  const dir = mkdtempSync(join(tmpdir(), 'mojo-predictcsv-'));
  try {
    // As our CLI scores: invalid numbers are missing values, probabilities written as decimals.
    const cmd = [
      'java',
      '-cp',
      classpath,
      'hex.genmodel.tools.PredictCsv',
      '--mojo',
      fixturePath(fixture),
      '--setConvertInvalidNum',
      '--decimal',
    ];
    const r = await timeRuns([...cmd, '--input', input, '--output', join(dir, 'out.csv')], times);
    return 'failed' in r ? `PredictCsv failed: ${r.failed.split('\n')[0].slice(0, 80)}` : r;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const fixture = process.argv[2] ?? 'jmh_gbm_prostate';
  const rows = Number(process.argv[3] ?? 1_000_000);
  const input = bigInput(fixture, rows);
  try {
    for (const workers of [undefined, navigator.hardwareConcurrency])
      console.log(fixture, rows, `workers ${workers}`, await runCli(fixture, input.path, workers));
    console.log('PredictCsv:', await runPredictCsv(fixture, input.path));
  } finally {
    input.dispose();
  }
}
