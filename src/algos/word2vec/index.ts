/** H2O Word2Vec MOJO evaluator (word → embedding lookup). */
export { DEFAULT_WORD_COLUMNS, word2vecReader, Word2VecModel } from './reader.ts';
