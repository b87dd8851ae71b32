/** MOJO pipeline evaluator (a main model fed by sub-models' predictions). */
export { pipelineReader } from './reader.ts';
export { PipelineModel } from './model.ts';
