/** H2O PCA MOJO evaluator. */
export { pcaReader } from './reader.ts';
