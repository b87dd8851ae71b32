/**
 * RuleFit's `[info]` keys (RuleFitMojoReader): `model_type`, `depth`, `ntrees`, the rules
 * (rules.ts) and `linear_names_len` / `linear_names_<i>`, the nested GLM's column of each
 * entry of the rule-and-row vector.
 */
import { MojoFormatError } from '../../errors.ts';
import type { MojoHeader } from '../../mojo/index.ts';
import { readRules, type RawRule } from './rules.ts';

export const enum ModelType {
  Linear = 0,
  RulesAndLinear = 1,
  Rules = 2,
}

/** RuleFit's decoded parameters. */
export interface RuleFitParams {
  readonly type: ModelType;
  readonly depth: number;
  readonly ntrees: number;
  /** rules[depth][tree]: the rules of each tree level (null for a linear-only model). */
  readonly rules: RawRule[][][] | null;
  /** Per nested-GLM input: the name `linear_names_<i>` gives it (undefined when absent). */
  readonly linearNames: readonly (string | undefined)[];
}

/** Reads RuleFit's keys for a model over `nfeatures` columns whose GLM reads `linearInputs`. */
export function readRuleFitParams(h: MojoHeader, nfeatures: number, linearInputs: number, origin: string): RuleFitParams {
  const info = h.info;
  const code = info.int('model_type');
  const type = code === 0 ? ModelType.Linear : code === 1 ? ModelType.RulesAndLinear : ModelType.Rules;
  const depth = info.int('depth');
  const ntrees = info.int('ntrees');
  const rules = type !== ModelType.Linear ? readRules(info, depth, ntrees, nfeatures) : null;
  const nLinNames = info.int('linear_names_len');
  const linearNames: (string | undefined)[] = [];
  for (let i = 0; i < linearInputs; i++) linearNames.push(i < nLinNames ? info.str(`linear_names_${i}`) : undefined);
  if (depth < 0 || ntrees < 0) throw new MojoFormatError(`${origin}: negative depth/ntrees`);
  return { type, depth, ntrees, rules, linearNames };
}
