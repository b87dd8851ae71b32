/**
 * GBM MOJO writer (mojo_version 1.40 by default, like h2o 3.32+) and a reference scorer that
 * computes what h2o-genmodel's GbmMojoModel.score0 returns for a row, straight from the
 * in-memory trees.
 */
import { encodeAux, encodeTree, scoreTree, leafAssignment, type TreeNode } from './tree.ts';
import { domainFileNames, int, raw, renderDomain, renderIni, type IniValue } from './ini.ts';
import { utf8, zipFiles, type MojoFiles } from './zip.ts';

export interface ColumnSpec {
  name: string;
  /** Levels of a categorical column (index = encoded value); omit for numeric. */
  domain?: readonly string[];
}

export type GbmDistribution =
  | 'bernoulli'
  | 'quasibinomial'
  | 'multinomial'
  | 'gaussian'
  | 'poisson'
  | 'gamma'
  | 'tweedie'
  | 'laplace'
  | 'quantile'
  | 'huber';

export interface GbmMojoSpec {
  /** Feature columns in model order. */
  features: readonly ColumnSpec[];
  /** Response column; give a domain for classification. */
  response: ColumnSpec;
  distribution: GbmDistribution;
  /** Written as link_function; defaults to h2o's default for the distribution. */
  linkFunction?: 'identity' | 'logit' | 'log' | 'inverse';
  initF: number;
  /**
   * trees[group][classIndex]: one tree per group for regression and binomial, one per class for
   * multinomial. A null entry is an absent (empty) tree.
   */
  trees: readonly (readonly (TreeNode | null)[])[];
  defaultThreshold?: number;
  priorClassDistrib?: readonly number[];
  modelClassDistrib?: readonly number[];
  uuid?: string;
  timestamp?: string;
  h2oVersion?: string;
  /** 1.40 (default) adds _genmodel_encoding; 1.20/1.30 omit it. */
  mojoVersion?: '1.20' | '1.30' | '1.40';
  /** Extra [info] keys appended verbatim (e.g. offset_column). */
  extraInfo?: readonly (readonly [string, IniValue])[];
}

function defaultLink(d: GbmDistribution): string {
  if (d === 'bernoulli' || d === 'quasibinomial') return 'logit';
  if (d === 'multinomial' || d === 'poisson' || d === 'gamma' || d === 'tweedie') return 'log';
  return 'identity';
}

function nclasses(spec: GbmMojoSpec): number {
  return spec.response.domain ? spec.response.domain.length : 1;
}

function category(spec: GbmMojoSpec): string {
  const k = nclasses(spec);
  return k === 1 ? 'Regression' : k === 2 ? 'Binomial' : 'Multinomial';
}

export function treesPerClass(spec: GbmMojoSpec): number {
  return spec.distribution === 'multinomial' && nclasses(spec) > 2 ? nclasses(spec) : 1;
}

function validate(spec: GbmMojoSpec): void {
  const tpc = treesPerClass(spec);
  for (const [g, group] of spec.trees.entries()) {
    if (group.length !== tpc) throw new Error(`tree group ${g} has ${group.length} trees, expected ${tpc}`);
  }
  const k = nclasses(spec);
  if ((spec.distribution === 'bernoulli' || spec.distribution === 'quasibinomial') && k !== 2) {
    throw new Error(`${spec.distribution} needs a 2-level response domain`);
  }
  if (spec.distribution === 'multinomial' && k < 2) throw new Error('multinomial needs a response domain');
}

/** The MOJO's entries (name → bytes) in the order they are zipped. */
export function gbmMojoFiles(spec: GbmMojoSpec): MojoFiles {
  validate(spec);
  const columns = [...spec.features, spec.response];
  const names = columns.map((c) => c.name);
  const domains = columns.map((c) => c.domain ?? null);
  const version = spec.mojoVersion ?? '1.40';
  const k = nclasses(spec);
  const tpc = treesPerClass(spec);
  const classifier = k > 1;
  const info: (readonly [string, IniValue | undefined])[] = [
    ['h2o_version', spec.h2oVersion ?? '3.46.0.1'],
    ['mojo_version', raw(version)],
    ['license', 'Apache License Version 2.0'],
    ['algo', 'gbm'],
    ['algorithm', 'Gradient Boosting Machine'],
    ['endianness', 'LITTLE_ENDIAN'],
    ['category', category(spec)],
    ['uuid', spec.uuid ?? '1234567890123456789'],
    ['supervised', true],
    ['n_features', int(spec.features.length)],
    ['n_classes', int(k)],
    ['n_columns', int(columns.length)],
    ['n_domains', int(domains.filter((d) => d != null).length)],
    ['balance_classes', false],
    ['default_threshold', spec.defaultThreshold ?? 0.5],
    ['prior_class_distrib', classifier ? (spec.priorClassDistrib ?? null) : null],
    ['model_class_distrib', classifier ? (spec.modelClassDistrib ?? null) : null],
    ['timestamp', spec.timestamp ?? '2024-01-01T12:00:00.000Z'],
    ['escape_domain_values', true],
    ['n_trees', int(spec.trees.length)],
    ['n_trees_per_class', int(tpc)],
    ['_genmodel_encoding', version === '1.40' ? 'AUTO' : undefined],
    ['_orig_projection_array', version === '1.40' ? null : undefined],
    ['distribution', spec.distribution],
    ['link_function', spec.linkFunction ?? defaultLink(spec.distribution)],
    ['init_f', spec.initF],
    ...(spec.extraInfo ?? []),
  ];
  const files = new Map<string, Uint8Array>();
  files.set('model.ini', utf8(renderIni({ info, columns: { names, domains } })));
  for (const [i, file] of domainFileNames(domains)) files.set(`domains/${file}`, utf8(renderDomain(domains[i]!)));
  spec.trees.forEach((group, g) => {
    group.forEach((tree, c) => {
      if (tree == null) return;
      const base = `trees/t${String(c).padStart(2, '0')}_${String(g).padStart(3, '0')}`;
      files.set(`${base}.bin`, encodeTree(tree));
      files.set(`${base}_aux.bin`, encodeAux(tree));
    });
  });
  return files;
}

/** The MOJO as zip bytes (deterministic). */
export function writeGbmMojo(spec: GbmMojoSpec): Uint8Array {
  return zipFiles(gbmMojoFiles(spec));
}

function linkInv(link: string, f: number): number {
  switch (link) {
    case 'log':
      return Math.min(1e19, Math.exp(f));
    case 'logit':
      return 1 / (1 + Math.min(1e19, Math.exp(-f)));
    case 'inverse': {
      const x = f < 0 ? Math.min(-1e-5, f) : Math.max(-1e-5, f);
      return 1 / x;
    }
    default:
      return f;
  }
}

/**
 * What h2o-genmodel's score0 returns for an encoded row (categoricals as level indices, NaN =
 * missing): regression [value]; classification [class index, p(class 0), p(class 1), …].
 */
export function gbmPredict(spec: GbmMojoSpec, row: ArrayLike<number>, offset = 0): number[] {
  const domains = [...spec.features.map((c) => c.domain ?? null), spec.response.domain ?? null];
  const k = nclasses(spec);
  const preds = new Array<number>(k === 1 ? 1 : k + 1).fill(0);
  const clOffset = k === 1 ? 0 : 1;
  const tpc = treesPerClass(spec);
  for (let c = 0; c < tpc; c++) {
    for (const group of spec.trees) {
      const t = group[c];
      if (t != null) preds[clOffset + c] += scoreTree(t, row, domains);
    }
  }
  const link = spec.linkFunction ?? defaultLink(spec.distribution);
  if (spec.distribution === 'bernoulli' || spec.distribution === 'quasibinomial') {
    const p1 = linkInv(link, preds[1] + spec.initF + offset);
    preds[2] = p1;
    preds[1] = 1 - p1;
  } else if (spec.distribution === 'multinomial') {
    if (k === 2) {
      preds[1] += spec.initF + offset;
      preds[2] = -preds[1];
    }
    let max = -Infinity;
    for (let i = 1; i < preds.length; i++) max = Math.max(max, preds[i]);
    let sum = 0;
    for (let i = 1; i < preds.length; i++) sum += preds[i] = Math.exp(preds[i] - max);
    for (let i = 1; i < preds.length; i++) preds[i] /= sum;
  } else {
    preds[0] = linkInv(link, preds[0] + spec.initF + offset);
    return preds;
  }
  if (k === 2) {
    preds[0] = preds[2] >= (spec.defaultThreshold ?? 0.5) ? 1 : 0;
  } else {
    // argmax, first index wins (h2o breaks exact ties pseudo-randomly; avoid ties in tests)
    let best = 1;
    for (let i = 2; i < preds.length; i++) if (preds[i] > preds[best]) best = i;
    preds[0] = best - 1;
  }
  return preds;
}

/** Leaf paths per tree ("T1.C1" order: class-major, as h2o's leaf_node_assignment). */
export function gbmLeafPaths(spec: GbmMojoSpec, row: ArrayLike<number>): string[] {
  const domains = [...spec.features.map((c) => c.domain ?? null), spec.response.domain ?? null];
  const out: string[] = [];
  const tpc = treesPerClass(spec);
  for (let c = 0; c < tpc; c++) {
    for (const group of spec.trees) {
      const t = group[c];
      if (t != null) out.push(leafAssignment(t, row, domains).path);
    }
  }
  return out;
}
