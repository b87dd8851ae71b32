import { describe, expect, test } from 'bun:test';
import { decodeModelBytes } from '../../src/algos/index.ts';
import type { Word2VecModel } from '../../src/algos/word2vec/index.ts';
import type { ScorerError } from '../../src/errors.ts';
import { RowEncoder } from '../../src/scoring/row-encoder.ts';
import { baseInfo, writeDenseMojo } from '../support/dense-mojo.ts';
import { beFloats } from '../support/mojo-writer/bytes.ts';

const mojo = (vectors = beFloats([1, 0.1, 0, 0.2])) =>
  writeDenseMojo({
    info: baseInfo('word2vec', 'Word2Vec', 'WordEmbedding', { supervised: false, n_features: 0, n_classes: 1, vec_size: 2, vocab_size: 2 }),
    columns: [],
    files: { vocabulary: 'hello\nworld\n', vectors },
  });

describe('word2vec', () => {
  test('one vector output per word column; unknown / missing word → null (NaN first slot)', () => {
    const m = decodeModelBytes(mojo());
    expect(m.outputs).toEqual([
      { name: 'word', kind: 'vector', size: 2 },
      { name: 'word2', kind: 'vector', size: 2 },
    ]);
    const enc = new RowEncoder(m);
    const raw = new Float64Array(2);
    enc.encodeObject({ word: 'world', word2: 'nope' }, raw, true);
    const out = new Float64Array(4);
    m.score(raw, out, 0);
    expect(out[0]).toBe(0);
    expect(out[1]).toBe(Math.fround(0.2));
    expect(out[2]).toBeNaN();
  });
  test('bindInputs renames the word columns', () => {
    const m = (decodeModelBytes(mojo()) as Word2VecModel).bindInputs(['text']);
    expect(m.inputs.map((c) => c.name)).toEqual(['text']);
    const out = new Float64Array(2);
    m.score(Float64Array.from([0]), out, 0);
    expect([...out]).toEqual([1, Math.fround(0.1)]);
  });
  test('corrupt: vectors blob of the wrong size', () => {
    try {
      decodeModelBytes(mojo(beFloats([1, 2, 3])));
      throw new Error('loaded');
    } catch (e) {
      expect((e as ScorerError).code).toBe('MOJO_FORMAT');
    }
  });
});
