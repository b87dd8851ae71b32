/**
 * mojo-scorer as a library: score H2O-3 MOJO models anywhere JavaScript runs. Runtime-neutral
 * (no Node or Bun API); `mojo-scorer/node` adds loading from a path. See docs/library.md.
 */
export { loadModel, type LoadOptions } from './load.ts';
export { MojoModel, type OutputRecord, type RowResult, type ScoreOptions } from './model.ts';
export type { InputDescription, ModelDescription, OutputDescription, VariableImportance } from './describe.ts';
export {
  BadRequestError,
  type ErrorCode,
  MojoFormatError,
  MojoNotFoundError,
  RowError,
  ScorerError,
  UnsupportedAlgorithmError,
  UnsupportedVersionError,
} from '../errors.ts';
export { supportedAlgos } from '../algos/index.ts';
export { describeModel } from './describe.ts';
