/**
 * The multi-model endpoint answers a client's mistakes with a 4xx and a clear message, never a
 * 500 (issue 18 #11, #19); its error bodies name no path of the server (#23); failed loads do
 * not grow /metrics (#13).
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../src/server/log.ts';
import { buildMultiModelApp } from '../../../src/server/multi-model/index.ts';
import { writeGlmMojo } from '../../support/mojo-writer/index.ts';
import { lineGlm } from '../../support/price-glm.ts';
import { putFile } from '../../support/put-file.ts';

const glm = lineGlm();

let base: string;
let root: string;
/** A FIFO could be made here (mkfifo exists). */
let haveFifo = false;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'mojo-mme-mistakes-'));
  root = join(base, 'secret-models-root');
  mkdirSync(join(root, 'empty/model'), { recursive: true });
  putFile(join(root, 'two/model/a.zip'), writeGlmMojo(glm));
  putFile(join(root, 'two/model/b.zip'), writeGlmMojo(glm));
  putFile(join(root, 'glm/model/model.zip'), writeGlmMojo(glm));
  const corrupt = writeGlmMojo(glm);
  corrupt.fill(0x55, 40);
  putFile(join(root, 'corrupt/model/model.zip'), corrupt);
  putFile(join(root, 'garbage/model/model.zip'), 'not a zip at all');
  putFile(join(base, 'outside.txt'), 'x');
  mkdirSync(join(root, 'linky/model'), { recursive: true });
  symlinkSync(join(base, 'outside.txt'), join(root, 'linky/model/model.zip'));
  mkdirSync(join(root, 'fifo'), { recursive: true });
  haveFifo = Bun.spawnSync(['mkfifo', join(root, 'fifo/model.zip')]).exitCode === 0;
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

function mme() {
  return buildMultiModelApp({ root, memoryBudgetBytes: 1 << 30, evictLru: false }, { log: silentLogger }).app;
}

async function call(app: ReturnType<typeof mme>, method: string, path: string, body?: unknown) {
  const init: RequestInit = { method, headers: { 'content-type': 'application/json' } };
  if (body !== undefined) init.body = JSON.stringify(body);
  const res = await app.handle(new Request(`http://localhost${path}`, init));
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) };
}
const load = (app: ReturnType<typeof mme>, name: string, url: string) => call(app, 'POST', '/models', { model_name: name, url });

describe('client mistakes are 4xx (issue 18 #11)', () => {
  test('an empty folder: 404 MODEL_URL_NOT_FOUND saying no MOJO is there', async () => {
    for (const url of ['empty/model', join(root, 'empty/model')]) {
      const r = await load(mme(), 'x', url);
      expect(r.status).toBe(404);
      expect(r.json().error.code).toBe('MODEL_URL_NOT_FOUND');
      expect(r.json().error.message).toContain('no MOJO in this folder');
    }
  });

  test('a folder with two MOJOs: 400 BAD_REQUEST naming both', async () => {
    const r = await load(mme(), 'x', 'two/model');
    expect(r.status).toBe(400);
    expect(r.json().error.code).toBe('BAD_REQUEST');
    expect(r.json().error.message).toBe("several MOJOs found in 'two/model': a.zip, b.zip; the url must name one of them");
  });

  test('a FIFO as the url: 404 at once (never read)', async () => {
    if (!haveFifo) {
      console.warn('[skip] FIFO case: mkfifo is not available');
      return;
    }
    const app = mme();
    for (const url of ['fifo/model.zip', 'fifo']) {
      const r = await load(app, `f${url.length}`, url);
      expect(`${url} ${r.status}`).toBe(`${url} 404`);
      expect(r.json().error.code).toBe('MODEL_URL_NOT_FOUND');
    }
    expect((await load(app, 'fifo-file', 'fifo/model.zip')).json().error.message).toContain('not a file or a folder');
  });

  test("the names '.' and '..' are refused: 400 (issue 18 #19)", async () => {
    const app = mme();
    for (const name of ['.', '..']) {
      const r = await load(app, name, 'glm/model');
      expect(`${name} ${r.status}`).toBe(`${name} 400`);
      expect(r.json().error.code).toBe('BAD_REQUEST');
      expect(r.json().error.message).toContain("not '.' or '..'");
    }
    // Names that merely contain dots are fine.
    expect((await load(app, '...', 'glm/model')).status).toBe(200);
    expect((await load(app, 'a.b', 'glm/model')).status).toBe(200);
    expect((await call(app, 'GET', '/models/a.b')).status).toBe(200);
    expect((await call(app, 'GET', '/models')).json().models.map((m: { modelName: string }) => m.modelName)).toEqual(['...', 'a.b']);
  });
});

describe('error bodies name no server path (issue 18 #23)', () => {
  const cases: [string, string, number][] = [
    ['empty/model', 'MODEL_URL_NOT_FOUND', 404],
    ['two/model', 'BAD_REQUEST', 400],
    ['linky/model', 'MODEL_PATH_FORBIDDEN', 403],
    ['../outside.txt', 'MODEL_PATH_FORBIDDEN', 403],
    ['corrupt/model', 'MOJO_FORMAT', 500],
    ['garbage/model', 'MOJO_FORMAT', 500],
    ['nothing/here', 'MODEL_URL_NOT_FOUND', 404],
  ];
  for (const [url, code, status] of cases) {
    test(`${url}: ${status} ${code}, relative to the root, absolute url or not`, async () => {
      for (const sent of [url, join(root, url)]) {
        const r = await load(mme(), 'x', sent);
        expect(`${sent} ${r.status} ${r.json().error.code}`).toBe(`${sent} ${status} ${code}`);
        // An absolute url the client sent outside the root may come back as sent; the root never does.
        expect(r.text).not.toContain('secret-models-root');
        if (sent === url) expect(r.text).not.toContain(tmpdir());
      }
    });
  }

  test('a root that does not exist is not named either', async () => {
    const app = buildMultiModelApp(
      { root: join(base, 'no-such-root'), memoryBudgetBytes: 1 << 30, evictLru: false },
      { log: silentLogger },
    ).app;
    const r = await load(app, 'x', 'glm/model');
    expect(r.status).toBe(404);
    expect(r.text).not.toContain(base);
    expect(r.json().error.message).toContain('model root (MULTI_MODEL_ROOT) does not exist');
  });
});

test('failed loads of ever new names do not grow /metrics (issue 18 #13)', async () => {
  const app = mme();
  await load(app, 'first-failure', 'nothing/here');
  const before = (await call(app, 'GET', '/metrics')).text;
  for (let i = 0; i < 50; i++) await load(app, `failure-${i}-${'n'.repeat(200)}`, i % 2 ? 'nothing/here' : 'corrupt/model');
  const after = (await call(app, 'GET', '/metrics')).text;
  expect(after).not.toContain('failure-');
  expect(after).toContain('mojo_model_load_seconds_count{model="",outcome="error"} 51');
  // Same series, only counts changed: the same number of lines.
  expect(after.split('\n').length).toBe(before.split('\n').length);
  // Loaded then unloaded models leave nothing behind either.
  for (let i = 0; i < 5; i++) {
    expect((await load(app, `m${i}`, 'glm/model')).status).toBe(200);
    expect((await call(app, 'DELETE', `/models/m${i}`)).status).toBe(200);
  }
  const unloaded = (await call(app, 'GET', '/metrics')).text;
  expect(unloaded).not.toMatch(/model="m\d"/);
});
