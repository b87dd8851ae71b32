/**
 * A minimal shared-tree MOJO writer for tests of the DRF, Isolation Forest and Uplift DRF
 * readers: model.ini with the given [info] keys, domains, and trees/tCC_GGG(.bin|_aux.bin).
 */
import {
  encodeAux,
  encodeTree,
  int,
  raw,
  renderDomain,
  renderIni,
  utf8,
  zipFiles,
  type IniValue,
  type TreeNode,
} from './mojo-writer/index.ts';

export interface TreeMojoSpec {
  algo: string;
  algorithm: string;
  category: string;
  /** Feature columns then (when supervised) the response; domain null for numeric. */
  columns: readonly { name: string; domain?: readonly string[] }[];
  nfeatures: number;
  nclasses: number;
  supervised: boolean;
  /** trees[group][class]; null = absent tree. */
  trees: readonly (readonly (TreeNode | null)[])[];
  mojoVersion?: string;
  info?: readonly (readonly [string, IniValue])[];
}

export function writeTreeMojo(spec: TreeMojoSpec): Uint8Array {
  const domains = spec.columns.map((c) => c.domain ?? null);
  const tpc = spec.trees[0]?.length ?? 1;
  const version = spec.mojoVersion ?? '1.40';
  const info: (readonly [string, IniValue | undefined])[] = [
    ['h2o_version', '3.46.0.1'],
    ['mojo_version', raw(version)],
    ['algo', spec.algo],
    ['algorithm', spec.algorithm],
    ['endianness', 'LITTLE_ENDIAN'],
    ['category', spec.category],
    ['uuid', '42'],
    ['supervised', spec.supervised],
    ['n_features', int(spec.nfeatures)],
    ['n_classes', int(spec.nclasses)],
    ['n_columns', int(spec.columns.length)],
    ['n_domains', int(domains.filter((d) => d != null).length)],
    ['balance_classes', false],
    ['default_threshold', 0.5],
    ['n_trees', int(spec.trees.length)],
    ['n_trees_per_class', int(tpc)],
    ['_genmodel_encoding', version === '1.40' ? 'AUTO' : undefined],
    ...(spec.info ?? []),
  ];
  const files = new Map<string, Uint8Array>();
  files.set('model.ini', utf8(renderIni({ info, columns: { names: spec.columns.map((c) => c.name), domains } })));
  let k = 0;
  domains.forEach((d) => {
    if (d != null) files.set(`domains/d${String(k++).padStart(3, '0')}.txt`, utf8(renderDomain(d)));
  });
  for (const [g, group] of spec.trees.entries())
    for (const [c, tree] of group.entries()) {
      if (tree == null) continue;
      const base = `trees/t${String(c).padStart(2, '0')}_${String(g).padStart(3, '0')}`;
      files.set(`${base}.bin`, encodeTree(tree));
      files.set(`${base}_aux.bin`, encodeAux(tree));
    }
  return zipFiles(files);
}
