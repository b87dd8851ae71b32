/** Loads a TOML-container pipeline (`mojo/pipeline.toml`, DAI 1.0–1.4) into a Mojo2Model. */
import type { TomlValue } from '../../mojo2/index.ts';
import type { CompileEnv } from './compile-env.ts';
import { compileTomlPipeline } from './compile-toml.ts';
import { mojo2Header } from './header.ts';
import { inputColumns, numericMissing } from './inputs.ts';
import { Mojo2Model } from './model.ts';

export function loadTomlPipeline(env: CompileEnv): Mojo2Model {
  const top = compileTomlPipeline(env, 'mojo/', 'pipeline.toml', 0);
  const origin = `${env.origin}!/mojo/pipeline.toml`;
  const missingRaw: TomlValue = top.root.get('missing_values') ?? [];
  const missingTexts = Array.isArray(missingRaw) ? missingRaw.filter((v): v is string => typeof v === 'string') : [];
  const uuid = top.root.get('uuid');
  return new Mojo2Model({
    header: mojo2Header(
      top.features,
      top.outputs,
      { target: null, labels: [], regression: null },
      typeof uuid === 'string' ? uuid : '',
      '',
      'toml',
    ),
    program: top.program,
    features: top.features,
    outputs: top.outputs,
    inputs: inputColumns(top.features, env.strings, missingTexts, env.parsesDates, origin),
    numericMissing: numericMissing(missingTexts),
    interval: null,
    contributions: null,
    unverified: env.policy.used,
    container: 'toml',
  });
}
