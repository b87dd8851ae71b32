/**
 * `npm run bench`: every performance figure of the project, taken in one run, printed as one
 * Markdown table with the goals beside ours and Java's figures measured in the same run (a JDK and
 * H2O_GENMODEL_CLASSPATH; see java-anchor.ts).
 *   --quick       shorter windows (smoke run)
 *   --no-http     evaluator + memory only (no wrk/ab needed)
 */
import { readFileSync } from 'node:fs';
import { barePassRowsPerSec } from './bare-pass.ts';
import { BATCH_FIXTURE, benchBatchHttp, benchFileBatch } from './batch-http.ts';
import { bigInput, runCli, runPredictCsv } from './cli.ts';
import { benchEvaluatorAlone } from './evaluator.ts';
import { benchMojo2, MOJO2_CASES } from './mojo2.ts';
import { edgeRowCount, FIXTURES_DIR, fixturePath, GOALS, haveFixture } from './fixtures.ts';
import { benchHttp, haveTool, type WrkResult } from './http.ts';
import { javaAnchor } from './java-anchor.ts';
import { fmt, mb, mdRow, verdict } from './markdown.ts';
import { benchSagemaker, SAGEMAKER_FIXTURE } from './sagemaker.ts';
import { benchMemory, benchStartup } from './startup.ts';

const quick = process.argv.includes('--quick');
const noHttp = process.argv.includes('--no-http');
const evalSeconds = quick ? 0.5 : 2;
const httpSeconds = quick ? 3 : 10;

const lines: string[] = [];
const row = (...cells: string[]) => lines.push(mdRow(...cells));

console.error(`mojo-scorer bench — fixtures from ${FIXTURES_DIR}; bun ${Bun.version}; ${navigator.hardwareConcurrency} CPUs`);

lines.push('### Evaluator, single thread (rows/s)', '');
const anchor = javaAnchor();
// --quick shortens Java's warm-up and window with ours: a smoke figure, not a settled JIT.
const javaWarmUp = quick ? 0.5 : 2;
if (typeof anchor !== 'string') {
  lines.push(
    `Java: h2o-genmodel's EasyPredictModelWrapper (bench/java/EvaluatorAnchor.java, own JVM, one thread, ${javaWarmUp} s warm-up, ${evalSeconds} s timed${quick ? ', shortened by --quick' : ''}), measured in this run on the rows ours score: input.csv after its edge rows. Ours: one process per fixture too (as a server holds one model), warmed as long as it is timed.`,
    '',
  );
}
lines.push(
  "Ours on unseen rows: pre-encoded, on 20 shuffled copies of the same rows with every numeric value moved part of the way to another row's (bench/evaluator.ts unseenRows), so no row repeats: the CPU cannot learn the walks by heart, as it does for a small model over a few hundred rows played again and again.",
  '',
);
row('fixture', 'model', 'Java', 'goal', 'ours: strings → record', 'ours: pre-encoded', 'vs Java', 'goal', 'ours: pre-encoded, unseen rows');
row('---', '---', '---:', '---:', '---:', '---:', '---:', '---', '---:');
for (const g of GOALS) {
  const goal = `≥ ${g.factor}×`;
  if (!haveFixture(g.fixture)) {
    row(g.fixture, g.label, '', goal, 'no fixture', '', '', '', '');
    continue;
  }
  const skipRows = edgeRowCount(g.fixture);
  const java =
    typeof anchor === 'string'
      ? anchor
      : anchor.rowsPerSec(fixturePath(g.fixture), fixturePath(g.fixture, 'input.csv'), skipRows, evalSeconds, javaWarmUp);
  const javaCell = typeof java === 'string' ? java : fmt(java);
  // The ratio and verdict cells of one of our figures.
  const vsJava = (ours: number): [string, string] =>
    typeof java === 'string' ? ['no anchor', ''] : [`${fmt(ours / java, 2)}×`, verdict(ours / java >= g.factor)];
  try {
    const r = benchEvaluatorAlone(g.fixture, evalSeconds, { skipRows, json: g.json });
    row(
      g.fixture,
      g.label,
      javaCell,
      goal,
      fmt(r.fullRowsPerSec),
      fmt(r.rawRowsPerSec),
      ...vsJava(r.fullRowsPerSec),
      fmt(r.unseenRowsPerSec),
    );
    if (r.jsonRowsPerSec !== undefined) {
      const json = r.jsonRowsPerSec;
      row(g.fixture, `${g.label}, rows as JSON objects`, javaCell, goal, `${fmt(json)} (JSON object → record)`, '', ...vsJava(json), '');
    }
  } catch (e) {
    row(g.fixture, g.label, javaCell, goal, `error: ${(e as Error).message.slice(0, 60)}`, '', '', '', '');
  }
  console.error(`  evaluated ${g.fixture}`);
}
if (typeof anchor !== 'string') anchor.dispose();

lines.push('', '### Driverless AI pipeline.mojo (MOJO2), single thread, one process (rows/s)', '');
row('case', 'pipeline', 'rows', 'ours: strings → record', 'ours: pre-encoded');
row('---', '---', '---:', '---:', '---:');
for (const c of MOJO2_CASES) {
  try {
    const r = benchMojo2(c.folder, evalSeconds);
    if (r === null) row(c.folder, c.label, '', 'no fixture', '');
    else row(c.folder, c.label, fmt(r.rows), fmt(r.fullRowsPerSec), fmt(r.rawRowsPerSec));
  } catch (e) {
    row(c.folder, c.label, '', `error: ${(e as Error).message.slice(0, 60)}`, '');
  }
  console.error(`  evaluated ${c.folder}`);
}

/**
 * The evaluator's strings → record rows/s of a fixture over all of input.csv (edge rows too, as
 * the batch and CLI inputs built from it hold them), measured once.
 */
const evalRps = new Map<string, number>();
const evaluatorRps = (fixture: string): number => {
  let r = evalRps.get(fixture);
  if (r === undefined) {
    r = benchEvaluatorAlone(fixture, evalSeconds).fullRowsPerSec;
    evalRps.set(fixture, r);
  }
  return r;
};

const HTTP_FIXTURE = 'jmh_gbm_prostate';
if (!noHttp && haveFixture(HTTP_FIXTURE)) {
  lines.push('', `### HTTP on loopback (${HTTP_FIXTURE}; wrk -t1 -c40 -d${httpSeconds}s shares the 2 cores)`, '');
  if (!haveTool('wrk') || !haveTool('ab')) {
    lines.push('wrk/ab not installed: `apt-get install -y wrk apache2-utils`');
  } else {
    const h = await benchHttp(HTTP_FIXTURE, httpSeconds, quick ? 20_000 : 100_000);
    lines.push(
      `The bare anchor (bench/bare-server.ts) reads and parses the same request (the body's JSON, or the query) and answers the same 64-byte JSON; each figure is the best of ${h.rounds} interleaved rounds.`,
      '',
    );
    row('measure', 'result', 'goal', '');
    row('---', '---:', '---', '---');
    const vsBare = (label: string, ours: WrkResult, bare: WrkResult) => {
      const share = ours.reqPerSec / bare.reqPerSec;
      row(
        label,
        `${fmt(ours.reqPerSec)} req/s vs bare ${fmt(bare.reqPerSec)} = ${fmt(share, 2)}× (p99 ${fmt(ours.p99Ms, 2)} ms, bare ${fmt(bare.p99Ms, 2)} ms)`,
        '≥ 0.9× bare, p99 < 3 ms',
        verdict(share >= 0.9 && ours.p99Ms < 3),
      );
    };
    vsBare('GET /predict_parameters (1 row)', h.ourGet, h.bareGet);
    vsBare('POST /invocations (1 JSON row)', h.ourPost, h.barePost);
    row(
      `ab -k -c 40 -n ${quick ? '20000' : '100000'} POST /invocations`,
      `${fmt(h.ab.failed)} failed, ${fmt(h.ab.non2xx)} non-2xx, ${fmt(h.ab.reqPerSec)} req/s`,
      '0 failures',
      verdict(h.ab.failed === 0 && h.ab.non2xx === 0),
    );
    row(
      'workers 1 → 2 (/predict_parameters)',
      `${fmt(h.workers1.reqPerSec)} → ${fmt(h.workers2.reqPerSec)} req/s (${fmt(h.workers2.reqPerSec / h.workers1.reqPerSec, 2)}×)`,
      'scaling shown',
      '',
    );
  }
}

if (!noHttp && haveFixture(SAGEMAKER_FIXTURE)) {
  const r = await benchSagemaker(quick, evaluatorRps(SAGEMAKER_FIXTURE));
  lines.push('', `### SageMaker batches (${SAGEMAKER_FIXTURE}, 1 worker)`, '');
  row('measure', 'result', 'goal', '');
  row('---', '---:', '---', '---');
  row(
    `/ping during a ${fmt(r.ping.rows)}-row CSV batch`,
    `p50 ${fmt(r.ping.p50Ms, 1)} ms, p99 ${fmt(r.ping.p99Ms, 1)} ms, max ${fmt(r.ping.maxMs, 1)} ms (${r.ping.count} pings)`,
    'p99 < 100 ms',
    verdict(r.ping.p99Ms < 100),
  );
  const share = r.batchRowsPerSec / r.evaluatorRowsPerSec;
  row(
    'batch rows/s over HTTP vs evaluator',
    `${fmt(r.batchRowsPerSec)} vs ${fmt(r.evaluatorRowsPerSec)} rows/s = ${fmt(share * 100, 1)}%`,
    '≥ 70%',
    verdict(share >= 0.7),
  );
  row(`peak RSS, 6 MB body of ${fmt(r.tinyRows)} tiny rows`, mb(r.tinyRowsPeakRss), '< 150 MB', verdict(r.tinyRowsPeakRss < 150 * 1048576));
  row(`peak RSS, ${r.bigBodyMb} MB body`, mb(r.bigBodyPeakRss), '< 600 MB', verdict(r.bigBodyPeakRss < 600 * 1048576));
  console.error('  sagemaker batches measured');
}

if (!noHttp && haveFixture(BATCH_FIXTURE)) {
  const ev = evaluatorRps(BATCH_FIXTURE);
  lines.push('', `### Batch \`/invocations\` (${BATCH_FIXTURE}, 1 worker, sequential keep-alive requests, median rows/s)`, '');
  row('body', 'rows', 'rows/s', '% of evaluator (strings → record)', 'goal', '');
  row('---', '---:', '---:', '---:', '---', '---');
  for (const r of await benchBatchHttp(quick)) {
    const share = r.rowsPerSec / ev;
    const body = r.format === 'csv' ? 'CSV' : 'JSON Lines';
    row(body, fmt(r.rows), fmt(r.rowsPerSec), `${fmt(share * 100, 1)}% of ${fmt(ev)}`, '≥ 70%', verdict(share >= 0.7));
  }
  console.error('  batch /invocations measured');
}

/**
 * `score` on large files: the issue-12 goals (≥ 70% of the evaluator, RSS < 150 MB) and the
 * issue-20 ones beside PredictCsv (≥ 5× on 1M GBM rows, ≥ 3× on 200k ensemble rows), the
 * default (`workers`: undefined) beside `--workers <cores>`; a long file where worker
 * processes join.
 */
const CLI_RUNS: { fixture: string; rows: number; javaFactor?: number }[] = [
  { fixture: 'jmh_gbm_prostate', rows: quick ? 100_000 : 1_000_000, javaFactor: 5 },
  { fixture: 'se_binomial', rows: quick ? 20_000 : 200_000, javaFactor: 3 },
  { fixture: 'jmh_gbm_prostate', rows: quick ? 1_000_000 : 5_000_000 },
];
const cores = navigator.hardwareConcurrency;
/** The default `score` on the first file (GBM), for the bare-pass table below. */
let cliGbm: { rows: number; seconds: number; peakRssMb: number } | undefined;
lines.push('', `### CLI \`score --format csv\` (median of 3; peak RSS: the process's VmHWM, its score threads included)`, '');
row(
  'fixture',
  'rows',
  'workers',
  'wall',
  'rows/s',
  '% of evaluator',
  'goal ≥ 70%',
  'peak RSS',
  'goal < 150 MB',
  'PredictCsv',
  'vs PredictCsv',
  'goal',
  '',
);
row('---', '---:', '---', '---:', '---:', '---:', '---', '---:', '---', '---:', '---:', '---', '---');
for (const [run, { fixture, rows, javaFactor }] of CLI_RUNS.entries()) {
  if (!haveFixture(fixture)) {
    row(fixture, fmt(rows), '', 'no fixture', '', '', '', '', '', '', '', '', '');
    continue;
  }
  const input = bigInput(fixture, rows);
  try {
    const ev = evaluatorRps(fixture);
    const java = javaFactor !== undefined ? await runPredictCsv(fixture, input.path) : 'not run (long file)';
    const javaCell = typeof java === 'string' ? java : `${fmt(java.seconds, 2)} s, ${fmt(java.peakRssMb, 0)} MB`;
    for (const workers of [undefined, cores]) {
      const workersCell = workers === undefined ? 'default' : String(workers);
      const r = await runCli(fixture, input.path, workers);
      if (typeof r === 'string') {
        row(fixture, fmt(rows), workersCell, r, '', '', '', '', '', javaCell, '', '', '');
        continue;
      }
      if (run === 0 && workers === undefined) cliGbm = { rows, ...r };
      const rps = rows / r.seconds;
      const vsJava = typeof java === 'string' ? undefined : java.seconds / r.seconds;
      row(
        fixture,
        fmt(rows),
        workersCell,
        `${fmt(r.seconds, 2)} s`,
        fmt(rps),
        `${fmt((rps / ev) * 100, 1)}%`,
        verdict(rps / ev >= 0.7),
        `${fmt(r.peakRssMb, 0)} MB`,
        verdict(r.peakRssMb < 150),
        javaCell,
        vsJava === undefined ? '' : `${fmt(vsJava, 2)}×`,
        javaFactor === undefined ? '' : `≥ ${javaFactor}×`,
        vsJava === undefined || javaFactor === undefined ? '' : verdict(vsJava >= javaFactor),
      );
    }
  } finally {
    input.dispose();
  }
  console.error(`  CLI scored ${fixture}`);
}

if (haveFixture(BATCH_FIXTURE) && cliGbm !== undefined) {
  // The issue-20 goals: batches near the cost of reading the cells and writing the answer.
  const { rows } = cliGbm;
  const input = bigInput(BATCH_FIXTURE, rows);
  try {
    const bytes = readFileSync(input.path);
    const bare = barePassRowsPerSec(bytes);
    lines.push(
      '',
      `### Batches against the bare pass (${BATCH_FIXTURE}, the CLI's ${fmt(rows)}-row file: parse every cell, write the same CSV, no model; bench/bare-pass.ts)`,
      '',
    );
    row('measure', 'rows/s', '% of bare pass', 'goal', '', 'other', 'goal', '');
    row('---', '---:', '---:', '---', '---', '---', '---', '---');
    row('bare pass (one thread, in memory)', fmt(bare), '100%', '', '', '', '', '');
    const cliRps = rows / cliGbm.seconds;
    row(
      'CLI `score` (default workers, wall from process start)',
      fmt(cliRps),
      `${fmt((cliRps / bare) * 100, 1)}%`,
      '≥ 60%',
      verdict(cliRps / bare >= 0.6),
      `peak RSS ${fmt(cliGbm.peakRssMb, 0)} MB`,
      '< 150 MB',
      verdict(cliGbm.peakRssMb < 150),
    );
    if (!noHttp) {
      const seconds = quick ? 1 : 4;
      const file = new Uint8Array(bytes);
      for (const gzip of [false, true]) {
        const h = await benchFileBatch(file, rows, seconds, gzip);
        const label = `HTTP batch, the file as one body (1 worker, keep-alive${gzip ? ', Accept-Encoding: gzip' : ''})`;
        row(
          label,
          fmt(h.rowsPerSec),
          `${fmt((h.rowsPerSec / bare) * 100, 1)}%`,
          gzip ? '' : '≥ 60%',
          gzip ? '' : verdict(h.rowsPerSec / bare >= 0.6),
          `${fmt((h.rowsPerSec / cliRps) * 100, 1)}% of the CLI (goal ≥ 90%: ${verdict(h.rowsPerSec / cliRps >= 0.9)}); peak RSS ${fmt(h.peakRssMb, 0)} MB`,
          '< 150 MB',
          verdict(h.peakRssMb < 150),
        );
      }
    }
  } finally {
    input.dispose();
  }
  console.error('  bare pass measured');
}

if (haveFixture(HTTP_FIXTURE)) {
  lines.push('', '### Start-up and memory', '');
  row('measure', 'result', 'goal', '');
  row('---', '---:', '---', '---');
  const s = await benchStartup(HTTP_FIXTURE, quick ? 3 : 7);
  row(
    `process start → first /ping 200, one worker (${HTTP_FIXTURE}, median)`,
    `${fmt(s.oneMs, 1)} ms (bare Bun.serve: ${fmt(s.bareMs, 1)} ms)`,
    '< 100 ms',
    verdict(s.oneMs < 100),
  );
  row(`process start → first /ping 200, ${s.workers} workers (median)`, `${fmt(s.allMs, 1)} ms`, '< 200 ms', verdict(s.allMs < 200));
  row('server RSS after load, idle', mb(s.idleRss), '< 80 MB', verdict(s.idleRss < 80 * 1048576));
  lines.push('', `One worker's start (MOJO_SCORER_STARTUP_TRACE, medians of each phase):`, '', '| phase | ms |', '| --- | ---: |');
  for (const p of s.phases) row(p.name, fmt(p.ms, 1));
  lines.push('', `${s.workers} workers, after the bench spawns the primary (medians):`, '', '| event | ms |', '| --- | ---: |');
  row('primary has spawned its workers', fmt(s.primarySpawnMs, 1));
  row('first worker listens', fmt(s.firstWorkerMs, 1));
  row('last worker listens', fmt(s.lastWorkerMs, 1));
  lines.push('', '| fixture | RSS after load | model bytes in memory | MOJO file |', '| --- | ---: | ---: | ---: |');
  for (const g of GOALS) {
    if (!haveFixture(g.fixture)) continue;
    const m = benchMemory(g.fixture);
    row(g.fixture, mb(m.rss), `${fmt(m.modelBytes / 1024, 0)} KB`, `${fmt(m.fileBytes / 1024, 0)} KB`);
  }
}

lines.push(...(await (await import('./explanations.ts')).benchExplanations(evalSeconds * 2)));
console.log(lines.join('\n'));
