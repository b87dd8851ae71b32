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
  'Binomial',
  'Multinomial',
  'Ordinal',
  'Regression',
  'Clustering',
  'AutoEncoder',
  'DimReduction',
  'WordEmbedding',
  'CoxPH',
  'AnomalyDetection',
  'KLime',
  'TargetEncoder',
  'BinomialUplift',
  'Unknown',
]);

/** ModelMojoFactory's long algorithm names → the short `algo` keys readers register under. */
const ALGO_BY_NAME: ReadonlyMap<string, string> = new Map([
  ['Distributed Random Forest', 'drf'],
  ['Gradient Boosting Method', 'gbm'],
  ['Gradient Boosting Machine', 'gbm'],
  ['Generalized Low Rank Modeling', 'glrm'],
  ['Generalized Low Rank Model', 'glrm'],
  ['Generalized Linear Modeling', 'glm'],
  ['Generalized Linear Model', 'glm'],
  ['Generalized Additive Model', 'gam'],
  ['Word2Vec', 'word2vec'],
  ['TargetEncoder', 'targetencoder'],
  ['Isolation Forest', 'isolationforest'],
  ['Extended Isolation Forest', 'extendedisolationforest'],
  ['K-means', 'kmeans'],
  ['Deep Learning', 'deeplearning'],
  ['deep learning', 'deeplearning'],
  ['Support Vector Machine (*Spark*)', 'svm'],
  ['StackedEnsemble', 'stackedensemble'],
  ['Stacked Ensemble', 'stackedensemble'],
  ['k-LIME', 'klime'],
  ['MOJO Pipeline', 'pipeline'],
  ['Principal Components Analysis', 'pca'],
  ['Cox Proportional Hazards', 'coxph'],
  ['RuleFit', 'rulefit'],
  ['Isotonic Regression', 'isotonicregression'],
  ['Uplift Distributed Random Forest', 'upliftdrf'],
  ['XGBoost', 'xgboost'],
]);

/** Predictor column counts (h2o's DataInfo) that several algorithms keep in [info] and size rows from. */
const COLUMN_COUNT_KEYS = ['cats', 'nums', 'num_numerical_columns'] as const;

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
  // h2o-genmodel dispatches on the long `algorithm` name; very old MOJOs (e.g. GLM 3.11) carry
  // only that, so the short key is derived from it when `algo` is absent.
  const algo = info.str('algo') ?? ALGO_BY_NAME.get(info.str('algorithm', ''));
  if (algo === undefined) throw new MojoFormatError(`${src.origin}: model.ini has no 'algo' and no known 'algorithm' name`);
  const escaped = info.bool('escape_domain_values', false);
  const columns = ini.columns;
  const domains: (string[] | null)[] = columns.map(() => null);
  // Columns may share one domain file: each file is read and split once, and each (file, count)
  // becomes one level array the columns share (readers never modify domains).
  const domainFiles = new Map<string, string[]>();
  const levelArrays = new Map<string, string[]>();
  for (const [idx, ref] of ini.domains) {
    if (idx >= columns.length) continue; // h2o also ignores stray domain entries
    const key = `${ref.count}:${ref.file}`;
    let levels = levelArrays.get(key);
    if (levels === undefined) {
      let lines = domainFiles.get(ref.file);
      if (lines === undefined) {
        lines = splitLines(src.text(`domains/${ref.file}`));
        domainFiles.set(ref.file, lines);
      }
      if (lines.length < ref.count) {
        throw new MojoFormatError(`${src.origin}: domains/${ref.file} has ${lines.length} levels, model.ini says ${ref.count}`);
      }
      // A pointer per level: columns naming one file with many different counts must pay for each copy.
      src.budget.chargeDecoded(`domains/${ref.file}`, ref.count * 8);
      const kept = lines.slice(0, ref.count);
      levels = escaped ? kept.map(unescapeNewlines) : kept;
      levelArrays.set(key, levels);
    }
    domains[idx] = levels;
  }
  const supervised = info.bool('supervised', false);
  const categoryRaw = info.str('category', 'Unknown');
  if (!CATEGORIES.has(categoryRaw)) throw new MojoFormatError(`${src.origin}: unknown model category '${categoryRaw}'`);
  // Counts are checked against what the file lists before anything is sized from them.
  const nfeatures = info.int('n_features', supervised ? columns.length - 1 : columns.length);
  if (nfeatures < 0 || nfeatures > columns.length) {
    throw new MojoFormatError(`${src.origin}: model.ini says n_features = ${nfeatures} but lists ${columns.length} columns`);
  }
  const nclasses = info.int('n_classes', 0);
  const responseLevels = supervised && columns.length > 0 ? (domains[columns.length - 1]?.length ?? 0) : 0;
  // Without a response domain a classifier is binomial on a 0/1 response, hence the 2.
  if (nclasses < 0 || nclasses > Math.max(2, responseLevels)) {
    throw new MojoFormatError(`${src.origin}: model.ini says n_classes = ${nclasses} but the response has ${responseLevels} levels`);
  }
  const ndomains = info.int('n_domains', ini.domains.size);
  if (ndomains !== ini.domains.size) {
    throw new MojoFormatError(`${src.origin}: model.ini says n_domains = ${ndomains} but lists ${ini.domains.size} domains`);
  }
  for (const key of COLUMN_COUNT_KEYS) {
    const n = info.has(key) ? info.int(key) : 0;
    if (n < 0 || n > columns.length) {
      throw new MojoFormatError(`${src.origin}: model.ini says ${key} = ${n} but lists ${columns.length} columns`);
    }
  }
  return {
    algo,
    algorithmName: info.str('algorithm', algo),
    category: categoryRaw as ModelCategory,
    mojoVersion: info.num('mojo_version'),
    h2oVersion: info.str('h2o_version', 'unknown'),
    uuid: info.str('uuid', ''),
    supervised,
    nfeatures,
    nclasses,
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
