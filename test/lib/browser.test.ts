/**
 * The library's browser build in a real page (Debian's chromium via playwright-core): load
 * MOJO bytes with `loadModel` and score the golden fixtures in the page, once with code
 * generation and once in a page whose CSP forbids eval (the interpreters take over).
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';
import { listFixtures, NO_FIXTURES_MESSAGE, readJsonl, type Fixture } from '../support/fixtures.ts';
import { compareRecords, fixtureRows, LIBRARY_FIXTURES, type Rec } from '../conformance/library-parity.ts';
import { CHROMIUM, CHROMIUM_ARGS, HAVE_CHROMIUM, warnNoChromium } from '../support/chromium.ts';

warnNoChromium('test/lib/browser.test.ts');
const fixtures = listFixtures().filter((f) => LIBRARY_FIXTURES.includes(f.name));
if (fixtures.length === 0) console.warn(`[skip] test/lib/browser.test.ts fixtures: ${NO_FIXTURES_MESSAGE}; only the demo model is scored`);

const STRICT_CSP = "default-src 'self'; script-src 'self'";
const html = (title: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title></head><body><script type="module" src="/run.js"></script></body></html>`;

/**
 * The page's own module script (so the CSP applies to it: code evaluated through the DevTools
 * protocol is exempt): probes eval, scores every job with the library, leaves the results on window.
 */
const RUN_JS = `
import { loadModel } from '/mojo-scorer.js';
let evalWorks;
try { evalWorks = new Function('return 1')() === 1; } catch { evalWorks = false; }
const jobs = await (await fetch('/jobs')).json();
const results = {};
try {
  for (const job of jobs) {
    const bytes = await (await fetch('/model/' + job.name)).arrayBuffer();
    const rows = await (await fetch('/rows/' + job.name)).json();
    const model = loadModel(bytes, { name: job.name });
    const r = { outputNames: [...model.outputNames], predictions: model.scoreMany(rows, { lenient: true }) };
    if (job.contributions) r.contributions = model.scoreMany(rows, { lenient: true, output: 'contributions' });
    results[job.name] = r;
  }
  window.libraryResults = { evalWorks, results };
} catch (e) {
  window.libraryResults = { evalWorks, error: String(e && e.stack || e) };
}
`;

/** A scoring job the page runs: model URL, rows URL, whether to ask for contributions. */
interface Job {
  name: string;
  contributions: boolean;
}
interface PageResult {
  outputNames: string[];
  predictions: Rec[];
  contributions?: Rec[];
}

/** The demo model's golden rows (recorded with h2o-genmodel) in fixture form. */
function demoCase() {
  const golden = readFileSync(join(import.meta.dir, '../demo/demo-gbm.h2o-genmodel.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .slice(1)
    .map((l) => JSON.parse(l) as { row: Record<string, string>; label: string; p: number[]; contributions: number[] });
  const fixture = { name: 'demo', quirkRows: new Set<number>(), meta: {}, extras: {} } as unknown as Fixture;
  return {
    fixture,
    rows: golden.map((g) => g.row),
    expected: golden.map((g, i) => ({ row: i, label: g.label, classProbabilities: g.p })),
    contributions: golden.map((g, i) => ({ row: i, contributions: g.contributions })),
  };
}

describe.skipIf(!HAVE_CHROMIUM)('library browser build in chromium', () => {
  let browser: Browser;
  let server: ReturnType<typeof Bun.serve>;
  const demo = demoCase();
  const models = new Map<string, string>([['demo', DEMO_MODEL_PATH], ...fixtures.map((f): [string, string] => [f.name, f.model])]);
  const rows = new Map<string, unknown[]>([['demo', demo.rows], ...fixtures.map((f): [string, unknown[]] => [f.name, fixtureRows(f)])]);
  const jobs: Job[] = [
    { name: 'demo', contributions: true },
    ...fixtures.map((f) => ({ name: f.name, contributions: 'contrib' in f.extras })),
  ];

  beforeAll(async () => {
    const built = await Bun.build({
      entrypoints: [join(import.meta.dir, '../../src/lib/index.ts')],
      target: 'browser',
      format: 'esm',
      minify: true,
    });
    if (!built.success) throw new Error(built.logs.map(String).join('\n'));
    const script = await built.outputs[0].text();
    server = Bun.serve({
      port: 0,
      hostname: '127.0.0.1',
      fetch(req) {
        const path = new URL(req.url).pathname;
        if (path === '/open.html') return new Response(html('open'), { headers: { 'content-type': 'text/html' } });
        if (path === '/strict.html')
          return new Response(html('strict'), { headers: { 'content-type': 'text/html', 'content-security-policy': STRICT_CSP } });
        if (path === '/mojo-scorer.js') return new Response(script, { headers: { 'content-type': 'text/javascript' } });
        if (path === '/run.js') return new Response(RUN_JS, { headers: { 'content-type': 'text/javascript' } });
        if (path === '/jobs') return Response.json(jobs);
        const m = /^\/(model|rows)\/([\w-]+)$/.exec(path);
        if (m?.[1] === 'model' && models.has(m[2])) return new Response(Bun.file(models.get(m[2])!));
        if (m?.[1] === 'rows' && rows.has(m[2])) return Response.json(rows.get(m[2]));
        return new Response('not found', { status: 404 });
      },
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    server?.stop(true);
  });

  for (const mode of ['open', 'strict'] as const) {
    test(`scores like h2o-genmodel (${mode === 'open' ? 'codegen on' : "CSP without 'unsafe-eval': interpreters"})`, async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        await page.goto(`http://127.0.0.1:${server.port}/${mode}.html`);
        await page.waitForFunction(() => 'libraryResults' in window, undefined, { timeout: 170_000 });
        const run = (await page.evaluate(() => (window as unknown as { libraryResults: unknown }).libraryResults)) as {
          evalWorks: boolean;
          results: Record<string, PageResult>;
          error?: string;
        };
        expect(run.error).toBeUndefined();
        expect(run.evalWorks).toBe(mode === 'open');
        const results = run.results;
        const d = results.demo;
        expect(compareRecords(demo.fixture, 'predict', demo.expected, d.predictions, d.outputNames)).toEqual([]);
        expect(compareRecords(demo.fixture, 'contrib', demo.contributions, d.contributions ?? [], d.outputNames)).toEqual([]);
        for (const f of fixtures) {
          const r = results[f.name];
          expect(compareRecords(f, 'predict', readJsonl(join(f.dir, 'expected.jsonl')), r.predictions, r.outputNames)).toEqual([]);
          if (r.contributions)
            expect(compareRecords(f, 'contrib', readJsonl(f.extras.contrib), r.contributions, r.outputNames)).toEqual([]);
        }
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    }, 180_000);
  }
});
