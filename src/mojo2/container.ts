/**
 * Which MOJO2 container an artifact is: a Driverless AI `pipeline.mojo` is a zip whose entries
 * lie under `mojo/`; the entry point is `mojo/pipeline.pb` (protobuf, DAI 1.7+) or
 * `mojo/pipeline.toml` (DAI 1.0–1.4).
 */
import type { MojoSource } from '../mojo/index.ts';

export const MOJO2_PROTOBUF_ENTRY = 'mojo/pipeline.pb';
export const MOJO2_TOML_ENTRY = 'mojo/pipeline.toml';

export type Mojo2Container = 'protobuf' | 'toml';

/** The container of a source rooted at a pipeline.mojo's top, or null when it is not one. */
export function mojo2Container(source: MojoSource): Mojo2Container | null {
  if (source.has(MOJO2_PROTOBUF_ENTRY)) return 'protobuf';
  if (source.has(MOJO2_TOML_ENTRY)) return 'toml';
  return null;
}
