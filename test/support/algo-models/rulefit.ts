/** A RuleFit MOJO: one depth, one tree, two rules on x, and a nested gaussian GLM over them. */
import { glmSpec, int, linearMojoFiles, zipMojo, type LinearMojoSpec } from '../linear-mojo.ts';

/**
 * Rules on x (x < 1 → "M0T0N1"; x ≥ 1 or missing → "M0T0N2") feeding a GLM with
 * beta [10, 20, 1, 0.5] over [M0T0 level, x]; `linearNames` orders the GLM's inputs.
 */
export function rulefitMojo(modelType: number, linearNames: string[], extra: LinearMojoSpec['info'] = []): Uint8Array {
  const cond = (rule: string, thr: number, op: number, na: boolean, varName: string): LinearMojoSpec['info'] => [
    [`num_conditions_rule_id_${rule}`, int(1)],
    [`feature_index_0_${rule}`, int(0)],
    [`type_0_${rule}`, int(1)],
    [`num_treshold0_${rule}`, thr],
    [`operator_0_${rule}`, int(op)],
    [`nas_included_0_${rule}`, na],
    [`var_name_rule_id_${rule}`, varName],
  ];
  const parent = linearMojoFiles({
    algo: 'rulefit',
    algorithm: 'RuleFit',
    category: 'Regression',
    columns: [{ name: 'x' }, { name: 'y' }],
    nclasses: 1,
    info: [
      ['submodel_count', int(1)],
      ['submodel_key_0', 'lin'],
      ['submodel_dir_0', 'models/lin/'],
      ['linear_model', 'lin'],
      ['model_type', int(modelType)],
      ['depth', int(1)],
      ['ntrees', int(1)],
      ['num_rules_M0T0', int(2)],
      ...cond('0_0_0', 1, 0, false, 'M0T0N1'),
      ...cond('0_0_1', 1, 1, true, 'M0T0N2'),
      ['data_from_rules_codes_len', int(0)],
      ['linear_names_len', int(linearNames.length)],
      ...linearNames.map((n, i) => [`linear_names_${i}`, n] as const),
      ...extra,
    ],
  });
  const linear = linearMojoFiles(
    glmSpec({
      prefix: 'models/lin/',
      category: 'Regression',
      columns: [{ name: 'M0T0', domain: ['M0T0N1', 'M0T0N2'] }, { name: 'x' }, { name: 'y' }],
      nclasses: 1,
      family: 'gaussian',
      link: 'identity',
      cats: 1,
      catOffsets: [0, 2],
      nums: 1,
      useAll: true,
      catModes: [0],
      numMeans: [3],
      beta: [10, 20, 1, 0.5],
    }),
  );
  return zipMojo(parent, linear);
}
