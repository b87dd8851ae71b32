/**
 * Model files of protobuf pipelines (`xgb_<n>.model`, `lgbm_<n>.model`, used by ops 31 and 32):
 * `{2: groups, 3: base score, 4: Forest | 5: Linear, 6: features {1: index, 2: name}}`.
 * Forest `{1: trees, 2: group of each tree}`; Tree `{1: nodes}`; Node `{2: Split | 3: Leaf}`;
 * Split `{1: feature, 2: threshold, 3: comparison, 4: yes, 5: no, 6: missing}`; Leaf `{1: value}`.
 * Children are positions in the tree's node list.
 */
import { MojoFormatError } from '../../../errors.ts';
import type { PbMessage } from '../../../mojo2/index.ts';
import { Forest, type TreeNodes, type LinearModel } from '../ops/index.ts';

/** Largest group (class) count accepted. */
const MAX_GROUPS = 100_000;

export interface ProtoModel {
  readonly nGroups: number;
  readonly base: number;
  /** Feature names (Feature list by index), or null when the file lists none. */
  readonly featureNames: (string | null)[] | null;
  readonly forest: Forest | null;
  /** Comparison code of the splits (1: `<`, 3: `<=`); 0 when there are none. */
  readonly comparison: number;
  /** LightGBM missing-value types the splits carry (Split.7; 0 when absent). */
  readonly missingTypes: ReadonlySet<number>;
  readonly linear: LinearModel | null;
}

/** Decodes a model file; `nInputs` is the op's input count (the feature count when the file lists none). */
export function readProtoModel(m: PbMessage, nInputs: number, origin: string): ProtoModel {
  const nGroups = m.int(2);
  if (!(nGroups >= 1 && nGroups <= MAX_GROUPS)) throw new MojoFormatError(`${origin}: ${nGroups} output groups`);
  const base = m.double(3);
  let featureNames: (string | null)[] | null = null;
  let nFeatures = nInputs;
  if (m.has(6)) {
    const feats = m.messages(6);
    nFeatures = feats.length;
    featureNames = new Array(feats.length).fill(null);
    for (const f of feats) {
      const idx = f.int(1);
      if (!(idx >= 0 && idx < feats.length) || featureNames[idx] !== null)
        throw new MojoFormatError(`${origin}: feature index ${idx} is out of range or repeated`);
      featureNames[idx] = f.string(2);
    }
  }
  if (m.has(4) === m.has(5)) throw new MojoFormatError(`${origin}: the model must hold exactly one of a forest and a linear model`);
  if (m.has(5)) {
    const lin = m.message(5);
    const weights = lin.messages(1).map((w) => w.doubles(1));
    const bias = lin.doubles(2);
    if (weights.length !== nGroups || bias.length !== nGroups)
      throw new MojoFormatError(
        `${origin}: linear model has ${weights.length} weight rows and ${bias.length} biases for ${nGroups} groups`,
      );
    for (const w of weights)
      if (w.length !== nFeatures) throw new MojoFormatError(`${origin}: linear model has ${w.length} weights for ${nFeatures} features`);
    return { nGroups, base, featureNames, forest: null, comparison: 0, missingTypes: new Set(), linear: { weights, bias, base } };
  }
  const fm = m.message(4);
  const treeMsgs = fm.messages(1);
  const groups = fm.has(2) ? fm.ints(2) : new Float64Array(treeMsgs.length);
  let comparison = 0;
  const missingTypes = new Set<number>();
  const trees: TreeNodes[] = treeMsgs.map((t, ti) => {
    const nodes = t.messages(1);
    const tree: TreeNodes = { feature: [], threshold: [], yes: [], no: [], missing: [], value: [] };
    for (const n of nodes) {
      if (n.has(2)) {
        const s = n.message(2);
        const cmp = s.int(3);
        if (comparison === 0) comparison = cmp;
        else if (cmp !== comparison) throw new MojoFormatError(`${origin}: tree ${ti} mixes split comparisons ${comparison} and ${cmp}`);
        missingTypes.add(s.int(7));
        tree.feature.push(s.int(1));
        tree.threshold.push(s.double(2));
        tree.yes.push(s.int(4));
        tree.no.push(s.int(5));
        tree.missing.push(s.int(6));
        tree.value.push(0);
      } else {
        tree.feature.push(-1);
        tree.threshold.push(0);
        tree.yes.push(0);
        tree.no.push(0);
        tree.missing.push(0);
        tree.value.push(n.message(3).double(1));
      }
    }
    return tree;
  });
  const forest = new Forest(trees, groups, nGroups, nFeatures, origin);
  return { nGroups, base, featureNames, forest, comparison, missingTypes, linear: null };
}
