/** Loading a MOJO from bytes: the runtime-neutral way in (browsers, Deno, Node, Bun, edge). */
import { decodeModelSource } from '../algos/index.ts';
import { BadRequestError } from '../errors.ts';
import { type MojoSource, openMojoBytes } from '../mojo/index.ts';
import { describeModel } from './describe.ts';
import { MojoModel } from './model.ts';

export interface LoadOptions {
  /** Name used in error messages (e.g. the file name). */
  name?: string;
}

/**
 * Loads a MOJO from its bytes: a zip (.zip/.mojo as H2O writes it) or a model.tar.gz holding
 * one. Throws ScorerError: MOJO_FORMAT, UNSUPPORTED_ALGORITHM or UNSUPPORTED_VERSION.
 */
export function loadModel(bytes: Uint8Array | ArrayBuffer | ArrayBufferView, options: LoadOptions = {}): MojoModel {
  return fromSource(openMojoBytes(asBytes(bytes), options.name ?? '<bytes>'));
}

/** @internal The shared tail of every loader: evaluator + description. */
export function fromSource(source: MojoSource): MojoModel {
  const model = decodeModelSource(source);
  return new MojoModel(model, describeModel(model, source));
}

function asBytes(b: Uint8Array | ArrayBuffer | ArrayBufferView): Uint8Array {
  if (b instanceof Uint8Array) return b;
  if (b instanceof ArrayBuffer) return new Uint8Array(b);
  if (ArrayBuffer.isView(b)) return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  throw new BadRequestError('loadModel expects a Uint8Array or an ArrayBuffer');
}
