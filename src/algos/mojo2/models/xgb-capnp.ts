/**
 * XGBoost models of 2018-08/09 TOML pipelines (`xgb_<n>.model.capnp`, packed Cap'n Proto). The
 * layout is read from the bytes (no schema is public; structural, G6):
 * root `{data: u32 groups, u32 kind (0 gbtree, 1 gblinear), f64 base;
 *        ptr1: trees (list of {ptr0: nodes}) | per-group weight lists;
 *        ptr2: features {u32 index; ptr0: name}; ptr3: tree groups (u16) | biases (f64)}`;
 * node = 4 words `{u32 id, u32 feature; f64 threshold or leaf; u32 yes, u32 no; u32 missing, u32 leaf}`.
 */
import { MojoFormatError } from '../../../errors.ts';
import type { TreeNodes, LinearModel } from '../ops/index.ts';
import { CapMessage, unpack } from './capnp.ts';

export interface CapnpXgboost {
  readonly nGroups: number;
  readonly base: number;
  readonly trees: TreeNodes[];
  readonly groups: number[];
  readonly linear: LinearModel | null;
}

/** How much larger than the packed file an unpacked message may be. */
const MAX_EXPANSION = 64;
const MAX_GROUPS = 100_000;

/** `beforeLinear` runs before a gblinear model is decoded (the unverified-operation check). */
export function readCapnpXgboost(bytes: Uint8Array, inputs: readonly string[], origin: string, beforeLinear: () => void): CapnpXgboost {
  const nInputs = inputs.length;
  const msg = new CapMessage(unpack(bytes, Math.max(1 << 20, bytes.length * MAX_EXPANSION), origin), origin);
  const root = msg.root();
  if (root.dataWords < 2 || root.ptrCount < 4) msg.fail('root struct too small');
  const nGroups = msg.u32(root.seg, root.data, 0);
  const kind = msg.u32(root.seg, root.data, 1);
  const base = msg.f64(root.seg, root.data + 1);
  if (!(nGroups >= 1 && nGroups <= MAX_GROUPS)) throw new MojoFormatError(`${origin}: ${nGroups} output groups`);
  // Stored feature index → input position, through the feature's name (index ≠ list position).
  const feats = msg.list(root, 2);
  const featurePos = new Map<number, number>();
  for (let i = 0; i < feats.count; i++) {
    const f = msg.element(feats, i);
    const index = msg.u32(f.seg, f.data, 0);
    const pos = inputs.indexOf(msg.text(msg.list(f, 0)));
    if (featurePos.has(index) || pos < 0) throw new MojoFormatError(`${origin}: feature ${index} is repeated or names no input`);
    featurePos.set(index, pos);
  }
  if (kind === 1) {
    beforeLinear();
    const rows = msg.list(root, 1);
    if (rows.count !== nGroups) throw new MojoFormatError(`${origin}: ${rows.count} weight rows for ${nGroups} groups`);
    const weights = Array.from({ length: nGroups }, (_, g) => msg.doubles(msg.listAt(rows, g)));
    const bias = msg.doubles(msg.list(root, 3));
    if (bias.length !== nGroups || weights.some((w) => w.length !== nInputs))
      throw new MojoFormatError(`${origin}: linear model sizes do not match`);
    return { nGroups, base, trees: [], groups: [], linear: { weights, bias, base } };
  }
  if (kind !== 0) throw new MojoFormatError(`${origin}: unknown booster kind ${kind}`);
  const treeList = msg.list(root, 1);
  const groups = [...msg.u16s(msg.list(root, 3))];
  if (groups.length !== treeList.count) throw new MojoFormatError(`${origin}: ${treeList.count} trees but ${groups.length} tree groups`);
  const trees: TreeNodes[] = [];
  for (let t = 0; t < treeList.count; t++) {
    const tree = msg.element(treeList, t);
    const nodes = msg.list(tree, 0);
    if (nodes.size !== 7 || nodes.dataWords < 4) msg.fail('tree nodes are not 4-word structs');
    const out: TreeNodes = { feature: [], threshold: [], yes: [], no: [], missing: [], value: [] };
    // Children name node ids; ids are mapped to positions.
    const posOf = new Map<number, number>();
    for (let i = 0; i < nodes.count; i++) {
      const n = msg.element(nodes, i);
      posOf.set(msg.u32(n.seg, n.data, 0), i);
    }
    const child = (id: number): number => posOf.get(id) ?? -1;
    for (let i = 0; i < nodes.count; i++) {
      const n = msg.element(nodes, i);
      const leaf = msg.u32(n.seg, n.data + 3, 1) !== 0;
      const v = msg.f64(n.seg, n.data + 1);
      if (leaf) {
        out.feature.push(-1);
        out.threshold.push(0);
        out.yes.push(0);
        out.no.push(0);
        out.missing.push(0);
        out.value.push(v);
      } else {
        const fi = msg.u32(n.seg, n.data, 1);
        const pos = feats.count > 0 ? featurePos.get(fi) : fi;
        if (pos === undefined) throw new MojoFormatError(`${origin}: tree ${t} splits on unknown feature ${fi}`);
        out.feature.push(pos);
        out.threshold.push(v);
        out.yes.push(child(msg.u32(n.seg, n.data + 2, 0)));
        out.no.push(child(msg.u32(n.seg, n.data + 2, 1)));
        out.missing.push(child(msg.u32(n.seg, n.data + 3, 0)));
        out.value.push(0);
      }
    }
    trees.push(out);
  }
  return { nGroups, base, trees, groups, linear: null };
}
