/**
 * What H2O's local REST scorer offers and this scorer does not, answered as H2O's runtimes
 * answer operations they leave out: GET /model/score?file= (a CSV on the server's disk) and
 * POST /model/media-score are 501 Not Implemented; a missing file is H2O's 400.
 */
import { expect, test } from 'bun:test';
import { tmpdir } from 'node:os';
import { buildMultiModelApp } from '../../../src/server/multi-model/app.ts';
import { silentLogger } from '../../../src/server/log.ts';
import { send, testApp } from '../../support/test-app.ts';

const app = testApp();

test('GET /model/score?file= is 501; without a file 400, in H2O’s detail shape', async () => {
  const r = await send(app, 'GET', '/model/score?file=/etc/passwd');
  expect(r.status).toBe(501);
  expect(r.json().detail).toStartWith('501 NOT_IMPLEMENTED "');
  expect(r.text).not.toContain('root:');
  for (const q of ['', '?file=']) {
    const missing = await send(app, 'GET', `/model/score${q}`);
    expect(missing.status).toBe(400);
    expect(missing.json().detail).toBe('400 BAD_REQUEST "Request is missing a valid CSV file path"');
  }
});

test('POST /model/media-score is 501', async () => {
  const r = await send(app, 'POST', '/model/media-score', 'x', { 'content-type': 'multipart/form-data; boundary=x' });
  expect(r.status).toBe(501);
  expect(r.json().detail).toStartWith('501 NOT_IMPLEMENTED');
});

test('multi-model: the same below /models/{name}, after the model is looked up (unknown name: 404)', async () => {
  const mme = buildMultiModelApp({ root: tmpdir(), memoryBudgetBytes: 1 << 30, evictLru: false }, { log: silentLogger }).app;
  const r = await mme.handle(new Request('http://localhost/models/nope/model/score?file=x'));
  expect(r.status).toBe(404);
  const m = await mme.handle(new Request('http://localhost/models/nope/model/media-score', { method: 'POST' }));
  expect(m.status).toBe(404);
});
