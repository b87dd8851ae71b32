/** The library's public API (src/lib): loading, describing, scoring paths, and its error codes. */
import { describe, expect, test } from 'bun:test';
import { gzipSync } from 'fflate';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';
import { loadModel, type MojoModel, ScorerError } from '../../src/lib/index.ts';
import { loadModelFile } from '../../src/lib/node.ts';
import { FIXTURES_DIR } from '../support/fixtures.ts';
import { makeTar } from '../support/tar.ts';

const demoBytes = new Uint8Array(readFileSync(DEMO_MODEL_PATH));
const demo = loadModel(demoBytes, { name: 'demo.zip' });
const ROW = { tenure_months: 3, monthly_charges: '89.5', support_calls: 4, plan: 'premium', region: 'west' };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScorerError) return e.code;
    throw e;
  }
  return undefined;
}

describe('loadModel', () => {
  test('accepts a Uint8Array, an ArrayBuffer, a typed-array view, a model.tar.gz and a path', () => {
    const expected = demo.score(ROW);
    const buffer = demoBytes.buffer.slice(demoBytes.byteOffset, demoBytes.byteOffset + demoBytes.byteLength);
    const padded = new Uint8Array(demoBytes.length + 8);
    padded.set(demoBytes, 8);
    const tgz = gzipSync(makeTar([{ name: 'model.zip', data: demoBytes }]));
    const models: MojoModel[] = [
      loadModel(buffer),
      loadModel(new DataView(padded.buffer, 8, demoBytes.length)),
      loadModel(tgz),
      loadModelFile(DEMO_MODEL_PATH),
    ];
    for (const m of models) expect(m.score(ROW)).toEqual(expected);
  });

  test('bad bytes are MOJO_FORMAT, a missing path MOJO_NOT_FOUND, a non-buffer BAD_REQUEST', () => {
    expect(codeOf(() => loadModel(new Uint8Array([1, 2, 3])))).toBe('MOJO_FORMAT');
    expect(codeOf(() => loadModel(demoBytes.subarray(0, 200)))).toBe('MOJO_FORMAT');
    expect(codeOf(() => loadModelFile(join(FIXTURES_DIR, 'no-such-model.zip')))).toBe('MOJO_NOT_FOUND');
    expect(codeOf(() => loadModel('model.zip' as unknown as Uint8Array))).toBe('BAD_REQUEST');
  });
});

describe('describe', () => {
  test('algorithm, category, inputs with levels, outputs, explanations, metadata', () => {
    const d = demo.describe();
    expect(d).toMatchObject({ algorithm: 'gbm', category: 'Binomial', response: 'churned' });
    expect(d.inputs.find((c) => c.name === 'plan')).toEqual({
      name: 'plan',
      type: 'categorical',
      levels: ['basic', 'premium', 'standard'],
    });
    expect(d.inputs.find((c) => c.name === 'tenure_months')).toEqual({ name: 'tenure_months', type: 'numeric' });
    expect(d.outputs.map((o) => o.name)).toEqual(['predict', 'no', 'yes']);
    expect(d.explanations).toContain('contributions');
    expect(d.metadata.algo).toBe('gbm');
    expect(d.variableImportances).toBeUndefined();
  });

  const vi = join(FIXTURES_DIR, 'gbm_variable_importance', 'model.zip');
  test.skipIf(!existsSync(vi))('variable importances from experimental/modelDetails.json', () => {
    const imp = loadModelFile(vi).describe().variableImportances ?? [];
    expect(imp.map((v) => v.variable)).toEqual(['GLEASON', 'PSA', 'VOL', 'AGE', 'DPROS', 'RACE', 'DCAPS']);
    expect(imp[0].scaledImportance).toBe(1);
    expect(imp.reduce((s, v) => s + v.percentage, 0)).toBeCloseTo(1, 9);
  });
});

describe('scoring', () => {
  test('score, scoreMany and scoreEncoded agree', () => {
    const rec = demo.score(ROW);
    expect(demo.scoreMany([ROW, ROW])).toEqual([rec, rec]);
    const w = demo.inputNames.length;
    const raw = new Float64Array(2 * w);
    demo.encode(ROW, raw.subarray(0, w));
    demo.encode({}, raw.subarray(w));
    const out = demo.scoreEncoded(raw);
    expect(out.length).toBe(2 * demo.outputWidth);
    expect(demo.record(out.subarray(0, demo.outputWidth))).toEqual(rec);
    expect(demo.record(out.subarray(demo.outputWidth))).toEqual(demo.score({}));
  });

  test('strict mode refuses unparsable numbers (INVALID_VALUE), lenient makes them missing', () => {
    expect(codeOf(() => demo.score({ ...ROW, tenure_months: 'abc' }))).toBe('INVALID_VALUE');
    expect(demo.score({ ...ROW, tenure_months: 'abc' }, { lenient: true })).toEqual(demo.score({ ...ROW, tenure_months: null }));
  });

  test('explanations: contributions sum to the margin, leaf paths are strings, unknown ones are BAD_REQUEST', () => {
    const c = demo.score(ROW, { output: 'contributions' }) as Record<string, number>;
    expect(Object.keys(c)).toEqual([...demo.inputNames, 'BiasTerm']);
    const p = demo.score(ROW).yes as number;
    const margin = Object.values(c).reduce((s, v) => s + v, 0);
    expect(1 / (1 + Math.exp(-margin))).toBeCloseTo(p, 6);
    for (const v of Object.values(demo.score(ROW, { output: 'leaf' }))) expect(v).toMatch(/^[LR]+$/);
    expect(codeOf(() => demo.score(ROW, { output: 'klime' }))).toBe('BAD_REQUEST');
  });

  test('wrong shapes are BAD_REQUEST', () => {
    expect(codeOf(() => demo.score([1, 2] as unknown as Record<string, unknown>))).toBe('BAD_REQUEST');
    expect(codeOf(() => demo.encode(ROW, new Float64Array(1)))).toBe('BAD_REQUEST');
    expect(codeOf(() => demo.scoreEncoded(new Float64Array(demo.inputNames.length + 1)))).toBe('BAD_REQUEST');
    expect(codeOf(() => demo.scoreEncoded(new Float64Array(demo.inputNames.length), new Float64Array(1)))).toBe('BAD_REQUEST');
  });

  const dl = join(FIXTURES_DIR, 'sw_deep_learning_prostate', 'model.zip');
  test.skipIf(!existsSync(dl))('a row the model cannot score: ROW_ERROR from score, {error} in scoreMany', () => {
    const m = loadModelFile(dl);
    const bad = Object.fromEntries(m.inputNames.map((n) => [n, 1e308]));
    expect(codeOf(() => m.score(bad))).toBe('ROW_ERROR');
    const [ok, err] = m.scoreMany([{}, bad]);
    expect('error' in ok).toBe(false);
    expect(err).toEqual({ error: expect.stringContaining('NaN') });
  });

  const w2v = join(FIXTURES_DIR, 'word2vec_genmodel', 'model.zip');
  test.skipIf(!existsSync(w2v))('Word2Vec embeds whatever columns a row has', () => {
    const m = loadModelFile(w2v);
    const rec = m.score({ title: 'zzz_unknown_word', body: 'a' });
    expect(Object.keys(rec)).toEqual(['title', 'body']);
    expect(rec.title).toBeNull();
  });
});
