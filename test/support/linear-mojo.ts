/**
 * A tiny generic MOJO builder for the linear-family tests (GLM, CoxPH, RuleFit, GAM): common
 * [info] keys plus any algorithm keys, columns with domains, extra binary/text entries, zipped.
 */
import { int, renderDomain, renderIni, type IniValue } from './mojo-writer/ini.ts';
import { utf8, zipFiles } from './mojo-writer/zip.ts';
import { domainFileNames } from './mojo-writer/ini.ts';

export { int, ints, raw } from './mojo-writer/ini.ts';

export interface LinearMojoSpec {
  algo?: string;
  algorithm: string;
  category: string;
  columns: { name: string; domain?: readonly string[] }[];
  /** Defaults to columns.length - 1 (supervised). */
  nfeatures?: number;
  nclasses: number;
  defaultThreshold?: number;
  info: readonly (readonly [string, IniValue | undefined])[];
  /** Extra entries (relative paths) → bytes or text. */
  files?: Record<string, Uint8Array | string>;
  /** Prefix every entry (for nested models). */
  prefix?: string;
}

export function linearMojoFiles(s: LinearMojoSpec): Map<string, Uint8Array> {
  const names = s.columns.map((c) => c.name);
  const domains = s.columns.map((c) => c.domain ?? null);
  const info: (readonly [string, IniValue | undefined])[] = [
    ['h2o_version', '3.46.0.1'],
    ['mojo_version', { raw: '1.00' }],
    ['algo', s.algo],
    ['algorithm', s.algorithm],
    ['category', s.category],
    ['uuid', '42'],
    ['supervised', true],
    ['n_features', int(s.nfeatures ?? names.length - 1)],
    ['n_classes', int(s.nclasses)],
    ['n_columns', int(names.length)],
    ['n_domains', int(domains.filter((d) => d != null).length)],
    ['balance_classes', false],
    ['default_threshold', s.defaultThreshold ?? 0.5],
    ['escape_domain_values', true],
    ...s.info,
  ];
  const p = s.prefix ?? '';
  const files = new Map<string, Uint8Array>();
  files.set(`${p}model.ini`, utf8(renderIni({ info, columns: { names, domains } })));
  for (const [i, file] of domainFileNames(domains)) files.set(`${p}domains/${file}`, utf8(renderDomain(domains[i]!)));
  for (const [k, v] of Object.entries(s.files ?? {})) files.set(`${p}${k}`, typeof v === 'string' ? utf8(v) : v);
  return files;
}

export function zipMojo(...parts: Map<string, Uint8Array>[]): Uint8Array {
  const all = new Map<string, Uint8Array>();
  for (const m of parts) for (const [k, v] of m) all.set(k, v);
  return zipFiles(all);
}

export function writeLinearMojo(s: LinearMojoSpec): Uint8Array {
  return zipMojo(linearMojoFiles(s));
}

/** A GLM spec helper: binomial/regression/multinomial/ordinal over the given columns. */
export function glmSpec(o: {
  category: string;
  columns: { name: string; domain?: readonly string[] }[];
  nclasses: number;
  family: string;
  link?: string;
  beta: readonly number[];
  cats: number;
  catOffsets: readonly number[];
  nums: number;
  useAll?: boolean;
  catModes?: readonly number[];
  numMeans?: readonly number[];
  threshold?: number;
  tweediePower?: number;
  noAlgo?: boolean;
  prefix?: string;
}): LinearMojoSpec {
  const imp = o.catModes !== undefined || o.numMeans !== undefined;
  return {
    algo: o.noAlgo ? undefined : 'glm',
    algorithm: 'Generalized Linear Modeling',
    category: o.category,
    columns: o.columns,
    nclasses: o.nclasses,
    defaultThreshold: o.threshold,
    prefix: o.prefix,
    info: [
      ['use_all_factor_levels', o.useAll ?? false],
      ['cats', int(o.cats)],
      ['cat_offsets', { raw: `[${o.catOffsets.join(', ')}]` }],
      ['nums', int(o.nums)],
      ['mean_imputation', imp],
      ['cat_modes', imp ? { raw: `[${(o.catModes ?? []).join(', ')}]` } : undefined],
      ['num_means', imp ? (o.numMeans ?? []) : undefined],
      ['beta', o.beta],
      ['family', o.family],
      ['link', o.link],
      ['tweedie_link_power', o.tweediePower],
    ],
  };
}
