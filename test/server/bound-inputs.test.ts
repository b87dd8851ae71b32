/** Models that read whichever columns a request sends (Word2Vec): bound per request shape. */
import { describe, expect, test } from 'bun:test';
import { decodeModelBytes } from '../../src/algos/index.ts';
import { baseInfo, writeDenseMojo } from '../support/dense-mojo.ts';
import { beFloats } from '../support/mojo-writer/bytes.ts';
import { CSV_CT, JSON_CT, post, send, testApp } from '../support/test-app.ts';

const word2vec = decodeModelBytes(
  writeDenseMojo({
    info: baseInfo('word2vec', 'Word2Vec', 'WordEmbedding', { supervised: false, n_features: 0, n_classes: 1, vec_size: 2, vocab_size: 2 }),
    columns: [],
    files: { vocabulary: 'hello\nworld\n', vectors: beFloats([1, 0.1, 0, 0.2]) },
  }),
);
const HELLO = [1, Math.fround(0.1)];
const WORLD = [0, Math.fround(0.2)];

describe('Word2Vec over HTTP: the request names the word columns', () => {
  const app = testApp({}, word2vec);
  test('one JSON object with its own column names', async () => {
    const r = await post(app, JSON.stringify({ text: 'world', other: 'nope' }), JSON_CT);
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ text: WORLD, other: null });
    expect(r.headers.get('x-ignored-columns')).toBeNull();
  });
  test('a JSON array whose rows differ in keys: the union, missing → null', async () => {
    const r = await post(app, JSON.stringify([{ a: 'hello' }, { b: 'world' }]), JSON_CT);
    expect(r.json()).toEqual([
      { a: HELLO, b: null },
      { a: null, b: WORLD },
    ]);
  });
  test('CSV with a header', async () => {
    const r = await post(app, 'q,r\nhello,world\n', CSV_CT);
    expect(r.status).toBe(200);
    expect(r.text.trim().split('\n')[0]).toBe('q.0,q.1,r.0,r.1,error');
  });
  test('query string (control parameters are not word columns)', async () => {
    const r = await send(app, 'GET', '/predict_parameters?w=hello&lenient=true');
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ w: HELLO });
  });
  test('repeated shapes reuse the binding and keep answering the same', async () => {
    for (let i = 0; i < 3; i++) expect((await post(app, JSON.stringify({ text: 'hello' }), JSON_CT)).json()).toEqual({ text: HELLO });
  });
});
