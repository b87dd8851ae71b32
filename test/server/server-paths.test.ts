/** Error bodies of the single-model server name no folder of the server (issue 18 #23). */
import { expect, test } from 'bun:test';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeModel } from '../../src/algos/index.ts';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';
import { hideServerPath, withoutServerPaths } from '../../src/server/server-paths.ts';
import { send, testApp } from '../support/test-app.ts';

test('/model.mojo failing at request time does not name where the model lives', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'private-model-folder-'));
  const path = join(folder, 'model.zip');
  copyFileSync(DEMO_MODEL_PATH, path);
  const app = testApp({ modelPath: path, serveModelFile: true }, decodeModel(path));
  // The artifact changes under the server: the page's copy of it can no longer be read.
  writeFileSync(path, 'not a zip any more');
  try {
    const r = await send(app, 'GET', '/model.mojo');
    expect(r.status).toBe(500);
    expect(r.json().error.code).toBe('MOJO_FORMAT');
    expect(r.text).not.toContain(folder);
    expect(r.text).not.toContain('private-model-folder-');
    expect(r.json().error.message).toStartWith('model.zip');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('withoutServerPaths: below a hidden folder is relative to it, the folder itself is its label', () => {
  // A folder outside every other test's (hidden folders are process-wide: /tmp may be one).
  const folder = `/mojo-scorer-test-hidden-${process.pid}`;
  hideServerPath(folder, '(model root)');
  expect(withoutServerPaths(`no MOJO in ${folder}/a/b, nor in ${folder}`)).toBe('no MOJO in a/b, nor in (model root)');
  expect(withoutServerPaths('/ping is not /hidden-x')).toBe('/ping is not /hidden-x');
  // A longer name that merely starts with the folder's is not the folder.
  expect(withoutServerPaths(`${folder}s and '${folder}'`)).toBe(`${folder}s and '(model root)'`);
});
