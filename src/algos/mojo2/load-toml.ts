import { Mojo2UnsupportedError } from '../../errors.ts';
import type { CompileEnv } from './compile-env.ts';
import type { Mojo2Model } from './model.ts';

export function loadTomlPipeline(env: CompileEnv): Mojo2Model {
  throw new Mojo2UnsupportedError(`${env.origin}: TOML pipelines are not supported yet`);
}
