/** H2O Word2Vec MOJO evaluator (word → embedding lookup). */
import { MojoFormatError } from '../../errors.ts';
import { ByteReader, splitLines, unescapeNewlines } from '../../mojo/index.ts';
import type { AlgorithmReader, Model, ReaderContext } from '../model.ts';
import { DEFAULT_WORD_COLUMNS, Word2VecModel } from './model.ts';

function read(ctx: ReaderContext): Model {
  const h = ctx.header;
  const info = h.info;
  const origin = ctx.source.origin;
  const vocabSize = info.int('vocab_size', -1);
  const vecSize = info.int('vec_size', -1);
  if (vocabSize < 0 || vecSize <= 0 || vecSize > 1 << 20)
    throw new MojoFormatError(`${origin}: bad vocab_size ${vocabSize} / vec_size ${vecSize}`);
  const blob = ctx.source.bytes('vectors');
  if (blob.length !== vocabSize * vecSize * 4)
    throw new MojoFormatError(`${origin}: vectors has ${blob.length} bytes, expected ${vocabSize * vecSize * 4}`);
  const words = splitLines(ctx.source.text('vocabulary')).map(unescapeNewlines);
  if (words.length !== vocabSize) throw new MojoFormatError(`${origin}: vocabulary has ${words.length} words, vocab_size is ${vocabSize}`);
  // The reference keys a HashMap by word and rejects the model when the count then differs.
  if (new Set(words).size !== words.length) throw new MojoFormatError(`${origin}: vocabulary has duplicate words`);
  const r = new ByteReader(blob, false, `${origin}: vectors`);
  const vectors = new Float32Array(vocabSize * vecSize);
  for (let i = 0; i < vectors.length; i++) vectors[i] = r.f32();
  const columns = h.columns.length > 0 ? h.columns.slice(0, Math.max(1, h.nfeatures)) : DEFAULT_WORD_COLUMNS;
  return new Word2VecModel(h, words, vectors, vecSize, columns);
}

export const word2vecReader: AlgorithmReader = { algos: ['word2vec'], maxMojoVersion: 1.0, read };

export { DEFAULT_WORD_COLUMNS, Word2VecModel } from './model.ts';
