/**
 * Swagger UI in a real browser (Debian's chromium via playwright-core): open /swagger, "Try it
 * out" on POST /invocations with the model's example row, and see a 200 with a prediction; the
 * trailing-slash URL, level dropdowns and contributions through the documented option.
 */
import { expect, setDefaultTimeout, test } from 'bun:test';
import { chromium } from 'playwright-core';
import { decodeModel } from '../../src/algos/index.ts';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';
import { CHROMIUM, CHROMIUM_ARGS, HAVE_CHROMIUM, warnNoChromium } from '../support/chromium.ts';
import { fakeBinomial } from '../support/fake-model.ts';
import { testApp } from '../support/test-app.ts';

// Chromium's start-up alone can take seconds on a busy machine.
setDefaultTimeout(30_000);
warnNoChromium('test/server/swagger-ui.test.ts');

test.skipIf(!HAVE_CHROMIUM)(
  'Swagger UI: Try it out on POST /invocations returns a prediction',
  async () => {
    const app = testApp();
    const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: (r) => app.handle(r) });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${server.port}/swagger`);
      const op = page.locator('#operations-scoring-postInvocations');
      await op.locator('.opblock-summary').click();
      await op.getByRole('button', { name: 'Try it out' }).click();
      await expect(op.locator('textarea.body-param__text').inputValue()).resolves.toContain('"color": "red"');
      await op.getByRole('button', { name: 'Execute' }).click();
      const status = op.locator('.live-responses-table .response .response-col_status').first();
      await status.waitFor();
      expect((await status.textContent())?.trim()).toBe('200');
      const body = await op.locator('.live-responses-table .response-col_description pre').first().textContent();
      expect(JSON.parse(body ?? '')).toEqual({ predict: 'yes', no: 0.5, yes: 0.5 });
    } finally {
      await browser.close();
      await server.stop(true);
    }
  },
  30_000,
);

test.skipIf(!HAVE_CHROMIUM)(
  'Swagger UI: /swagger/ loads, levels are a dropdown, and Try it out can ask for contributions',
  async () => {
    const app = testApp({}, decodeModel(DEMO_MODEL_PATH));
    const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: (r) => app.handle(r) });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const errors: string[] = [];
    try {
      const base = `http://127.0.0.1:${server.port}`;
      expect((await fetch(`${base}/favicon.ico`)).status).toBe(200);
      const page = await browser.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      // The trailing-slash form finds its document too.
      await page.goto(`${base}/swagger/`);
      const pp = page.locator('#operations-scoring-getPredict_parameters');
      await pp.locator('.opblock-summary').click();
      await pp.getByRole('button', { name: 'Try it out' }).click();
      // A categorical column is a dropdown of its levels.
      const plan = pp.locator('tr[data-param-name="plan"] select');
      await plan.waitFor();
      const options = await plan.locator('option').allTextContents();
      for (const level of ['basic', 'premium', 'standard']) expect(options).toContain(level);
      // Contributions through the documented query parameter.
      const inv = page.locator('#operations-scoring-postInvocations');
      await inv.locator('.opblock-summary').click();
      await inv.getByRole('button', { name: 'Try it out' }).click();
      await inv.locator('tr[data-param-name="contributions"] select').selectOption('true');
      await inv.getByRole('button', { name: 'Execute' }).click();
      const status = inv.locator('.live-responses-table .response .response-col_status').first();
      await status.waitFor();
      expect((await status.textContent())?.trim()).toBe('200');
      const body = JSON.parse((await inv.locator('.live-responses-table .response-col_description pre').first().textContent()) ?? '');
      expect(Object.keys(body)).toContain('BiasTerm');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      await server.stop(true);
    }
  },
  30_000,
);

test.skipIf(!HAVE_CHROMIUM)(
  'Swagger UI: script in the model strings does not run (uuid, h2o version, response column, algorithm)',
  async () => {
    const payload = `</script><script>window.pwned=1</script>"'<img src=x onerror="window.pwned=1">&`;
    const app = testApp({}, fakeBinomial({ uuid: payload, h2oVersion: payload, responseColumn: payload, algorithmName: payload }));
    const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: (r) => app.handle(r) });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(`http://127.0.0.1:${server.port}/swagger`);
      // The UI rendered its operations from the document (so the description was shown too).
      await page.locator('#operations-scoring-postInvocations').waitFor();
      expect(await page.title()).toContain(payload.slice(0, 20));
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
      expect(dialogs).toEqual([]);
    } finally {
      await browser.close();
      await server.stop(true);
    }
  },
  30_000,
);
