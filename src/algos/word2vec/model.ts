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
import type { MojoHeader } from '../../mojo/index.ts';
import { type InputColumn, ModelBase, type OutputColumn } from '../model.ts';

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
