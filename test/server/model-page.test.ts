/**
 * The model page at `/` in a real browser (Debian's chromium via playwright-core), for the
 * demo model and one fixture per category: it describes the model, the form scores the
 * example row (and the server, via POST /invocations, returns the same record), tree models get
 * one contribution bar per feature, and nothing logs an error.
 * UPDATE_SCREENSHOT=1 rewrites docs/model-page.png from the demo model.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { decodeModel } from '../../src/algos/index.ts';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';
import { createApp } from '../../src/server/index.ts';
import { silentLogger } from '../../src/server/log.ts';
import { FIXTURES_DIR, HAVE_FIXTURES, NO_FIXTURES_MESSAGE } from '../support/fixtures.ts';
import { CHROMIUM, CHROMIUM_ARGS, HAVE_CHROMIUM, warnNoChromium } from '../support/chromium.ts';

warnNoChromium('test/server/model-page.test.ts');
if (!HAVE_FIXTURES) console.warn(`[skip] model page fixtures: ${NO_FIXTURES_MESSAGE}`);

/** One fixture per category (the demo model is the binomial case). */
const CASES: [string, string][] = [
  ['demo (binomial)', DEMO_MODEL_PATH],
  ...(
    [
      ['gbm_multinomial_from_se', 'multinomial'],
      ['drf_regression_from_se', 'regression'],
      ['kmeans', 'clustering'],
      ['isofor', 'anomaly'],
      ['sw_pca_prostate', 'dimensionality reduction'],
      ['word2vec_genmodel', 'word embedding'],
    ] as const
  )
    .map(([name, what]): [string, string] => [`${name} (${what})`, join(FIXTURES_DIR, name, 'model.zip')])
    .filter(([, path]) => HAVE_FIXTURES && existsSync(path)),
];

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

describe.skipIf(!HAVE_CHROMIUM)('model page in chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const [name, path] of CASES) {
    test(`${name}: describes the model, scores the form, charts contributions`, async () => {
      const model = decodeModel(path);
      // The file shared: the page scores in the browser and compares with the server.
      const app = createApp(model, { log: silentLogger, modelPath: path, serveModelFile: true });
      const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: (r) => app.handle(r) });
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        await page.goto(`http://127.0.0.1:${server.port}/`);
        await page.locator('#prediction').waitFor({ timeout: 30_000 });
        expect(await page.locator('#model').textContent()).toContain(model.header.category);
        expect(await page.locator('#inputs tbody tr').count()).toBe(model.inputs.length);
        expect(await page.locator('a[href="/swagger"]').count()).toBe(1);
        // Score again through the form: the result is rebuilt.
        await page.evaluate(() => document.getElementById('prediction')?.remove());
        await page.locator('#score').click();
        await page.locator('#prediction').waitFor();
        expect(await page.locator('#result .error').count()).toBe(0);
        // The server scores the same row into the same record.
        await page.locator('#server.same, #server.differs').waitFor({ timeout: 30_000 });
        expect(await page.locator('#server.same').count()).toBe(1);
        const first = model.outputs[0];
        if (first.kind === 'label') expect(await page.locator('#prediction .bar').count()).toBe(first.domain.length);
        if (model.explanations.contributions) expect(await page.locator('#contributions .bar').count()).toBe(model.inputs.length);
        else expect(await page.locator('#contributions').count()).toBe(0);
        const shot = await page.screenshot({ fullPage: true });
        expect([...shot.subarray(0, 4)]).toEqual(PNG_SIGNATURE);
        expect(shot.length).toBeGreaterThan(10_000);
        if (path === DEMO_MODEL_PATH && process.env.UPDATE_SCREENSHOT === '1')
          writeFileSync(
            new URL('../../docs/model-page.png', import.meta.url),
            await page.screenshot({ clip: { x: 0, y: 0, width: 1280, height: 780 } }),
          );
        expect(errors).toEqual([]);
      } finally {
        await page.close();
        await server.stop(true);
      }
    }, 90_000);
  }

  test('the model file not shared (the default): the page scores through POST /invocations', async () => {
    const model = decodeModel(DEMO_MODEL_PATH);
    const app = createApp(model, { log: silentLogger, modelPath: DEMO_MODEL_PATH });
    const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: (r) => app.handle(r) });
    const page = await browser.newPage();
    const errors: string[] = [];
    const asked: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    try {
      await page.goto(`http://127.0.0.1:${server.port}/`);
      await page.locator('#prediction').waitFor({ timeout: 30_000 });
      expect(await page.locator('#status').textContent()).toContain('scored by the server');
      expect(await page.locator('#inputs tbody tr').count()).toBe(model.inputs.length);
      expect(await page.locator('#contributions .bar').count()).toBe(model.inputs.length);
      // A level chosen in the form reaches the server: the shown label is the server's answer for that row.
      await page.evaluate(() => document.getElementById('prediction')?.remove());
      await page.locator('#score').click();
      await page.locator('#prediction').waitFor();
      expect(await page.locator('#result .error').count()).toBe(0);
      expect(await page.locator('#server').count()).toBe(0);
      expect(asked).toContain('/invocations');
      expect(asked).not.toContain('/model.mojo');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await server.stop(true);
    }
  }, 90_000);

  test('a MOJO chosen on the page is loaded and scored in the browser only', async () => {
    const app = createApp(decodeModel(DEMO_MODEL_PATH), { log: silentLogger });
    const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: (r) => app.handle(r) });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(`http://127.0.0.1:${server.port}/`);
      // Without a model path the page has nothing to fetch until a file is chosen.
      expect(await page.locator('body[data-model]').count()).toBe(0);
      await page.locator('#file').setInputFiles(DEMO_MODEL_PATH);
      await page.locator('#prediction').waitFor({ timeout: 30_000 });
      expect(await page.locator('#status').textContent()).toContain('demo-gbm.zip');
      expect(await page.locator('#contributions .bar').count()).toBe(5);
      expect(await page.locator('#server').count()).toBe(0);
      await page.locator('#file').setInputFiles({ name: 'broken.zip', mimeType: 'application/zip', buffer: Buffer.from('PK not a zip') });
      await page.locator('#status', { hasText: 'MOJO_FORMAT' }).waitFor({ timeout: 30_000 });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await server.stop(true);
    }
  }, 90_000);
});
