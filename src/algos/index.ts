/** Public surface of the evaluators. */
export { decodeModel, decodeModelBytes, decodeModelSource } from './load.ts';
export type { AlgorithmReader, ExtraOutput, InputColumn, Model, OutputColumn, ReaderContext } from './model.ts';
export { supportedAlgos } from './registry.ts';
export { explanation } from './explanation.ts';
export { ALLOW_UNVERIFIED_ENV, loadNotices, unverifiedOperations } from './mojo2/index.ts';
/** For code generated outside the evaluators (the output record): the same switch and literals. */
export { codegenDisabled, compileOrInterpret, indexLit } from './common/index.ts';
/** For the server's start-up trace: time spent generating code so far. */
export { codegenMilliseconds } from './common/index.ts';
