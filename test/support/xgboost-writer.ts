/**
 * Test-side writer for XGBoost's legacy binary model (the `boosterBytes` H2O embeds), plus a
 * tiny XGBoost MOJO zip builder, so parser tests run on boosters built byte by byte.
 */
import { zipSync } from 'fflate';
import { ByteSink } from './mojo-writer/bytes.ts';

/** One node. Leaves have `leaf`; splits have feature/split/yes(left)/no(right). */
export type NodeSpec =
  | { leaf: number; cover?: number }
  | { feature: number; split: number; left: number; right: number; defaultLeft?: boolean; cover?: number };

export interface BoosterSpec {
  baseScore: number;
  numFeature: number;
  numClass?: number;
  major?: number;
  minor?: number;
  objective: string;
  booster: 'gbtree' | 'dart' | 'gblinear';
  binf?: boolean;
  trees?: NodeSpec[][];
  /** Output group per tree (default all 0). */
  treeInfo?: number[];
  weightDrop?: number[];
  linearWeights?: number[];
}

/** `n` zero ints (reserved fields of XGBoost's fixed-size parameter structs). */
function zeros(w: ByteSink, n: number): ByteSink {
  for (let i = 0; i < n; i++) w.i32(0);
  return w;
}

/** XGBoost's string: uint64 length, then the UTF-8 bytes. */
function str(w: ByteSink, s: string): ByteSink {
  const b = new TextEncoder().encode(s);
  return w.i64(b.length).bytes(b);
}

function writeTree(w: ByteSink, nodes: NodeSpec[]): void {
  zeros(w.i32(1).i32(nodes.length).i32(0).i32(0).i32(0).i32(0), 31);
  for (const n of nodes) {
    w.i32(-1); // parent (unused by the predictor)
    if ('leaf' in n) w.i32(-1).i32(-1).u32(0).f32(n.leaf);
    else
      w.i32(n.left)
        .i32(n.right)
        .u32((n.feature | (n.defaultLeft ? 0x80000000 : 0)) >>> 0)
        .f32(n.split);
  }
  for (const n of nodes)
    w.f32(0)
      .f32(n.cover ?? 1)
      .f32(0)
      .i32(0);
}

/** Serialises a booster in the legacy binary layout. */
export function writeBooster(s: BoosterSpec): Uint8Array {
  const w = new ByteSink();
  if (s.binf) w.bytes(new Uint8Array([0x62, 0x69, 0x6e, 0x66]));
  w.f32(s.baseScore)
    .u32(s.numFeature)
    .i32(s.numClass ?? 0)
    .i32(0)
    .i32(0)
    .u32(s.major ?? 0)
    .u32(s.minor ?? 0);
  zeros(w, 27);
  str(str(w, s.objective), s.booster);
  if (s.booster === 'gblinear') {
    zeros(w.u32(s.numFeature).i32(0), 32);
    const lw = s.linearWeights ?? [];
    w.i64(lw.length);
    for (const x of lw) w.f32(x);
    return w.toBytes();
  }
  const trees = s.trees ?? [];
  zeros(w.i32(trees.length).i32(1).i32(s.numFeature).i32(0).i64(0).i32(0).i32(0), 31).i32(0);
  for (const t of trees) writeTree(w, t);
  for (let i = 0; i < trees.length; i++) w.i32(s.treeInfo?.[i] ?? 0);
  if (s.booster === 'dart' && trees.length > 0) {
    const wd = s.weightDrop ?? trees.map(() => 1);
    w.i64(wd.length);
    for (const x of wd) w.f32(x);
  }
  return w.toBytes();
}

/** `auxNodeWeights` blob: little-endian int count, then per tree int n + n doubles. */
export function writeAuxNodeWeights(weights: number[][]): Uint8Array {
  const w = new ByteSink();
  w.i32(weights.length);
  for (const ws of weights) {
    w.i32(ws.length);
    for (const x of ws) w.f64(x);
  }
  return w.toBytes();
}

export interface MojoSpec {
  booster: Uint8Array;
  category: 'Regression' | 'Binomial' | 'Multinomial';
  /** Feature columns in order (categoricals first, as H2O writes them). */
  features: { name: string; domain?: string[] }[];
  response?: { name: string; domain?: string[] };
  offsetColumn?: string;
  mojoVersion?: string;
  boosterType?: string;
  sparse?: boolean;
  useAllFactorLevels?: boolean;
  extraInfo?: Record<string, string>;
  extraFiles?: Record<string, Uint8Array>;
}

/** A minimal XGBoost MOJO zip around `booster`. */
export function makeXgboostMojo(s: MojoSpec): Uint8Array {
  const enc = new TextEncoder();
  const cats = s.features.filter((f) => f.domain !== undefined);
  const nums = s.features.length - cats.length;
  const offsets = [0];
  // H2O reserves a missing-level slot per categorical only when all factor levels are used.
  const extraSlot = (s.useAllFactorLevels ?? true) ? 1 : 0;
  for (const c of cats) offsets.push(offsets[offsets.length - 1] + c.domain!.length + extraSlot);
  const response = s.response ?? { name: 'y' };
  const columns = [...s.features.map((f) => f.name), ...(s.offsetColumn ? [s.offsetColumn] : []), response.name];
  const nclasses = response.domain?.length ?? 1;
  const info: Record<string, string> = {
    h2o_version: '3.46.0.7',
    mojo_version: s.mojoVersion ?? '1.10',
    algo: 'xgboost',
    algorithm: 'XGBoost',
    endianness: 'LITTLE_ENDIAN',
    category: s.category,
    uuid: '42',
    supervised: 'true',
    balance_classes: 'false',
    n_features: String(s.features.length),
    n_classes: String(nclasses),
    n_columns: String(columns.length),
    n_domains: String(cats.length + (response.domain ? 1 : 0)),
    default_threshold: '0.5',
    prior_class_distrib: response.domain ? `[${response.domain.map(() => 1 / response.domain!.length).join(', ')}]` : 'null',
    nums: String(nums),
    cats: String(cats.length),
    cat_offsets: `[${offsets.join(', ')}]`,
    use_all_factor_levels: String(s.useAllFactorLevels ?? true),
    sparse: String(s.sparse ?? false),
    booster: s.boosterType ?? 'gbtree',
    ntrees: '1',
    ...(s.offsetColumn ? { offset_column: s.offsetColumn, has_offset: 'true' } : {}),
    ...s.extraInfo,
  };
  const files: Record<string, Uint8Array> = { boosterBytes: s.booster, ...s.extraFiles };
  const domainLines: string[] = [];
  let k = 0;
  columns.forEach((name, i) => {
    const dom = i < s.features.length ? s.features[i].domain : name === response.name ? response.domain : undefined;
    if (dom === undefined) return;
    const file = `d${String(k++).padStart(3, '0')}.txt`;
    domainLines.push(`${i}: ${dom.length} ${file}`);
    files[`domains/${file}`] = enc.encode(`${dom.join('\n')}\n`);
  });
  const ini = [
    '[info]',
    ...Object.entries(info).map(([a, b]) => `${a} = ${b}`),
    '',
    '[columns]',
    ...columns,
    '',
    '[domains]',
    ...domainLines,
    '',
  ];
  files['model.ini'] = enc.encode(ini.join('\n'));
  return zipSync(files);
}
