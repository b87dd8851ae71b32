// The library as a user installs it (node --test; `npm run test:node`, part of `npm test`):
// `npm pack` → plain `npm i <tarball>` into an empty project, and `npm i git+file://<this repo>`
// (npm clones it, installs its devDependencies, runs `prepare`, packs the result) into another.
// Each install must stay under 5 MB with no dependencies, and the runnable examples the docs quote
// (docs/examples) must score the demo model there like h2o-genmodel: Node ESM, Node CJS (also with
// require(esm) off, as on Node 20.16–20.18), Deno, chromium and the Lambda handler.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const examples = join(root, 'docs/examples');
const MAX_INSTALL_BYTES = 5 * 1024 * 1024;
const CHROMIUM = '/usr/bin/chromium';
const DENO = join(root, 'node_modules/.bin/deno');
const scratch = mkdtempSync(join(tmpdir(), 'mojo-scorer-install-'));
const fromTarball = join(scratch, 'from-tarball');
const fromGit = join(scratch, 'from-git');

/** The row the examples score and what h2o-genmodel answers for it (test/demo's recording). */
const golden = readFileSync(join(root, 'test/demo/demo-gbm.h2o-genmodel.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .slice(1)
  .map((l) => JSON.parse(l));
const EXAMPLE_ROW = { tenure_months: '71', monthly_charges: '21.07', support_calls: '1', plan: 'basic', region: 'east' };
const reference = golden.find((g) => JSON.stringify(g.row) === JSON.stringify(EXAMPLE_ROW));

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 600_000, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Bytes of every file under `dir` (symbolic links not followed): what the install puts on disk. */
function treeBytes(dir) {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = lstatSync(p);
    total += s.isDirectory() ? treeBytes(p) : s.size;
  }
  return total;
}

/** An empty project holding the demo model and the docs' examples. */
function emptyProject(dir) {
  mkdirSync(join(dir, 'models'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'empty-project', private: true, type: 'module' }));
  copyFileSync(join(root, 'src/demo/demo-gbm.zip'), join(dir, 'models/demo-gbm.zip'));
  for (const f of readdirSync(examples)) copyFileSync(join(examples, f), join(dir, f));
}

/** Asserts that `record` is h2o-genmodel's prediction for the example row. */
function assertReference(record, what) {
  assert.ok(reference, 'the example row is one of the recorded rows');
  assert.equal(record.predict, reference.label, what);
  assert.ok(
    Math.abs(record.no - reference.p[0]) <= 1e-12 && Math.abs(record.yes - reference.p[1]) <= 1e-12,
    `${what}: ${JSON.stringify(record)}`,
  );
}

/** Whether npm's registry answers (a git install fetches the repository's devDependencies). */
function registryReachable() {
  return spawnSync('npm', ['ping'], { encoding: 'utf8', timeout: 30_000 }).status === 0;
}

let gitSkip = false;

before(() => {
  run('npm', ['pack', '--pack-destination', scratch, '--silent'], { cwd: root });
  const tarball = readdirSync(scratch).find((f) => f.endsWith('.tgz'));
  emptyProject(fromTarball);
  run('npm', ['install', '--no-audit', '--no-fund', join(scratch, tarball)], { cwd: fromTarball });

  if (!registryReachable()) {
    gitSkip = '[skip] install from git: npm registry unreachable (the clone installs its devDependencies to build dist/)';
    return;
  }
  emptyProject(fromGit);
  const head = run('git', ['rev-parse', 'HEAD'], { cwd: root }).trim();
  if (run('git', ['status', '--porcelain'], { cwd: root }).trim() !== '')
    console.warn(`[note] install from git uses the last commit ${head}, not uncommitted changes`);
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', `git+file://${root}#${head}`], { cwd: fromGit });
});

after(() => rmSync(scratch, { recursive: true, force: true }));

for (const [how, project] of [
  ['packed tarball', fromTarball],
  ['git', fromGit],
]) {
  test(`install from ${how}: under 5 MB, nothing but the package, LICENSE and dist included`, { timeout: 60_000 }, (t) => {
    if (project === fromGit && gitSkip) return t.skip(gitSkip);
    const modules = join(project, 'node_modules');
    const bytes = treeBytes(modules);
    console.log(`installed from ${how}: ${(bytes / 1024 / 1024).toFixed(2)} MB`);
    assert.ok(bytes < MAX_INSTALL_BYTES, `${bytes} bytes installed`);
    assert.deepEqual(
      readdirSync(modules).filter((n) => !n.startsWith('.')),
      ['mojo-scorer'],
    );
    const pkg = join(modules, 'mojo-scorer');
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
    assert.equal(manifest.dependencies, undefined);
    assert.match(readFileSync(join(pkg, 'LICENSE'), 'utf8'), /Apache License\s+Version 2\.0, January 2004/);
    for (const f of [
      'dist/index.js',
      'dist/node.js',
      'dist/lambda.js',
      'dist/cjs/index.cjs',
      'dist/cjs/node.cjs',
      'dist/cjs/lambda.cjs',
      'dist/browser/mojo-scorer.js',
    ])
      assert.ok(existsSync(join(pkg, f)), f);
  });

  test(`install from ${how}: docs/examples/node-esm.mjs under node`, { timeout: 120_000 }, (t) => {
    if (project === fromGit && gitSkip) return t.skip(gitSkip);
    const [inputs, prediction, contributions] = run(process.execPath, ['node-esm.mjs'], { cwd: project })
      .trim()
      .split('\n')
      .map(JSON.parse);
    assert.deepEqual(inputs, Object.keys(EXAMPLE_ROW));
    assertReference(prediction, 'ESM prediction');
    assert.deepEqual(
      Object.values(contributions).map((v) => Math.fround(v)),
      reference.contributions.map((v) => Math.fround(v)),
    );
  });

  // Node 20.16–20.18 cannot require() an ES module: --no-experimental-require-module makes any newer Node behave so.
  for (const flags of [[], ['--no-experimental-require-module']]) {
    test(`install from ${how}: docs/examples/node-cjs.cjs under node ${flags.join(' ')}`, { timeout: 120_000 }, (t) => {
      if (project === fromGit && gitSkip) return t.skip(gitSkip);
      const lines = run(process.execPath, [...flags, 'node-cjs.cjs'], { cwd: project })
        .trim()
        .split('\n')
        .map(JSON.parse);
      assertReference(lines[0], 'CJS prediction');
      assert.equal(lines.length, 2);
    });
  }
}

test('packed tarball: TypeScript (node16 resolution) types every entry, for import and for require', { timeout: 120_000 }, () => {
  const dir = join(fromTarball, 'ts-consumer');
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(join(root, 'test/node/ts-consumer'))) copyFileSync(join(root, 'test/node/ts-consumer', f), join(dir, f));
  run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: dir });
});

test('packed tarball: docs/examples/deno.mjs under Deno (npm package `deno`)', { timeout: 180_000 }, (t) => {
  if (!existsSync(DENO)) return t.skip(`[skip] ${DENO} is absent: run npm ci (deno is a devDependency)`);
  const out = run(DENO, ['run', '--allow-read', 'deno.mjs'], {
    cwd: fromTarball,
    env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
  });
  assertReference(JSON.parse(out.trim()), 'Deno prediction');
});

test('packed tarball: docs/examples/browser.html in chromium (import map to dist/browser)', { timeout: 180_000 }, async (t) => {
  if (!existsSync(CHROMIUM)) return t.skip(`[skip] ${CHROMIUM} is absent (apt-get install -y chromium; CI installs it)`);
  const { chromium } = createRequire(join(root, 'package.json'))('playwright-core');
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.zip': 'application/zip' };
  // Serves the project folder as it is on disk, as any static server would.
  const server = createServer((req, res) => {
    const path = join(fromTarball, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!path.startsWith(fromTarball) || !existsSync(path) || lstatSync(path).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${server.address().port}/browser.html`);
    await page.waitForFunction(() => document.getElementById('out')?.textContent?.startsWith('{'), undefined, { timeout: 120_000 });
    assertReference(JSON.parse(await page.textContent('#out')), 'browser prediction');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
  }
});

test("packed tarball: the Lambda examples answer a recorded API Gateway event with the library's record", { timeout: 120_000 }, () => {
  const event = join(root, 'test/lib/lambda-events/rest-v1-json-row.json');
  // Runs in the project: the example's handler on the event, and the library on the event's row.
  const script = (example) => `
    import { readFileSync } from 'node:fs';
    import { loadModelFile } from 'mojo-scorer/node';
    const event = JSON.parse(readFileSync(${JSON.stringify(event)}, 'utf8'));
    const { handler } = await import('./${example}');
    const result = await handler(event);
    console.log(JSON.stringify({ result, library: loadModelFile('models/demo-gbm.zip').score(JSON.parse(event.body)) }));`;
  for (const example of ['lambda-handler.mjs', 'lambda-env.mjs']) {
    const out = run(process.execPath, ['--input-type=module', '-e', script(example)], {
      cwd: fromTarball,
      env: { ...process.env, MOJO_MODEL_PATH: 'models/demo-gbm.zip' },
    });
    const { result, library } = JSON.parse(out.trim().split('\n').at(-1));
    assert.equal(result.statusCode, 200, example);
    assert.equal(result.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(result.body), library);
  }
  // A CommonJS handler file, on a Node that cannot require ES modules.
  const cjs = run(
    process.execPath,
    [
      '--no-experimental-require-module',
      '-e',
      `const { createHandler } = require('mojo-scorer/lambda');
       createHandler({ model: 'models/demo-gbm.zip', log: false })(require(${JSON.stringify(event)})).then((r) => console.log(JSON.stringify(r)));`,
    ],
    { cwd: fromTarball },
  );
  assert.equal(JSON.parse(cjs.trim()).statusCode, 200);
});
