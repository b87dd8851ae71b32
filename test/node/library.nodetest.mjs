// The published package under plain node (node --test; `npm run test:node`, part of `npm test`):
// npm pack → install the tarball into a scratch project → score the demo model and golden
// fixtures through `mojo-scorer` and `mojo-scorer/node`, with code generation on and off.
// Fixtures: test/conformance/library-parity.ts LIBRARY_FIXTURES (one or more per algorithm).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
let fixturesDir; // test/support/fixtures.ts decides, through the parity bundle
const scratch = mkdtempSync(join(tmpdir(), 'mojo-scorer-node-'));
const project = join(scratch, 'project');
let parity;

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 300_000, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

before(async () => {
  const bundle = join(scratch, 'parity.mjs');
  run('npx', ['bun', 'build', join(root, 'test/node/parity.ts'), '--target', 'node', '--outfile', bundle], { cwd: root });
  parity = await import(bundle);
  fixturesDir = parity.fixturesBeside(root);
  run('npm', ['pack', '--pack-destination', scratch, '--silent'], { cwd: root });
  const tarball = readdirSync(scratch).find((f) => f.endsWith('.tgz'));
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent', join(scratch, tarball)], { cwd: project });
  writeFileSync(join(project, 'score-rows.mjs'), readFileSync(join(root, 'test/node/score-rows.mjs')));
});

after(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the scratch project's scorer over `jobs` under plain node; returns its results. */
function scoreInProject(jobs, codegen) {
  const jobFile = join(scratch, 'job.json');
  const outFile = join(scratch, 'out.json');
  writeFileSync(jobFile, JSON.stringify(jobs));
  const env = { ...process.env, MOJO_SCORER_NO_CODEGEN: codegen ? '' : '1' };
  run(process.execPath, ['score-rows.mjs', jobFile, outFile], { cwd: project, env });
  return JSON.parse(readFileSync(outFile, 'utf8'));
}

/** The demo model's rows and reference (recorded with h2o-genmodel) in fixture form. */
function demoJob() {
  const lines = readFileSync(join(root, 'test/demo/demo-gbm.h2o-genmodel.jsonl'), 'utf8').split('\n').filter(Boolean).slice(1);
  const golden = lines.map((l) => JSON.parse(l));
  return {
    job: { name: 'demo', model: join(root, 'src/demo/demo-gbm.zip'), rows: golden.map((g) => g.row), contributions: true, fromPath: true },
    expected: golden.map((g, i) => ({ row: i, label: g.label, classProbabilities: g.p })),
    contributions: golden.map((g, i) => ({ row: i, contributions: g.contributions })),
    fixture: { name: 'demo', quirkRows: new Set(), meta: {} },
  };
}

for (const codegen of [true, false]) {
  test(`packed library scores like h2o-genmodel under node (codegen ${codegen ? 'on' : 'off'})`, { timeout: 600_000 }, () => {
    const demo = demoJob();
    const fixtures = parity.listFixtures(fixturesDir).filter((f) => parity.LIBRARY_FIXTURES.includes(f.name));
    if (fixtures.length === 0) console.warn(`[skip] ${fixturesDir} is absent: only the demo model is scored`);
    const jobs = [demo.job];
    for (const [i, f] of fixtures.entries())
      jobs.push({ name: f.name, model: f.model, rows: parity.fixtureRows(f), contributions: 'contrib' in f.extras, fromPath: i % 2 === 0 });
    const results = scoreInProject(jobs, codegen);

    const d = results.demo;
    assert.deepEqual(
      d.describe.outputs.map((o) => o.name),
      ['predict', 'no', 'yes'],
    );
    assert.deepEqual(parity.compareRecords(demo.fixture, 'predict', demo.expected, d.predictions, d.outputNames), []);
    assert.deepEqual(parity.compareRecords(demo.fixture, 'contrib', demo.contributions, d.contributions, d.outputNames), []);
    for (const f of fixtures) {
      const r = results[f.name];
      const expected = parity.readJsonl(join(f.dir, 'expected.jsonl'));
      assert.deepEqual(parity.compareRecords(f, 'predict', expected, r.predictions, r.outputNames), [], f.name);
      if (r.contributions)
        assert.deepEqual(
          parity.compareRecords(f, 'contrib', parity.readJsonl(f.extras.contrib), r.contributions, r.outputNames),
          [],
          f.name,
        );
    }
  });
}
