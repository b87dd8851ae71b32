/**
 * H2O Word2Vec MOJO (`algo = word2vec`, Word2VecMojoReader mojo_version 1.00): model.ini keys
 * vec_size, vocab_size; text `vocabulary` (one word per line, newline-escaped); blob `vectors` =
 * vocab_size × vec_size big-endian floats, in vocabulary order.
 *
 * The reference (EasyPredictModelWrapper.predictWord2Vec) embeds every string cell of the row,
 * whatever its column is called; the MOJO declares no columns. Our contract needs fixed inputs,
 * so each word column is a categorical input whose domain is the vocabulary (the row encoder
 * turns a word into its index, an unknown word into NaN) and yields one `vector` output of the
 * same name: the embedding, or null for a missing / unknown word.
 * Word columns: the MOJO's own [columns] if it lists any, else DEFAULT_WORD_COLUMNS (the names
 * h2o-genmodel's tests and our golden fixtures use); `bindInputs` rebinds to other names.
 */
import { MojoFormatError } from '../../errors.ts';
import type { MojoHeader } from '../../mojo/index.ts';
import { ByteReader, splitLines, unescapeNewlines } from '../../mojo/index.ts';
import { type AlgorithmReader, type InputColumn, type Model, ModelBase, type OutputColumn, type ReaderContext } from '../model.ts';

export const DEFAULT_WORD_COLUMNS: readonly string[] = ['word', 'word2'];

export class Word2VecModel extends ModelBase {
  override readonly inputs: readonly InputColumn[];
  override readonly outputs: readonly OutputColumn[];

  constructor(
    override readonly header: MojoHeader,
    readonly vocabulary: readonly string[],
    /** vocab_size × vecSize, the float values widened exactly. */
    private readonly vectors: Float32Array,
    readonly vecSize: number,
    readonly columns: readonly string[],
  ) {
    super();
    this.inputs = columns.map((name) => ({ name, domain: vocabulary }));
    this.outputs = columns.map((name) => ({ name, kind: 'vector' as const, size: vecSize }));
  }

  /** The same embeddings read from (and reported under) other word column names. */
  bindInputs(columns: readonly string[]): Word2VecModel {
    return new Word2VecModel(this.header, this.vocabulary, this.vectors, this.vecSize, [...new Set(columns)]);
  }

  protected override scoreRow(raw: Float64Array, out: Float64Array, _offset: number): void {
    const size = this.vecSize;
    const vec = this.vectors;
    const n = this.columns.length;
    for (let c = 0; c < n; c++) {
      const idx = raw[c];
      const o = c * size;
      if (idx !== idx) {
        for (let j = 0; j < size; j++) out[o + j] = NaN;
        continue;
      }
      const base = idx * size;
      for (let j = 0; j < size; j++) out[o + j] = vec[base + j];
    }
  }
}

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
