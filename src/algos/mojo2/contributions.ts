/**
 * Contributions of a MOJO2 pipeline on its original features (`contrib_<feature>.<class>`), as
 * the runtime reports them with contributions switched on: the model's contributions on its
 * transformed features, mapped to original features by the pipeline's contribution map
 * (Pipeline field 16: transformed name → [(original name, weight)]), in double. Served where a
 * published value pins the model's own contributions: XGBoost gblinear (w·x, bias + base; G2)
 * and the constant model (features 0, bias = the class constant; G3).
 */
import { MojoFormatError } from '../../errors.ts';
import type { ExtraOutput } from '../model.ts';
import type { LinearModel } from './ops/index.ts';

/** What a pipeline's model contributes, on its transformed features. */
export type ContributionSource =
  | { kind: 'linear'; model: LinearModel; featureSlots: Int32Array; featureNames: readonly string[] }
  | { kind: 'constant'; slot: number };

/** One entry of the contribution map. */
export interface ContribMapEntry {
  readonly transformed: string;
  readonly originals: readonly { name: string; weight: number }[];
}

/** `a|#3` → `a`: the column a rewrite chain started from (transformed feature names carry none). */
function baseName(name: string): string {
  const i = name.lastIndexOf('|#');
  return i >= 0 && /^\|#\d+$/.test(name.slice(i)) ? name.slice(0, i) : name;
}

/**
 * Builds the contributions output, or null when the pipeline carries no map or its model's
 * contributions are not verified (tree models: no published value).
 */
export function planContributions(
  sources: readonly ContributionSource[],
  map: readonly ContribMapEntry[],
  transformedFeatures: readonly string[],
  features: readonly string[],
  origin: string,
): ContributionPlan | null {
  if (map.length === 0 || sources.length === 0) return null;
  const kinds = new Set(sources.map((s) => s.kind));
  if (kinds.size !== 1 || (kinds.has('linear') && sources.length !== 1)) return null;
  // Class suffixes in group order: the bias entries of the map.
  const suffixes: string[] = [];
  for (const e of map) if (e.transformed.startsWith('contrib_bias.')) suffixes.push(e.transformed.slice('contrib_bias.'.length));
  const nGroups = sources[0].kind === 'linear' ? sources[0].model.bias.length : sources.length;
  if (suffixes.length !== nGroups) return null;
  // Transformed contribution name → how to compute it from the frame.
  const transformedIndex = new Map<string, number>();
  const compute: ((f: Float64Array) => number)[] = [];
  const add = (name: string, fn: (f: Float64Array) => number): void => {
    transformedIndex.set(name, compute.length);
    compute.push(fn);
  };
  for (let g = 0; g < nGroups; g++) {
    const s = suffixes[g];
    const src = sources[0];
    if (src.kind === 'linear') {
      const w = src.model.weights[g];
      const bias = src.model.bias[g] + src.model.base;
      for (let j = 0; j < w.length; j++) {
        const slot = src.featureSlots[j];
        const wj = w[j];
        add(`contrib_${baseName(src.featureNames[j])}.${s}`, (f) => wj * f[slot]);
      }
      add(`contrib_bias.${s}`, () => bias);
    } else {
      const slot = (sources[g] as { slot: number }).slot;
      for (const t of transformedFeatures) add(`contrib_${t}.${s}`, () => 0);
      add(`contrib_bias.${s}`, (f) => f[slot]);
    }
  }
  // Original names: per class, the features in pipeline order, then the bias, then anything else.
  const terms = new Map<string, { index: number; weight: number }[]>();
  for (const e of map) {
    const index = transformedIndex.get(e.transformed);
    if (index === undefined)
      throw new MojoFormatError(`${origin}: contribution map names '${e.transformed}', which the model does not produce`);
    for (const o of e.originals) {
      let list = terms.get(o.name);
      if (list === undefined) terms.set(o.name, (list = []));
      list.push({ index, weight: o.weight });
    }
  }
  const names: string[] = [];
  for (const s of suffixes) {
    for (const f of features) if (terms.has(`contrib_${f}.${s}`)) names.push(`contrib_${f}.${s}`);
    if (terms.has(`contrib_bias.${s}`)) names.push(`contrib_bias.${s}`);
  }
  for (const n of terms.keys()) if (!names.includes(n)) names.push(n);
  const plan = names.map((n) => terms.get(n)!);
  const scratch = new Float64Array(compute.length);
  return {
    names,
    compute(frame: Float64Array): number[] {
      for (let i = 0; i < compute.length; i++) scratch[i] = compute[i](frame);
      const values: number[] = new Array(plan.length);
      for (let k = 0; k < plan.length; k++) {
        const p = plan[k];
        // A weight of one is the identity: w·c would round nothing, but skip the multiply anyway.
        let v = p[0].weight === 1 ? scratch[p[0].index] : p[0].weight * scratch[p[0].index];
        for (let i = 1; i < p.length; i++) v += p[i].weight * scratch[p[i].index];
        values[k] = v;
      }
      return values;
    },
  };
}

/** Original contribution names and how to compute them from a run's frame. */
export interface ContributionPlan {
  readonly names: readonly string[];
  compute(frame: Float64Array): number[];
}

/** The ExtraOutput over a plan: runs the pipeline on the row (`run` returns its frame), then the plan. */
export function contributionsOutput(plan: ContributionPlan, run: (raw: Float64Array) => Float64Array): ExtraOutput {
  return { names: plan.names, compute: (raw) => plan.compute(run(raw)) };
}
