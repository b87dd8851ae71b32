/**
 * Decoder for XGBoost's legacy binary model (what H2O stores as `boosterBytes`), little-endian:
 *
 * - optional "binf" signature;
 * - learner param, 136 bytes: base_score f32, num_feature u32, num_class i32,
 *   contain_extra_attrs i32 (read as "saved_with_pbuffer" by the Java predictor),
 *   contain_eval_metrics i32, major_version u32, minor_version u32, 27 reserved int32;
 * - objective name and booster name, each an int64 length + UTF-8 bytes;
 * - gbtree/dart: model param (160 bytes: num_trees, num_roots, num_feature, pad, num_pbuffer i64,
 *   num_output_group, size_leaf_vector, 31 reserved, pad), the trees, tree_info int32[num_trees]
 *   (output group of each tree), an optional prediction buffer, and for dart an int64 count
 *   plus float32 weight_drop[count];
 * - gblinear: 136-byte param, then int64 count + float32 weights[count]
 *   (feature-major, one bias per group at the end).
 */
import { MojoFormatError } from '../../errors.ts';
import { ByteReader } from '../../mojo/index.ts';
import type { CompiledForest } from './booster-codegen.ts';
import { findLeaf, readForest, type BoosterTrees } from './booster-trees.ts';
import type { Link } from '../common/index.ts';
import { objectiveLink, probToMargin } from './objective.ts';

const LEARNER_RESERVED_INTS = 27;
const GBTREE_RESERVED_INTS = 31;
const GBLINEAR_RESERVED_INTS = 32;
const SIGNATURE_BINF = [0x62, 0x69, 0x6e, 0x66];

export type BoosterKind = 'gbtree' | 'dart' | 'gblinear';

export interface Booster {
  readonly kind: BoosterKind;
  readonly objective: string;
  readonly link: Link;
  /** Booster's num_feature: the width of the feature vector it reads. */
  readonly numFeature: number;
  /** num_class as stored (0 for single-output models). */
  readonly numClass: number;
  /** Output groups: max(1, num_class). */
  readonly groups: number;
  /** Global bias in margin space (float32). */
  readonly baseScore: number;
  /**
   * xgboost > 1.2 starts each sum at the base margin; older boosters add it after the trees.
   * The order matters in float32.
   */
  readonly baseFirst: boolean;
  /** Trees (gbtree, dart). */
  readonly forest: BoosterTrees | null;
  /** Output group of each tree (tree_info). */
  readonly treeGroup: Int32Array;
  /** Dart: weight of each tree (weight_drop at the tree's position within its group), else null. */
  readonly treeWeight: Float64Array | null;
  /** gblinear: weights[(fid * groups) + gid], bias at [numFeature * groups + gid]. */
  readonly linear: Float64Array | null;
}

/** Sanity bounds checked before anything is sized from a header (a corrupt count must not allocate gigabytes). */
const MAX_FEATURES = 1 << 26;
const MAX_CLASSES = 1 << 16;

function readString(r: ByteReader, what: string): string {
  const n = r.i64();
  if (n < 0 || n > r.remaining) throw new MojoFormatError(`${r.origin}: bad ${what} length ${n}`);
  return new TextDecoder().decode(r.slice(n));
}

function readFloats(r: ByteReader, n: number, what: string): Float64Array {
  if (n < 0 || n * 4 > r.remaining) throw new MojoFormatError(`${r.origin}: bad ${what} length ${n}`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = r.f32();
  return out;
}

/** Parses boosterBytes; throws MOJO_FORMAT on anything truncated, unknown or inconsistent. */
export function readBooster(bytes: Uint8Array, origin = 'boosterBytes'): Booster {
  const r = new ByteReader(bytes, true, origin);
  if (bytes.length >= 4 && SIGNATURE_BINF.every((b, i) => bytes[i] === b)) r.skip(4);
  else if (bytes.length >= 3 && bytes[0] === 0x00 && bytes[1] === 0x05 && bytes[2] === 0x5f) {
    // xgboost4j-spark wraps the model in its own header; H2O never writes it.
    throw new MojoFormatError(`${origin}: xgboost4j-spark booster layout is not supported`);
  }
  const rawBase = r.f32();
  const numFeature = r.i32();
  const numClass = r.i32();
  const extraAttrs = r.i32();
  r.i32(); // contain_eval_metrics
  const major = r.i32();
  const minor = r.i32();
  r.skip(LEARNER_RESERVED_INTS * 4);
  if (numFeature < 0 || numFeature > MAX_FEATURES || major < 0 || minor < 0)
    throw new MojoFormatError(`${origin}: corrupt learner parameters`);
  if (numClass < 0 || numClass > MAX_CLASSES) throw new MojoFormatError(`${origin}: bad num_class ${numClass}`);
  const objective = readString(r, 'objective name');
  const kindName = readString(r, 'booster name');
  if (kindName !== 'gbtree' && kindName !== 'dart' && kindName !== 'gblinear') {
    throw new MojoFormatError(`${origin}: booster '${kindName}' is not supported`);
  }
  const kind: BoosterKind = kindName;
  const link = objectiveLink(objective, origin);
  const groups = numClass === 0 ? 1 : numClass;
  const baseScore = major >= 1 ? probToMargin(link, rawBase) : rawBase;
  const baseFirst = !(major < 1 || (major === 1 && minor <= 2));
  const common = { kind, objective, link, numFeature, numClass, groups, baseScore, baseFirst };

  if (kind === 'gblinear') {
    r.skip(8 + GBLINEAR_RESERVED_INTS * 4); // deprecated num_feature, num_output_group; reserved
    const n = r.i64();
    const need = (numFeature + 1) * groups;
    const linear = n === 0 ? new Float64Array(need) : readFloats(r, n, 'gblinear weights');
    if (linear.length < need) {
      throw new MojoFormatError(`${origin}: gblinear has ${linear.length} weights, needs ${need}`);
    }
    return { ...common, forest: null, treeGroup: new Int32Array(0), treeWeight: null, linear };
  }

  const ntrees = r.i32();
  r.i32(); // num_roots
  r.skip(8); // deprecated num_feature, padding
  const numPbuffer = r.i64();
  r.i32(); // num_output_group (unused)
  const sizeLeafVector = r.i32();
  r.skip(GBTREE_RESERVED_INTS * 4 + 4);
  // Every tree takes bytes of its own: a count beyond the remaining bytes is corrupt (and
  // must not reach an allocation).
  if (ntrees < 0 || ntrees > r.remaining) throw new MojoFormatError(`${origin}: bad tree count ${ntrees}`);
  const forest = readForest(r, ntrees);
  const treeGroup = new Int32Array(ntrees);
  for (let t = 0; t < ntrees; t++) treeGroup[t] = r.i32();
  if (numPbuffer !== 0 && extraAttrs !== 0) {
    // A negative size skips nothing in the reference (InputStream.skip), so only skip forward.
    const bufBytes = 4 * groups * numPbuffer * (sizeLeafVector + 1);
    if (bufBytes > 0) {
      r.skip(bufBytes);
      r.skip(bufBytes);
    }
  }
  let treeWeight: Float64Array | null = null;
  if (kind === 'dart') {
    const drops = ntrees !== 0 ? readFloats(r, r.i64(), 'dart weight_drop') : new Float64Array(0);
    // The predictor indexes weight_drop by a tree's position inside its output group.
    treeWeight = new Float64Array(ntrees);
    const seen = new Int32Array(groups);
    for (let t = 0; t < ntrees; t++) {
      const g = treeGroup[t];
      if (g < 0 || g >= groups) continue;
      const pos = seen[g]++;
      if (pos >= drops.length) throw new MojoFormatError(`${origin}: dart has ${drops.length} tree weights, tree ${t} needs more`);
      treeWeight[t] = drops[pos];
    }
  }
  return { ...common, forest, treeGroup, treeWeight, linear: null };
}

/**
 * Margins of every output group for the encoded feature vector `fv`, starting from `base`
 * (base_score, or the row's offset). Float32 arithmetic in the reference's order. `compiled`
 * (compileForest of the same booster) replaces the tree interpreter when given.
 */
export function predictMargins(
  b: Booster,
  fv: Float64Array,
  base: number,
  out: Float64Array,
  compiled: CompiledForest | null = null,
): void {
  const groups = b.groups;
  const start = b.baseFirst ? base : 0;
  for (let g = 0; g < groups; g++) out[g] = start;
  const f = b.forest;
  if (compiled !== null) {
    compiled(fv, out);
  } else if (f !== null) {
    const tg = b.treeGroup;
    const w = b.treeWeight;
    const leaf = f.leaf;
    const nt = f.ntrees;
    for (let t = 0; t < nt; t++) {
      const g = tg[t];
      if (g < 0 || g >= groups) continue;
      const n = findLeaf(f, t, fv);
      out[g] = Math.fround(out[g] + (w === null ? leaf[n] : Math.fround(w[t] * leaf[n])));
    }
  } else {
    const wts = b.linear!;
    const nf = b.numFeature;
    for (let g = 0; g < groups; g++) {
      let psum = Math.fround(wts[nf * groups + g] + start);
      for (let fid = 0; fid < nf; fid++) {
        const v = fv[fid];
        if (v === v) psum = Math.fround(psum + Math.fround(v * wts[fid * groups + g]));
      }
      out[g] = psum;
    }
  }
  if (!b.baseFirst) for (let g = 0; g < groups; g++) out[g] = Math.fround(out[g] + base);
}
