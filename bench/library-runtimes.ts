/**
 * `bun bench/library-runtimes.ts [fixture] [--quick]`: the library's browser build scoring one
 * fixture (default jmh_gbm_prostate) under Bun, Node and chromium — rows/s through the public
 * API (row objects → records, and pre-encoded rows), medians of 5 windows. Also prints the
 * browser bundle's size, raw and gzipped. Needs ../shared/fixtures; chromium is optional.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { listFixtures } from '../test/conformance/fixtures.ts';
import { fixtureRows } from '../test/conformance/library-parity.ts';
import { CHROMIUM, CHROMIUM_ARGS, HAVE_CHROMIUM } from '../test/support/chromium.ts';
import { measure } from './library-measure.mjs';

const name = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'jmh_gbm_prostate';
const seconds = process.argv.includes('--quick') ? 0.3 : 1;
const fixture = listFixtures().find((f) => f.name === name);
if (!fixture) {
  console.error(`fixture ${name} not found (needs ../shared/fixtures beside the project)`);
  process.exit(1);
}
const out = join(import.meta.dir, 'out');
mkdirSync(out, { recursive: true });
const built = await Bun.build({
  entrypoints: [join(import.meta.dir, '../src/lib/index.ts')],
  target: 'browser',
  format: 'esm',
  minify: true,
});
if (!built.success) throw new Error(built.logs.map(String).join('\n'));
const script = await built.outputs[0].text();
const bundle = join(out, 'mojo-scorer.js');
writeFileSync(bundle, script);
const rows = fixtureRows(fixture);
const rowsFile = join(out, `${name}.rows.json`);
writeFileSync(rowsFile, JSON.stringify(rows));
const bytes = new Uint8Array(readFileSync(fixture.model));

const results: Record<string, { records: number; encoded: number }> = {};
results.bun = measure(await import(bundle), bytes, rows, seconds);
const node = Bun.spawnSync(['node', join(import.meta.dir, 'library-node.mjs'), bundle, fixture.model, rowsFile, String(seconds)]);
if (node.exitCode === 0) results.node = JSON.parse(node.stdout.toString());
else console.error(`node failed: ${node.stderr.toString()}`);

if (HAVE_CHROMIUM && existsSync(CHROMIUM)) {
  const measureJs = readFileSync(join(import.meta.dir, 'library-measure.mjs'), 'utf8');
  const page = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module">
import * as lib from '/mojo-scorer.js'; import { measure } from '/measure.js';
const bytes = await (await fetch('/model')).arrayBuffer(); const rows = await (await fetch('/rows')).json();
window.benchResult = measure(lib, bytes, rows, ${seconds});</script>`;
  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch(req) {
      const p = new URL(req.url).pathname;
      const js = { headers: { 'content-type': 'text/javascript' } };
      if (p === '/') return new Response(page, { headers: { 'content-type': 'text/html' } });
      if (p === '/mojo-scorer.js') return new Response(script, js);
      if (p === '/measure.js') return new Response(measureJs, js);
      if (p === '/model') return new Response(bytes);
      if (p === '/rows') return Response.json(rows);
      return new Response('not found', { status: 404 });
    },
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const tab = await browser.newPage();
    await tab.goto(`http://127.0.0.1:${server.port}/`);
    await tab.waitForFunction(() => 'benchResult' in window, undefined, { timeout: 120_000 });
    results.chromium = (await tab.evaluate(() => (window as unknown as { benchResult: unknown }).benchResult)) as (typeof results)['bun'];
  } finally {
    await browser.close();
    server.stop(true);
  }
} else console.error(`chromium skipped: ${CHROMIUM} is absent`);

const n = (x: number) => Math.round(x).toLocaleString('en-US');
console.log(`### Library, ${name} (${rows.length} rows), rows/s (median of 5)\n`);
console.log('| runtime | row objects → records | pre-encoded rows |\n|---|---:|---:|');
for (const [runtime, r] of Object.entries(results)) console.log(`| ${runtime} | ${n(r.records)} | ${n(r.encoded)} |`);
console.log(`\nbrowser bundle: ${n(script.length)} bytes, ${n(gzipSync(script).length)} gzipped`);
