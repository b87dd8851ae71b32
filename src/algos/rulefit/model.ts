/**
 * RuleFit (h2o-genmodel RuleFitMojoModel): the row is turned into rule-group levels (and, for
 * RULES_AND_LINEAR, followed by the original row), permuted into the nested GLM's column order
 * via `linear_names_<i>`, and scored by that GLM.
 */
import { RowError } from '../../errors.ts';
import type { MojoHeader } from '../../mojo/index.ts';
import { type InputColumn, type Model, ModelBase, type OutputColumn } from '../model.ts';
import { featureInputs, responseLevels } from '../common/index.ts';
import { ModelType, type RuleFitParams } from './params.ts';
import { buildTable, ruleFires, VALUE_THROWS, type RawRule, type RuleTable } from './rules.ts';

export class RuleFitModel extends ModelBase {
  /** A non-zero offset is taken and not passed on to the nested GLM. */
  override readonly acceptsOffset = true;
  override readonly inputs: readonly InputColumn[];
  override readonly outputs: readonly OutputColumn[];
  private readonly type: ModelType;
  private readonly table: RuleTable | null;
  private readonly groups: number;
  /** test[i] goes to linear input perm[i]. */
  private readonly perm: Int32Array;
  private readonly test: Float64Array;
  private readonly linInput: Float64Array;

  constructor(
    override readonly header: MojoHeader,
    private readonly linear: Model,
    p: RuleFitParams,
    origin: string,
  ) {
    super();
    this.type = p.type;
    this.inputs = featureInputs(header);
    this.outputs = linear.outputs;
    const { depth, ntrees } = p;
    const linNames = linear.header.columns;
    const linDomains = linear.header.domains;
    const linNf = linear.inputs.length;
    let broken: string | null = null;

    this.table = null;
    this.groups = 0;
    const rules = p.rules;
    if (rules !== null) {
      const classes = header.responseColumn === null ? null : responseLevels(header);
      const multi = classes != null && classes.length > 2;
      const groups: { rule: RawRule; value: number }[][] = [];
      const levelValue = (varName: string, classId: number): number => {
        const cut = varName.indexOf('N');
        if (cut < 0) return VALUE_THROWS;
        const col = varName.slice(0, cut) + (classId >= 0 ? `C${classId}` : '');
        const i = linNames.indexOf(col);
        const dom = i < 0 ? null : linDomains[i];
        return dom == null ? VALUE_THROWS : dom.indexOf(varName);
      };
      for (let d = 0; d < depth; d++) {
        for (let t = 0; t < ntrees; t++) {
          const rs = rules[d][t];
          if (multi) {
            for (let k = 0; k < classes.length; k++) {
              const g = rs.filter((r) => r.varName.endsWith(classes[k])).map((rule) => ({ rule, value: levelValue(rule.varName, k) }));
              if (g.length === 0)
                broken ??= `${origin}: no rules for class ${classes[k]} in tree ${t} of depth ${d} (the reference fails every row)`;
              groups.push(g);
            }
          } else {
            groups.push(rs.map((rule) => ({ rule, value: levelValue(rule.varName, -1) })));
          }
        }
      }
      this.table = buildTable(groups);
      this.groups = groups.length;
    }
    const testSize =
      this.type === ModelType.Linear ? this.inputs.length : this.groups + (this.type === ModelType.RulesAndLinear ? this.inputs.length : 0);
    this.test = new Float64Array(testSize);
    this.perm = new Int32Array(linNf);
    for (let i = 0; i < linNf; i++) {
      const name = p.linearNames[i];
      const id = name === undefined ? -1 : linNames.indexOf(name);
      if (id < 0 || id >= linNf || i >= testSize)
        broken ??= `${origin}: linear model input ${i} cannot be mapped (the reference fails every row)`;
      this.perm[i] = id;
    }
    this.linInput = new Float64Array(linNf);
    this.loadError = broken;
  }

  protected override scoreRow(raw: Float64Array, out: Float64Array): void {
    const test = this.test;
    const T = this.table;
    let p = 0;
    if (T !== null) {
      const G = this.groups;
      for (let g = 0; g < G; g++) {
        let v = -1;
        const end = T.groupStart[g + 1];
        for (let r = T.groupStart[g]; r < end; r++) {
          if (!ruleFires(T, r, raw)) continue;
          const rv = T.ruleValue[r];
          if (rv === VALUE_THROWS) throw new RowError('a firing rule names a column the linear model does not have');
          v = rv;
        }
        test[p++] = v >= 0 ? v : NaN;
      }
    }
    if (this.type !== ModelType.Rules) {
      const n = raw.length;
      for (let i = 0; i < n; i++) test[p++] = raw[i];
    }
    const lin = this.linInput;
    lin.fill(0);
    const perm = this.perm;
    for (let i = 0; i < perm.length; i++) lin[perm[i]] = test[i];
    this.linear.score(lin, out, 0);
  }
}
