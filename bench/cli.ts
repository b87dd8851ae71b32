/**
 * `mojo-scorer score` on a large CSV (the fixture's input.csv repeated to N rows): wall time,
 * rows/s and peak RSS of the child process; PredictCsv on the same file when a JDK and
 * H2O_GENMODEL_JAR are available (the jar is ai.h2o:h2o-genmodel on Maven Central).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fixturePath } from './fixtures.ts';

const CLI = resolve(import.meta.dir, '../src/cli.ts');

export interface CliRun {
  seconds: number;
  rowsPerSec: number;
  peakRssMb: number;
}

/** Writes `rows` data rows of the fixture's input (repeated) to a temp file; returns its path and a cleanup. */
export function bigInput(fixture: string, rows: number): { path: string; dispose: () => void } {
  const [header, ...lines] = readFileSync(fixturePath(fixture, 'input.csv'), 'utf8').trimEnd().split(/\r?\n/);
  const dir = mkdtempSync(join(tmpdir(), 'mojo-bench-'));
  const path = join(dir, 'input.csv');
  const block: string[] = [];
  for (let i = 0; i < rows; i++) block.push(lines[i % lines.length]);
  writeFileSync(path, `${header}\n${block.join('\n')}\n`);
  return { path, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs `score` on `input` once, output discarded. */
export function runCli(fixture: string, input: string, rows: number, extra: string[] = []): CliRun {
  const t0 = performance.now();
  const p = Bun.spawnSync(['bun', CLI, 'score', '--model', fixturePath(fixture), '--input', input, '--format', 'csv', ...extra], {
    stdout: 'ignore',
    stderr: 'pipe',
  });
  const seconds = (performance.now() - t0) / 1000;
  if (p.exitCode !== 0) throw new Error(`score failed: ${p.stderr.toString()}`);
  return { seconds, rowsPerSec: rows / seconds, peakRssMb: (p.resourceUsage?.maxRSS ?? 0) / 2 ** 20 };
}

/** PredictCsv's wall time on the same input, or why it was skipped. */
export function runPredictCsv(fixture: string, input: string): number | string {
  const jar = process.env.H2O_GENMODEL_JAR;
  if (!jar) return 'skipped (no H2O_GENMODEL_JAR)';
  if (!Bun.which('java')) return 'skipped (no java)';
  const dir = mkdtempSync(join(tmpdir(), 'mojo-predictcsv-'));
  try {
    const t0 = performance.now();
    const p = Bun.spawnSync(
      [
        'java',
        '-cp',
        jar,
        'hex.genmodel.tools.PredictCsv',
        '--mojo',
        fixturePath(fixture),
        '--input',
        input,
        '--output',
        join(dir, 'out.csv'),
      ],
      { stdout: 'ignore', stderr: 'pipe' },
    );
    if (p.exitCode !== 0) return `failed: ${p.stderr.toString().split('\n')[0]}`;
    return (performance.now() - t0) / 1000;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const fixture = process.argv[2] ?? 'jmh_gbm_prostate';
  const rows = Number(process.argv[3] ?? 1_000_000);
  const input = bigInput(fixture, rows);
  try {
    for (let i = 0; i < 3; i++) console.log(fixture, rows, runCli(fixture, input.path, rows));
    console.log('PredictCsv:', runPredictCsv(fixture, input.path));
  } finally {
    input.dispose();
  }
}
