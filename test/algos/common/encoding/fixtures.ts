/**
 * Small MOJOs trained "as if" with a non-AUTO categorical_encoding: the model's own columns are
 * the encoded ones; model.ini records `_genmodel_encoding` and the original columns the way
 * h2o's ModelMojoWriter does (`_n_orig_names` + text entry `_orig_names`, `_n_orig_domain_values`,
 * `_m_orig_domain_values_<i>` + text entry `_orig_domain_values_<i>`, `_orig_projection_array`).
 * The encoded layouts follow h2o-genmodel's wrapper (numerics first for one-hot/binary, …).
 * The expected numbers in the tests were produced by h2o-genmodel (EasyPredictModelWrapper).
 */
import { unzipSync } from 'fflate';
import {
  gbmMojoFiles,
  javaDouble,
  leaf,
  renderDomain,
  split,
  utf8,
  zipFiles,
  type ColumnSpec,
  type TreeNode,
} from '../../../support/mojo-writer/index.ts';
import { baseInfo, writeDenseMojo, type InfoValue } from '../../../support/dense-mojo.ts';

export const COLOR = ['red', 'green', 'blue'] as const;
export const SIZE = ['S', 'M', 'L'] as const;
export const CODE = ['10', '2', 'abc', '-3', '+7'] as const;

/** Original columns (response last, as h2o records them). */
const ORIG: readonly ColumnSpec[] = [
  { name: 'color', domain: COLOR },
  { name: 'x' },
  { name: 'size', domain: SIZE },
  { name: 'code', domain: CODE },
  { name: 'y' },
];

/** Rows (orig columns; '' = absent) scored by every fixture. */
export const CSV_HEADER = ['color', 'x', 'size', 'code'] as const;
export const ROWS: readonly (readonly string[])[] = [
  ['red', '1', 'S', '10'],
  ['green', '3', 'M', '2'],
  ['blue', '', 'L', 'abc'],
  ['', '2', '', '-3'],
  ['purple', '4', 'XL', '+7'],
  ['red', '2.5', 'M', ''],
  ['blue', '0', 'S', '99'],
  ['green', '-1', '', '10'],
  ['', '', '', ''],
  ['green ', '5', 'L', '2'],
];

export function rowsCsv(): string {
  return `${[CSV_HEADER.join(','), ...ROWS.map((r) => r.map((c) => (c.includes(' ') ? `"${c}"` : c)).join(','))].join('\n')}\n`;
}

export type Encoding = 'OneHotExplicit' | 'Binary' | 'Eigen' | 'LabelEncoder' | 'EnumLimited';

/** Eigen projections: color, size, code (one value per level). */
export const PROJECTION = [0.3, -0.6, 0.123456789, 1.5, -2.25, 0.7, 2, -1, 0.5, 3.3, -0.1];

/** The orig keys and files h2o writes next to the model. */
function origEntries(encoding: string, projection: readonly number[] | null): { info: string[]; files: Map<string, Uint8Array> } {
  const info = [
    `_genmodel_encoding = ${encoding}`,
    `_orig_projection_array = ${projection === null ? 'null' : `[${projection.join(', ')}]`}`,
    `_n_orig_names = ${ORIG.length}`,
    `_n_orig_domain_values = ${ORIG.length}`,
  ];
  const files = new Map<string, Uint8Array>();
  files.set('_orig_names', utf8(ORIG.map((c) => `${c.name}\n`).join('')));
  ORIG.forEach((c, i) => {
    info.push(`_m_orig_domain_values_${i} = ${c.domain?.length ?? 0}`);
    if (c.domain) files.set(`_orig_domain_values_${i}`, utf8(renderDomain(c.domain)));
  });
  return { info, files };
}

/** Replaces the writer's AUTO encoding keys with the given ones and adds the orig files. */
function withOrig(files: ReadonlyMap<string, Uint8Array>, encoding: string, projection: readonly number[] | null): Uint8Array {
  const { info, files: extra } = origEntries(encoding, projection);
  let ini = new TextDecoder().decode(files.get('model.ini')!);
  ini = ini
    .split('\n')
    .filter((l) => !l.startsWith('_genmodel_encoding') && !l.startsWith('_orig_projection_array'))
    .join('\n')
    .replace('\n\n[columns]', `\n${info.join('\n')}\n\n[columns]`);
  const out = new Map(files);
  out.set('model.ini', utf8(ini));
  for (const [k, v] of extra) out.set(k, v);
  return zipFiles(out);
}

const num = (threshold: number) => ({ type: 'numeric' as const, threshold });
const naRest = { type: 'naVsRest' as const };

interface TreeLayout {
  features: ColumnSpec[];
  trees: TreeNode[];
}

function gbmLayout(encoding: Encoding): TreeLayout {
  const xTree = (col: number): TreeNode => split(col, 'NALeft', num(2.5), leaf(0.05), leaf(-0.05));
  switch (encoding) {
    case 'OneHotExplicit': {
      const features = [
        { name: 'x' },
        ...COLOR.map((l) => ({ name: `color.${l}` })),
        { name: 'color.missing(NA)' },
        ...SIZE.map((l) => ({ name: `size.${l}` })),
        { name: 'size.missing(NA)' },
        ...CODE.map((l) => ({ name: `code.${l}` })),
        { name: 'code.missing(NA)' },
      ];
      return {
        features,
        trees: [
          split(4, 'NALeft', num(0.5), split(2, 'NALeft', num(0.5), leaf(0.1), leaf(0.3)), leaf(0.7)),
          split(8, 'NALeft', num(0.5), split(7, 'NARight', num(0.5), leaf(-0.2), leaf(0.4)), leaf(0.9)),
          split(14, 'NARight', num(0.5), split(11, 'NALeft', num(0.5), leaf(0.01), leaf(0.02)), leaf(0.03)),
          xTree(0),
        ],
      };
    }
    case 'Binary': {
      // color: 3 levels → 2 bits; size: 2 bits; code: 5 levels → 3 bits
      const features = [
        { name: 'x' },
        { name: 'color:0' },
        { name: 'color:1' },
        { name: 'size:0' },
        { name: 'size:1' },
        { name: 'code:0' },
        { name: 'code:1' },
        { name: 'code:2' },
      ];
      const twoBits = (c: number, a: number, b: number, cc: number, d: number, na: number): TreeNode =>
        split(
          c,
          'NAvsREST',
          naRest,
          split(c, 'Left', num(0.5), split(c + 1, 'Left', num(0.5), leaf(a), leaf(b)), split(c + 1, 'Left', num(0.5), leaf(cc), leaf(d))),
          leaf(na),
        );
      return {
        features,
        trees: [
          twoBits(1, 0.11, 0.22, 0.33, 0.44, 0.55),
          twoBits(3, -0.1, -0.2, -0.3, -0.4, -0.5),
          split(7, 'NARight', num(0.5), leaf(0.001), leaf(0.002)),
          xTree(0),
        ],
      };
    }
    case 'Eigen':
      return {
        features: [{ name: 'color.Eigen' }, { name: 'x' }, { name: 'size.Eigen' }, { name: 'code.Eigen' }],
        trees: [
          split(
            0,
            'NALeft',
            num(0.123456789),
            split(0, 'NALeft', num(0), leaf(0.1), leaf(0.2)),
            split(0, 'Left', num(0.2), leaf(0.3), leaf(0.4)),
          ),
          split(2, 'NARight', num(0), leaf(-0.25), split(2, 'Left', num(1), leaf(0.6), leaf(0.8))),
          xTree(1),
        ],
      };
    case 'LabelEncoder':
      return {
        features: [{ name: 'color' }, { name: 'x' }, { name: 'size' }, { name: 'code' }],
        trees: [
          split(0, 'NALeft', num(0.5), leaf(0.1), split(0, 'Left', num(1.5), leaf(0.2), leaf(0.3))),
          split(3, 'NARight', num(5), split(3, 'Left', num(0), leaf(-0.3), split(3, 'Left', num(2.5), leaf(0.15), leaf(0.25))), leaf(0.5)),
          split(2, 'NALeft', num(1.5), leaf(0.07), leaf(0.08)),
          xTree(1),
        ],
      };
    case 'EnumLimited':
      return {
        features: [
          { name: 'color.top_1_levels', domain: ['red', 'other'] },
          { name: 'x' },
          { name: 'size.top_2_levels', domain: ['S', 'M'] },
          { name: 'code.top_3_levels', domain: ['abc', '10', 'other'] },
        ],
        trees: [
          split(0, 'NALeft', { type: 'bitset', rightLevels: [1] }, leaf(0.1), leaf(0.2)),
          split(2, 'NARight', { type: 'bitset', rightLevels: [1] }, leaf(-0.1), leaf(-0.2)),
          split(3, 'NALeft', { type: 'bitset', rightLevels: [0, 2] }, leaf(0.01), leaf(0.03)),
          xTree(1),
        ],
      };
  }
}

/** A GBM (gaussian regression, init_f 1) on the encoded columns of `encoding`. */
export function gbmEncoded(encoding: Encoding): Uint8Array {
  const { features, trees } = gbmLayout(encoding);
  const files = gbmMojoFiles({
    features,
    response: { name: 'y' },
    distribution: 'gaussian',
    initF: 1,
    trees: trees.map((t) => [t]),
  });
  return withOrig(files, encoding, encoding === 'Eigen' ? PROJECTION : null);
}

/** A double[] as h2o writes it (integral values keep their '.0', or Java reads an int[]). */
const dbl = (xs: readonly number[]): string => `[${xs.map(javaDouble).join(', ')}]`;

/** A deep learning regression (mojo 1.10) on the numeric encoded columns of `encoding`. */
export function dlEncoded(encoding: 'Binary' | 'Eigen' | 'LabelEncoder'): Uint8Array {
  const names = gbmLayout(encoding).features.map((c) => c.name);
  const n = names.length;
  const w0: number[] = [];
  for (let i = 0; i < 2 * n; i++) w0.push(((i * 7) % 11) / 10 - 0.45);
  const info: Record<string, InfoValue> = baseInfo('deeplearning', 'Deep Learning', 'Regression', {
    mojo_version: '1.10',
    supervised: true,
    n_features: n,
    n_classes: 1,
    mini_batch_size: 1,
    nums: n,
    cats: 0,
    cat_offsets: [0],
    norm_mul: dbl(names.map((_, i) => 1 + i / 4)),
    norm_sub: dbl(names.map((_, i) => i / 3)),
    norm_resp_mul: null,
    norm_resp_sub: null,
    use_all_factor_levels: true,
    activation: 'Tanh',
    distribution: 'gaussian',
    mean_imputation: true,
    neural_network_sizes: [n, 2, 1],
    hidden_dropout_ratios: dbl([0, 0]),
    weight_layer0: dbl(w0),
    bias_layer0: dbl([0.1, -0.2]),
    weight_layer1: dbl([0.7, -1.3]),
    bias_layer1: dbl([0.25]),
  });
  const entries = new Map(Object.entries(unzipSync(writeDenseMojo({ info, columns: [...names, 'y'] }))));
  return withOrig(entries, encoding, encoding === 'Eigen' ? PROJECTION : null);
}
