/** Public surface of the evaluators. */
export { loadModel, loadModelFromBytes, loadModelFromSource } from './load.ts';
export type { AlgorithmReader, ExtraOutput, InputColumn, Model, OutputColumn, ReaderContext } from './model.ts';
export { supportedAlgos } from './registry.ts';
