/**
 * `mojo-scorer/node`: everything in the runtime-neutral entry, plus loading from a path in
 * server runtimes (Node ≥ 20.16, Bun: anything with `process.getBuiltinModule`).
 */
import { openMojo } from '../mojo/index.ts';
import { fromSource } from './load.ts';
import type { MojoModel } from './model.ts';

export * from './index.ts';

/**
 * Loads a MOJO from a path: a .zip/.mojo file, a model.tar.gz, or a folder holding model.ini.
 * Throws ScorerError: MOJO_FORMAT (missing or corrupt), UNSUPPORTED_ALGORITHM, UNSUPPORTED_VERSION.
 */
export function loadModelFile(path: string): MojoModel {
  return fromSource(openMojo(path));
}
