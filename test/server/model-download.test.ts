/**
 * GET /model.mojo serves the served model's own zip file, as is, streamed from disk; a model
 * loaded from a folder or a model.tar.gz has no such file and is refused in one line, and the
 * page does not offer it (issue 18 #8: no inflating and re-zipping on the request thread).
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { gzipSync, unzipSync } from 'fflate';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeModel } from '../../src/algos/index.ts';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';
import { makeTar } from '../support/tar.ts';
import { send, testApp } from '../support/test-app.ts';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mojo-download-'));
  const files = unzipSync(new Uint8Array(readFileSync(DEMO_MODEL_PATH)));
  const entries = Object.entries(files).filter(([k]) => !k.endsWith('/'));
  for (const [name, data] of entries) {
    mkdirSync(join(dir, 'folder', name, '..'), { recursive: true });
    writeFileSync(join(dir, 'folder', name), data);
  }
  writeFileSync(join(dir, 'model.tar.gz'), gzipSync(makeTar(entries.map(([name, data]) => ({ name, data })))));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('GET /model.mojo', () => {
  test('off by default: no /model.mojo, and the page embeds the description to score through the server', async () => {
    const model = decodeModel(DEMO_MODEL_PATH);
    const app = testApp({ modelPath: DEMO_MODEL_PATH }, model);
    expect((await send(app, 'GET', '/model.mojo')).status).toBe(404);
    const page = (await send(app, 'GET', '/')).text;
    expect(page).not.toContain('data-model');
    const embedded = /<script id="model-description" type="application\/json">(.*?)<\/script>/s.exec(page);
    expect(embedded).not.toBeNull();
    const d = JSON.parse(embedded?.[1] ?? '');
    expect(d.inputs.map((c: { name: string }) => c.name)).toEqual(model.inputs.map((c) => c.name));
    expect(d.algorithm).toBe(model.header.algo);
  });

  test('SERVE_MODEL_FILE: a zip model is served byte for byte as its file, and the page offers it', async () => {
    const app = testApp({ modelPath: DEMO_MODEL_PATH, serveModelFile: true });
    const res = await app.handle(new Request('http://localhost/model.mojo'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array(readFileSync(DEMO_MODEL_PATH)));
    expect((await send(app, 'GET', '/')).text).toContain('data-model="/model.mojo"');
  });

  test('a folder or a model.tar.gz has no original file: refused in one line naming no path, not offered', async () => {
    for (const path of [join(dir, 'folder'), join(dir, 'model.tar.gz')]) {
      const app = testApp({ modelPath: path, serveModelFile: true });
      const r = await send(app, 'GET', '/model.mojo');
      expect(r.status).toBe(500);
      expect(r.json().error.code).toBe('MOJO_NOT_FOUND');
      expect(r.json().error.message).toContain('no single .zip/.mojo file');
      expect(r.text).not.toContain(dir);
      expect((await send(app, 'GET', '/')).text).not.toContain('data-model');
    }
  });
});
