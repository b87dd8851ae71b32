/** Sparkling Water SVM MOJO evaluator (the linear `svm`; h2o-genmodel has no PSVM MOJO reader). */
export { svmReader } from './reader.ts';
