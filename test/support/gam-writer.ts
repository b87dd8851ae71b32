/**
 * GAM MOJO writer for tests: model.ini keys and blobs exactly as h2o-genmodel's GamMojoReader
 * reads them (terms given in sorted order: cubic, I-spline, M-spline, thin plate). Expanded
 * column names are generated; the feature row is features + expanded centred columns.
 */
import { int, ints, type IniValue } from './mojo-writer/ini.ts';
import { writeLinearMojo } from './linear-mojo.ts';
import { beDoubles, beInts } from './mojo-writer/bytes.ts';

export type GamTermSpec =
  | { type: 0; source: string; knots: number[]; binvD: number[][]; zT: number[][] }
  | { type: 2; source: string; knots: number[]; order: number }
  | { type: 3; source: string; knots: number[]; order: number; zT: number[][] }
  | {
      type: 1;
      sources: string[];
      /** d rows of K knot coordinates. */
      knots: number[][];
      m: number;
      zCS: number[][];
      /** M rows of d exponents. */
      poly: number[][];
      zT: number[][];
    };

export interface GamSpec {
  category: string;
  family: string;
  link?: string;
  features: { name: string; domain?: readonly string[] }[];
  response: { name: string; domain?: readonly string[] };
  nclasses: number;
  cats: number;
  catOffsets: number[];
  useAll?: boolean;
  /** Single-output coefficients (centred), intercept last. */
  beta?: number[];
  /** Multinomial/ordinal: one row per class. */
  betaMulti?: number[][];
  terms: GamTermSpec[];
  catFills?: number[];
  numFills?: number[];
  standardize?: boolean;
  threshold?: number;
  tweediePower?: number;
  /** Extra / overriding [info] entries. */
  info?: [string, IniValue | undefined][];
  /** Entries to drop or replace. */
  files?: Record<string, Uint8Array | string>;
  omit?: string[];
}

const bsName = ['cr', 'tp', 'is', 'ms'];

function sources(t: GamTermSpec): string[] {
  return t.type === 1 ? t.sources : [t.source];
}
function numKnots(t: GamTermSpec): number {
  return t.type === 1 ? t.knots[0].length : t.knots.length;
}
/** Columns the term really occupies in the expanded row. */
export function centredWidth(t: GamTermSpec): number {
  const K = numKnots(t);
  if (t.type === 2) return K + t.order - 2;
  if (t.type === 3) return K + t.order - 3;
  return K - 1;
}
function rawWidth(t: GamTermSpec): number {
  const K = numKnots(t);
  return t.type === 2 || t.type === 3 ? K + t.order - 2 : K;
}

const flat = (m: number[][][]): number[] => m.flat(2);
/** One name per line, newline-terminated, as H2O writes its text entries. */
const lines = (names: readonly string[]): string => `${names.join('\n')}\n`;

export function expandedNames(s: GamSpec): string[] {
  return s.terms.flatMap((t) => Array.from({ length: centredWidth(t) }, (_, i) => `${sources(t).join('_')}_${bsName[t.type]}_${i}_center`));
}

export function writeGamMojo(s: GamSpec): Uint8Array {
  const terms = s.terms;
  const tps = terms.filter((t) => t.type === 1) as Extract<GamTermSpec, { type: 1 }>[];
  const count = (ty: number) => terms.filter((t) => t.type === ty).length;
  const centred = expandedNames(s);
  const noCentre = terms.flatMap((t) => Array.from({ length: rawWidth(t) }, (_, i) => `${sources(t).join('_')}_${bsName[t.type]}_${i}`));
  const featureNames = s.features.map((f) => f.name);
  const nums = s.features.length - s.cats;
  const multi = s.betaMulti !== undefined;
  const splineOrders = terms.map((t) => (t.type === 2 || t.type === 3 ? t.order : 0));
  const hasOrders = count(2) + count(3) > 0;
  const numKnotsSorted = terms.map(numKnots);
  const predSize = terms.map((t) => (t.type === 1 ? t.sources.length : 1));
  const zT = terms.map((t) => (t.type === 0 || t.type === 1 || t.type === 3 ? t.zT : []));
  const imp = s.catFills !== undefined || s.numFills !== undefined;
  const info: [string, IniValue | undefined][] = [
    ['use_all_factor_levels', s.useAll ?? false],
    ['cats', int(s.cats)],
    ['cat_offsets', ints(s.catOffsets)],
    ['numsCenter', int(nums)],
    ['num', int(nums + terms.length)],
    ['mean_imputation', imp],
    ['numNAFillsCenter', imp ? (s.numFills ?? []) : undefined],
    ['catNAFills', imp ? ints(s.catFills ?? []) : undefined],
    ['family', s.family],
    ['link', s.link],
    ['tweedie_link_power', s.tweediePower],
    ['num_knots', ints(numKnotsSorted)],
    ['num_knots_sorted', ints(numKnotsSorted)],
    ['gam_column_dim', ints(predSize)],
    ['gam_column_dim_sorted', ints(predSize)],
    ['num_expanded_gam_columns', int(noCentre.length)],
    ['num_expanded_gam_columns_center', int(centred.length)],
    ['total feature size', int(featureNames.length + noCentre.length)],
    ['gamColName_dim', ints(terms.map(rawWidth))],
    ...(multi
      ? ([
          ['beta length per class', int(s.betaMulti![0].length)],
          ['beta center length per class', int(s.betaMulti![0].length)],
        ] as [string, IniValue][])
      : ([
          ['beta', s.beta!.map((b) => b + 0.5)],
          ['beta length per class', int(s.beta!.length)],
          ['beta_center', s.beta!],
          ['beta center length per class', int(s.beta!.length)],
        ] as [string, IniValue][])),
    ['bs', ints(terms.map((t) => t.type))],
    ['bs_sorted', ints(terms.map((t) => t.type))],
    ['_d', ints(predSize)],
    ['num_TP_col', int(count(1))],
    ['num_CS_col', int(count(0))],
    ['num_IS_col', int(count(2))],
    ['num_MS_col', int(count(3))],
    ['spline_orders_sorted', hasOrders ? ints(splineOrders) : undefined],
    ['spline_orders', hasOrders ? ints(splineOrders) : undefined],
  ];
  const files: Record<string, Uint8Array | string> = {
    gam_columns: lines(terms.flatMap(sources)),
    gam_columns_sorted: lines(terms.flatMap(sources)),
    _names_no_centering: lines([...featureNames, ...noCentre]),
    gamColNamesCenter: lines(centred),
    gamColNames: lines(noCentre),
    knots: beDoubles(terms.flatMap((t) => (t.type === 1 ? t.knots.flat() : t.knots))),
    zTranspose: beDoubles(flat(zT)),
  };
  if (multi) {
    files.beta_multinomial = beDoubles(s.betaMulti!.flat().map((b) => b + 0.5));
    files.beta_multinomial_centering = beDoubles(s.betaMulti!.flat());
  }
  const cs = terms.filter((t) => t.type === 0) as Extract<GamTermSpec, { type: 0 }>[];
  if (cs.length > 0) files._binvD = beDoubles(flat(cs.map((t) => t.binvD)));
  if (tps.length > 0) {
    info.push(
      ['standardize', s.standardize ?? false],
      ['num_knots_TP', ints(tps.map((t) => t.knots[0].length))],
      ['_m', ints(tps.map((t) => t.m))],
      ['_M', ints(tps.map((t) => t.poly.length))],
    );
    files.gamColMeansRaw = beDoubles(tps.flatMap((t) => t.sources.map(() => 0.25)));
    files.gamColStdRaw = beDoubles(tps.flatMap((t) => t.sources.map(() => 2.0)));
    files.zTransposeCS = beDoubles(flat(tps.map((t) => t.zCS)));
    files.polynomialBasisList = beInts(tps.flatMap((t) => t.poly.flat()));
  }
  const overrides = new Map(s.info ?? []);
  const merged = info.filter(([k]) => !overrides.has(k)).concat([...overrides]);
  for (const [k, v] of Object.entries(s.files ?? {})) files[k] = v;
  for (const k of s.omit ?? []) delete files[k];
  return writeLinearMojo({
    algo: 'gam',
    algorithm: 'Generalized Additive Model',
    category: s.category,
    columns: [...s.features, ...centred.map((name) => ({ name })), s.response],
    nclasses: s.nclasses,
    defaultThreshold: s.threshold,
    info: merged.filter(([k]) => !(s.omit ?? []).includes(k)),
    files,
  });
}
