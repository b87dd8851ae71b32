/** H2O K-means MOJO evaluator. */
export { kmeansReader } from './reader.ts';
