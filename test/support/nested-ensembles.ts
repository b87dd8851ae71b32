/** Chains of stacked ensembles nested above the bundled demo model, for the loader's nesting limits. */
import { strToU8, zipSync } from 'fflate';
import { demoFiles } from './demo-files.ts';

/** A regression stacked ensemble's model.ini over columns x, y with the given nested-model table. */
export function stackedEnsembleIni(table: string[]): Uint8Array {
  return strToU8(
    [
      '[info]',
      'h2o_version = 3.46.0.1',
      'mojo_version = 1.01',
      'algo = stackedensemble',
      'algorithm = StackedEnsemble',
      'category = Regression',
      'supervised = true',
      'n_features = 1',
      'n_classes = 1',
      'n_columns = 2',
      ...table,
      '',
      '[columns]',
      'x',
      'y',
      '',
    ].join('\n'),
  );
}

/** A nested-model table naming only a metalearner, in `m/`; no base_model<i> keys: all dropped, five zero slots for the metalearner. */
export const METALEARNER_ONLY = [
  'submodel_count = 1',
  'submodel_key_0 = meta',
  'submodel_dir_0 = m/',
  'metalearner = meta',
  'base_models_num = 5',
];

/** A zip with `iniAt(i)` as the model.ini of folder `m/` repeated i times, for i below `levels`, and the demo model at depth `levels`. */
export function ensembleChain(levels: number, iniAt: (level: number) => Uint8Array): Uint8Array {
  const out: Record<string, Uint8Array> = {};
  for (let i = 0; i < levels; i++) out[`${'m/'.repeat(i)}model.ini`] = iniAt(i);
  for (const [k, v] of Object.entries(demoFiles())) out[`${'m/'.repeat(levels)}${k}`] = v;
  return zipSync(out);
}
