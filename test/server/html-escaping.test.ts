/**
 * Strings from a model file never reach served HTML unescaped (issue 18 #3): uuid, h2o version,
 * response column and algorithm name carrying a script break-out and every HTML metacharacter.
 */
import { expect, test } from 'bun:test';
import { decodeModelBytes } from '../../src/algos/index.ts';
import { fakeBinomial } from '../support/fake-model.ts';
import { writeGlmMojo } from '../support/mojo-writer/index.ts';
import { send, testApp } from '../support/test-app.ts';

const PAYLOAD = `</script><script>alert(1)</script>"'<b>&amp;`;

function hostileApp() {
  return testApp(
    {},
    fakeBinomial({
      uuid: `u${PAYLOAD}`,
      h2oVersion: `v${PAYLOAD}`,
      responseColumn: `r${PAYLOAD}`,
      algorithmName: `a${PAYLOAD}`,
      category: 'Binomial',
    }),
  );
}

/** The same strings read from a MOJO file: uuid, h2o_version and the response column in model.ini. */
function hostileMojoApp() {
  const bytes = writeGlmMojo({
    cats: [],
    nums: [{ name: `x${PAYLOAD}` }],
    response: { name: `r${PAYLOAD}` },
    family: 'gaussian',
    link: 'identity',
    beta: [2, 1],
    uuid: `u${PAYLOAD}`,
    h2oVersion: `v${PAYLOAD}`,
  });
  return testApp({}, decodeModelBytes(bytes));
}

/** Fails when any raw metacharacter of the payload survives into the HTML. */
function expectNoPayload(html: string) {
  expect(html).not.toContain('<script>alert(1)');
  expect(html).not.toContain('</script><script>');
  expect(html).not.toContain(`"'<b>`);
  expect(html).not.toContain('<b>');
  // The escaped form is there: the strings are shown, not dropped.
  expect(html).toContain('&#60;/script&#62;');
}

test('/swagger escapes every model string it shows', async () => {
  const r = await send(hostileApp(), 'GET', '/swagger');
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toContain('text/html');
  expectNoPayload(r.text);
  // Only the page's own two script elements.
  expect(r.text.match(/<script/g)?.length).toBe(2);
});

test('/swagger and / escape the strings of a model file', async () => {
  const app = hostileMojoApp();
  for (const path of ['/swagger', '/']) {
    const r = await send(app, 'GET', path);
    expect(r.status).toBe(200);
    expect(r.text).not.toContain('<script>alert(1)');
    expect(r.text).not.toContain('<b>');
  }
  // The strings did reach the page (escaped), so the test would see them raw.
  expect((await send(app, 'GET', '/swagger')).text).toContain('u&#60;/script&#62;');
});

test('the model page at / escapes the title built from the model', async () => {
  const r = await send(hostileApp(), 'GET', '/');
  expect(r.status).toBe(200);
  expectNoPayload(r.text);
  expect(r.text.match(/<script/g)?.length).toBe(1);
});

test('the OpenAPI document keeps the strings as they are (JSON, not HTML)', async () => {
  const r = await send(hostileApp(), 'GET', '/swagger/json');
  expect(r.status).toBe(200);
  expect(r.json().info.description).toContain(`u${PAYLOAD}`);
});
