/**
 * Loads a Driverless AI pipeline.mojo (MOJO2) into a Model: the container (protobuf or TOML) is
 * compiled into steps over one frame (see docs/ARCHITECTURE.md, "MOJO2 pipelines").
 */
import { hostEnvVars, type MojoSource } from '../../mojo/index.ts';
import { mojo2Container } from '../../mojo2/index.ts';
import { CompileEnv } from './compile-env.ts';
import { StringTable } from './frame.ts';
import { loadPbPipeline } from './load-pb.ts';
import { loadTomlPipeline } from './load-toml.ts';
import type { Mojo2Model } from './model.ts';
import { UnverifiedPolicy, unverifiedAllowed } from './unverified.ts';

export { MOJO2_ALGO } from './header.ts';
export { LICENSE_NOTICE, type LoadNotice, loadNotices, unverifiedOperations } from './notices.ts';
export { Mojo2Model } from './model.ts';
export { ALLOW_UNVERIFIED_ENV, unverifiedAllowed } from './unverified.ts';

/** True when the source is a MOJO2 pipeline (it holds mojo/pipeline.pb or mojo/pipeline.toml). */
export function isMojo2(source: MojoSource): boolean {
  return mojo2Container(source) !== null;
}

/** Loads a MOJO2 pipeline; `allowUnverified` defaults to MOJO_ALLOW_UNVERIFIED. */
export function loadMojo2(source: MojoSource, allowUnverified = unverifiedAllowed(hostEnvVars())): Mojo2Model {
  const env = new CompileEnv(
    (path) => source.bytes(path),
    (path) => source.has(path),
    source.origin,
    new StringTable(),
    new UnverifiedPolicy(allowUnverified, source.origin),
  );
  return mojo2Container(source) === 'protobuf' ? loadPbPipeline(env) : loadTomlPipeline(env);
}
