/**
 * Loads a MOJO into a scoring `Model`: reads the header, checks the algorithm and version,
 * and hands the artifact to the algorithm's reader (recursively for nested models).
 */
import { UnsupportedAlgorithmError, UnsupportedVersionError } from '../errors.ts';
import { openMojo, openMojoBytes, readHeader, type MojoSource } from '../mojo/index.ts';
import { withCategoricalEncoding } from './common/index.ts';
import type { Model, ReaderContext } from './model.ts';
import { isMojo2, loadMojo2 } from './mojo2/index.ts';
import { findReader, supportedAlgos } from './registry.ts';

/**
 * Loads a top-level model: the algorithm's model, behind the categorical-encoding input
 * transformation h2o's Java wrapper applies (so inputs are the user's original columns).
 */
export function decodeModelSource(source: MojoSource): Model {
  // A Driverless AI pipeline.mojo carries its own input handling: no H2O-3 encoding in front.
  if (isMojo2(source)) return loadMojo2(source);
  return withCategoricalEncoding(loadBareModel(source, new Map()), source);
}

/**
 * The algorithm's model on its own (encoded) columns — what a nested model is given. Nested
 * models are decoded once per folder of the artifact, whatever aliases and parents name them
 * (a stateful model is decoded per reference, each having its own state), and each decode is
 * counted against the load budget.
 */
function loadBareModel(source: MojoSource, nested: Map<string, Model>): Model {
  const header = readHeader(source);
  const reader = findReader(header.algo);
  if (reader === undefined) {
    throw new UnsupportedAlgorithmError(
      `${source.origin}: algorithm '${header.algo}' is not supported; supported: ${supportedAlgos().join(', ')}`,
    );
  }
  // h2o writes versions like 1.20 and compares numerically.
  if (!(header.mojoVersion <= reader.maxMojoVersion + 1e-9)) {
    throw new UnsupportedVersionError(
      `${source.origin}: ${header.algo} MOJO version ${header.mojoVersion.toFixed(2)} is newer than this scorer reads (up to ${reader.maxMojoVersion.toFixed(2)})`,
    );
  }
  const ctx: ReaderContext = {
    source,
    header,
    loadNested: (prefix: string) => {
      const sub = source.sub(prefix);
      // The view's origin names its folder from the artifact's root: one key per folder.
      const done = nested.get(sub.origin);
      if (done !== undefined) return done;
      sub.budget.countNestedModel(sub.origin);
      const m = loadBareModel(sub, nested);
      if (!m.stateful) nested.set(sub.origin, m);
      return m;
    },
  };
  return reader.read(ctx);
}

/** Loads a model from a path (zip/.mojo file, model.tar.gz, or folder with model.ini). */
export function decodeModel(path: string): Model {
  return decodeModelSource(openMojo(path));
}

export function decodeModelBytes(bytes: Uint8Array, origin?: string): Model {
  return decodeModelSource(openMojoBytes(bytes, origin));
}
