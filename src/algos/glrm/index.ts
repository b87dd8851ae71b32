/** H2O GLRM MOJO evaluator (per-row X solve; optional reconstruction extra). */
export { GLRM_RECONSTRUCT, glrmReader } from './reader.ts';
export { JavaRandom } from './java-random.ts';
export { strictLog } from './fdlibm-log.ts';
