/**
 * Swagger UI in a real browser (Debian's chromium via playwright-core): open /swagger, "Try it
 * out" on POST /invocations with the model's example row, and see a 200 with a prediction.
 */
import { expect, setDefaultTimeout, test } from 'bun:test';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, HAVE_CHROMIUM, warnNoChromium } from '../support/chromium.ts';
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
