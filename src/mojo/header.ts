/**
 * The model header every MOJO shares: `[info]` common keys, column names and domains
 * (`domains/*.txt`, one level per line, optionally newline-escaped).
 */
import { MojoFormatError } from '../errors.ts';
import type { MojoSource } from './archive.ts';
import { ModelInfo } from './info.ts';
import { parseIni } from './ini.ts';
import { splitLines, unescapeNewlines } from './lines.ts';

export type ModelCategory =
  | 'Binomial'
  | 'Multinomial'
  | 'Ordinal'
  | 'Regression'
  | 'Clustering'
  | 'AutoEncoder'
  | 'DimReduction'
  | 'WordEmbedding'
  | 'CoxPH'
  | 'AnomalyDetection'
  | 'KLime'
  | 'TargetEncoder'
  | 'BinomialUplift'
  | 'Unknown';

const CATEGORIES: ReadonlySet<string> = new Set([
  'Binomial', 'Multinomial', 'Ordinal', 'Regression', 'Clustering', 'AutoEncoder', 'DimReduction',
  'WordEmbedding', 'CoxPH', 'AnomalyDetection', 'KLime', 'TargetEncoder', 'BinomialUplift', 'Unknown',
]);

export interface MojoHeader {
  /** Short algorithm key (`algorithm`'s code in model.ini `algo`), e.g. "gbm". */
  algo: string;
  /** Long name (`algorithm`), e.g. "Gradient Boosting Machine". */
  algorithmName: string;
  category: ModelCategory;
  mojoVersion: number;
  h2oVersion: string;
  uuid: string;
  supervised: boolean;
  nfeatures: number;
  nclasses: number;
  /** All columns: features first, then (offset/weights…), response last when supervised. */
  columns: string[];
  /** Per column: its levels, or null for numeric columns. */
  domains: (string[] | null)[];
  responseColumn: string | null;
  offsetColumn: string | null;
  treatmentColumn: string | null;
  defaultThreshold: number;
  balanceClasses: boolean;
  priorClassDistrib: number[] | undefined;
  modelClassDistrib: number[] | undefined;
  info: ModelInfo;
}

export function readHeader(src: MojoSource): MojoHeader {
  const ini = parseIni(src.text('model.ini'), `${src.origin}: model.ini`);
  const info = new ModelInfo(ini.info, `${src.origin}: model.ini`);
  const algo = info.str('algo');
  if (algo === undefined) throw new MojoFormatError(`${src.origin}: model.ini has no 'algo'`);
  const escape = info.bool('escape_domain_values', false);
  const columns = ini.columns;
  const domains: (string[] | null)[] = columns.map(() => null);
  for (const [idx, ref] of ini.domains) {
    if (idx >= columns.length) continue; // h2o also ignores stray domain entries
    const lines = splitLines(src.text(`domains/${ref.file}`));
    if (lines.length < ref.count) {
      throw new MojoFormatError(`${src.origin}: domains/${ref.file} has ${lines.length} levels, model.ini says ${ref.count}`);
    }
    const levels = lines.slice(0, ref.count);
    domains[idx] = escape ? levels.map(unescapeNewlines) : levels;
  }
  const supervised = info.bool('supervised', false);
  const categoryRaw = info.str('category', 'Unknown');
  if (!CATEGORIES.has(categoryRaw)) throw new MojoFormatError(`${src.origin}: unknown model category '${categoryRaw}'`);
  return {
    algo,
    algorithmName: info.str('algorithm', algo),
    category: categoryRaw as ModelCategory,
    mojoVersion: info.num('mojo_version'),
    h2oVersion: info.str('h2o_version', 'unknown'),
    uuid: info.str('uuid', ''),
    supervised,
    nfeatures: info.int('n_features', supervised ? columns.length - 1 : columns.length),
    nclasses: info.int('n_classes', 0),
    columns,
    domains,
    responseColumn: supervised && columns.length > 0 ? columns[columns.length - 1] : null,
    offsetColumn: info.str('offset_column') ?? null,
    treatmentColumn: info.str('treatment_column') ?? null,
    defaultThreshold: info.num('default_threshold', 0.5),
    balanceClasses: info.bool('balance_classes', false),
    priorClassDistrib: info.nums('prior_class_distrib'),
    modelClassDistrib: info.nums('model_class_distrib'),
    info,
  };
}
