/**
 * RuleFit's rule ensemble, read from model.ini (h2o-genmodel RuleFitMojoReader keys:
 * `num_rules_M<d>T<t>`, `num_conditions_rule_id_<d>_<t>_<r>`, `feature_index_<c>_<id>`, `type_…`,
 * `num_treshold<c>_<id>`, `cat_treshold_length_…`, `operator_…`, `nas_included_…`,
 * `var_name_rule_id_<id>`) and flattened into typed arrays. Each (depth, tree[, class]) group
 * becomes one categorical input of the linear model: the level named by the last rule that fires.
 */
import { MojoFormatError } from '../../errors.ts';
import type { ModelInfo } from '../../mojo/index.ts';

export const enum CondType {
  Categorical = 0,
  Numerical = 1,
}
export const enum Op {
  LessThan = 0,
  GreaterOrEqual = 1,
  In = 2,
}

/** A rule value meaning "the reference throws when this rule fires" (unknown linear column). */
export const VALUE_THROWS = -2;

export interface RawRule {
  varName: string;
  conditions: RawCondition[];
}
interface RawCondition {
  feature: number;
  type: CondType;
  op: Op;
  naIncluded: boolean;
  threshold: number;
  cats: number[];
}

function need(info: ModelInfo, key: string): string {
  const v = info.str(key);
  if (v === undefined) throw new MojoFormatError(`model.ini: RuleFit key '${key}' is missing`);
  return v;
}

export function readRules(info: ModelInfo, depth: number, ntrees: number, nfeatures: number): RawRule[][][] {
  const out: RawRule[][][] = [];
  for (let d = 0; d < depth; d++) {
    const perTree: RawRule[][] = [];
    for (let t = 0; t < ntrees; t++) {
      const n = info.int(`num_rules_M${d}T${t}`);
      const rules: RawRule[] = [];
      for (let r = 0; r < n; r++) rules.push(readRule(info, `${d}_${t}_${r}`, nfeatures));
      perTree.push(rules);
    }
    out.push(perTree);
  }
  return out;
}

function readRule(info: ModelInfo, id: string, nfeatures: number): RawRule {
  const n = info.int(`num_conditions_rule_id_${id}`);
  const conditions: RawCondition[] = [];
  for (let c = 0; c < n; c++) {
    const cid = `${c}_${id}`;
    const feature = info.int(`feature_index_${cid}`);
    if (feature < 0 || feature >= nfeatures) throw new MojoFormatError(`model.ini: rule ${id} tests feature ${feature} of ${nfeatures}`);
    const type = info.int(`type_${cid}`) === 0 ? CondType.Categorical : CondType.Numerical;
    const cats: number[] = [];
    let threshold = NaN;
    if (type === CondType.Categorical) {
      const m = info.int(`cat_treshold_length_${cid}`);
      for (let i = 0; i < m; i++) cats.push(info.int(`cat_treshold_length_${i}_${cid}`));
    } else {
      threshold = info.num(`num_treshold${cid}`);
    }
    const opCode = info.int(`operator_${cid}`);
    const op = opCode === 0 ? Op.LessThan : opCode === 1 ? Op.GreaterOrEqual : Op.In;
    conditions.push({ feature, type, op, naIncluded: info.bool(`nas_included_${cid}`), threshold, cats });
  }
  return { varName: need(info, `var_name_rule_id_${id}`), conditions };
}

/** Flat, typed form of every rule group, in the order the linear model's rule inputs are laid out. */
export interface RuleTable {
  /** groupStart[g]..groupStart[g+1]: the rules of group g. */
  readonly groupStart: Int32Array;
  readonly ruleValue: Int32Array;
  /** ruleCond[r]..ruleCond[r+1]: conditions of rule r. */
  readonly ruleCond: Int32Array;
  readonly condFeature: Int32Array;
  readonly condType: Uint8Array;
  readonly condOp: Uint8Array;
  readonly condNa: Uint8Array;
  readonly condThreshold: Float64Array;
  /** condCats[c]..condCats[c+1] within catValues: the levels a categorical condition accepts. */
  readonly condCats: Int32Array;
  readonly catValues: Float64Array;
}

/** Builds the table from groups of (rule, value) pairs. */
export function buildTable(groups: { rule: RawRule; value: number }[][]): RuleTable {
  const groupStart: number[] = [0];
  const ruleValue: number[] = [];
  const ruleCond: number[] = [0];
  const cf: number[] = [];
  const ct: number[] = [];
  const co: number[] = [];
  const cn: number[] = [];
  const cth: number[] = [];
  const cc: number[] = [0];
  const cv: number[] = [];
  for (const g of groups) {
    for (const { rule, value } of g) {
      ruleValue.push(value);
      for (const c of rule.conditions) {
        cf.push(c.feature);
        ct.push(c.type);
        co.push(c.op);
        cn.push(c.naIncluded ? 1 : 0);
        cth.push(c.threshold);
        for (const v of c.cats) cv.push(v);
        cc.push(cv.length);
      }
      ruleCond.push(cf.length);
    }
    groupStart.push(ruleValue.length);
  }
  return {
    groupStart: Int32Array.from(groupStart),
    ruleValue: Int32Array.from(ruleValue),
    ruleCond: Int32Array.from(ruleCond),
    condFeature: Int32Array.from(cf),
    condType: Uint8Array.from(ct),
    condOp: Uint8Array.from(co),
    condNa: Uint8Array.from(cn),
    condThreshold: Float64Array.from(cth),
    condCats: Int32Array.from(cc),
    catValues: Float64Array.from(cv),
  };
}

/** Whether every condition of rule r holds for `row` (the reference's AND with NA handling). */
export function ruleFires(T: RuleTable, r: number, row: Float64Array): boolean {
  const end = T.ruleCond[r + 1];
  for (let c = T.ruleCond[r]; c < end; c++) {
    const x = row[T.condFeature[c]];
    if (x !== x) {
      if (T.condNa[c] === 1) continue;
      return false;
    }
    if (T.condType[c] === CondType.Numerical) {
      const op = T.condOp[c];
      if (op === Op.LessThan) {
        if (!(x < T.condThreshold[c])) return false;
      } else if (op === Op.GreaterOrEqual) {
        if (!(x >= T.condThreshold[c])) return false;
      } else return false;
    } else {
      let hit = false;
      const e = T.condCats[c + 1];
      for (let k = T.condCats[c]; k < e; k++) if (T.catValues[k] === x) hit = true;
      if (!hit) return false;
    }
  }
  return true;
}
