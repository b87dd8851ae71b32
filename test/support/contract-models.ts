/**
 * One small writer-built MOJO per algorithm, for the shared contract suite
 * (test/algos/contract.test.ts): each case builds its artifact byte by byte (no golden fixtures)
 * and names one count in it that, made larger than what the artifact holds, must be refused as
 * MOJO_FORMAT.
 */
import { unzipSync, zipSync } from 'fflate';
import { baseInfo, writeDenseMojo } from './dense-mojo.ts';
import { glmSpec, int, linearMojoFiles, writeLinearMojo, zipMojo, type LinearMojoSpec } from './linear-mojo.ts';
import { beDoubles, beFloats, sizedBeDoubles } from './mojo-writer/bytes.ts';
import { glmMojoFiles, leaf, split, writeGbmMojo, zipFiles, type GlmMojoSpec } from './mojo-writer/index.ts';
import { buildMojo, eifTree, mojoEntries } from './multi-mojo.ts';
import { writeTreeMojo, type TreeMojoSpec } from './tree-mojo.ts';
import { makeXgboostMojo, writeBooster } from './xgboost-writer.ts';

export interface ContractCase {
  /** The `algo` of model.ini. */
  readonly algo: string;
  /** A variant label when an algorithm has several cases. */
  readonly name: string;
  build(): Uint8Array;
  /** The same artifact with one count in model.ini raised past what the artifact holds. */
  corruptCount(): Uint8Array;
}

/** Rewrites `key = …` in the model.ini of a zipped MOJO (the key must be there). */
export function withIniValue(mojo: Uint8Array, key: string, value: string): Uint8Array {
  const files = unzipSync(mojo);
  const ini = new TextDecoder().decode(files['model.ini']);
  const line = new RegExp(`^${key} = .*$`, 'm');
  if (!line.test(ini)) throw new Error(`model.ini has no '${key}'`);
  files['model.ini'] = new TextEncoder().encode(ini.replace(line, `${key} = ${value}`));
  return zipSync(files);
}

/** A case whose corrupt variant raises `key` in model.ini to `value`. */
export function caseOf(algo: string, name: string, build: () => Uint8Array, key: string, value: string): ContractCase {
  return { algo, name, build, corruptCount: () => withIniValue(build(), key, value) };
}

const stump = (col: number, t: number, l: number, r: number) => split(col, 'NALeft', { type: 'numeric', threshold: t }, leaf(l), leaf(r));

function tree(over: Partial<TreeMojoSpec>): Uint8Array {
  return writeTreeMojo({
    algo: 'drf',
    algorithm: 'Distributed Random Forest',
    category: 'Regression',
    columns: [{ name: 'a' }, { name: 'b', domain: ['p', 'q'] }, { name: 'y' }],
    nfeatures: 2,
    nclasses: 1,
    supervised: true,
    trees: [[stump(0, 1, 2, 4)], [stump(1, 1, 10, 20)]],
    ...over,
  });
}

const gbm = () =>
  writeGbmMojo({
    features: [{ name: 'x' }, { name: 'c', domain: ['u', 'v', 'w'] }],
    response: { name: 'y', domain: ['no', 'yes'] },
    distribution: 'bernoulli',
    initF: 0.25,
    trees: [[stump(0, 1, -0.5, 0.5)], [split(1, 'NARight', { type: 'numeric', threshold: 1 }, leaf(0.1), leaf(-0.2))]],
    extraInfo: [['offset_column', 'off']],
  });

const glm = () =>
  writeLinearMojo(
    glmSpec({
      category: 'Binomial',
      columns: [{ name: 'x' }, { name: 'y', domain: ['no', 'yes'] }],
      nclasses: 2,
      family: 'binomial',
      link: 'logit',
      cats: 0,
      catOffsets: [0],
      nums: 1,
      beta: [2, -0.25],
    }),
  );

const xgboost = () =>
  makeXgboostMojo({
    booster: writeBooster({
      baseScore: 0.5,
      numFeature: 1,
      objective: 'binary:logistic',
      booster: 'gbtree',
      major: 1,
      minor: 6,
      trees: [
        [
          { feature: 0, split: 0.5, left: 1, right: 2, defaultLeft: true },
          { leaf: -0.3, cover: 2 },
          { leaf: 0.4, cover: 3 },
        ],
      ],
    }),
    category: 'Binomial',
    features: [{ name: 'x' }],
    response: { name: 'y', domain: ['n', 'y'] },
  });

const deeplearning = () =>
  writeDenseMojo({
    info: baseInfo('deeplearning', 'Deep Learning', 'Regression', {
      supervised: true,
      n_features: 2,
      n_classes: 1,
      mini_batch_size: 1,
      nums: 2,
      cats: 0,
      cat_offsets: [0],
      norm_resp_mul: null,
      norm_resp_sub: null,
      use_all_factor_levels: true,
      activation: 'Maxout',
      distribution: 'gaussian',
      mean_imputation: true,
      neural_network_sizes: [2, 1, 1],
      hidden_dropout_ratios: [0, 0],
      weight_layer0: [1, -1, 2, 3],
      bias_layer0: [0.5, -1],
      weight_layer1: [2],
      bias_layer1: [1],
    }),
    columns: ['x1', 'x2', 'y'],
  });

const kmeans = () =>
  writeDenseMojo({
    info: baseInfo('kmeans', 'K-means', 'Clustering', {
      supervised: false,
      n_features: 2,
      n_classes: 1,
      standardize: false,
      center_num: 2,
      center_0: [0, 0],
      center_1: [10, 10],
    }),
    columns: ['a', 'b'],
  });

const pca = () =>
  writeDenseMojo({
    info: baseInfo('pca', 'Principal Components Analysis', 'DimReduction', {
      supervised: false,
      n_features: 2,
      n_classes: 2,
      k: 2,
      use_all_factor_levels: false,
      permutation: [0, 1],
      ncats: 1,
      nnums: 1,
      normSub: [1],
      normMul: [0.5],
      catOffsets: [0, 2],
      eigenvector_size: 3,
      pca_impl: 'x',
      pca_methods: 'GramSVD',
    }),
    columns: ['c', 'x'],
    domains: { 0: ['a', 'b', 'c'] },
    files: { eigenvectors_raw: beDoubles([1, 10, 2, 20, 3, 30]) },
  });

const svm = () =>
  writeDenseMojo({
    info: baseInfo('svm', 'Support Vector Machine (*Spark*)', 'Binomial', {
      supervised: true,
      n_features: 2,
      n_classes: 2,
      meanImputation: true,
      means: [1, 1],
      weights: [1, 2],
      interceptor: 0.5,
      defaultThreshold: 0,
      threshold: 0,
    }),
    columns: ['x1', 'x2', 'y'],
    domains: { 2: ['NO', 'YES'] },
  });

const glrm = () =>
  writeDenseMojo({
    info: baseInfo('glrm', 'Generalized Low Rank Modeling', 'DimReduction', {
      mojo_version: '1.10',
      supervised: false,
      n_features: 2,
      n_classes: 1,
      initialization: 'PlusPlus',
      regularizationX: 'None',
      gammaX: 0,
      ncolX: 2,
      seed: '12345',
      reverse_transform: true,
      cols_permutation: [0, 1],
      num_categories: 1,
      num_numeric: 1,
      norm_sub: [1],
      norm_mul: [2],
      transposed: true,
      ncolA: 2,
      ncolY: 4,
      nrowY: 2,
      num_levels_per_category: [3, -1],
      catOffsets: [0, 3],
    }),
    columns: ['c', 'x'],
    domains: { 0: ['p', 'q', 'r'] },
    files: { losses: 'Categorical\nQuadratic\n', archetypes: beDoubles([1, 0, 0, 1, 0, 1, 0, 0.5]) },
  });

const word2vec = () =>
  writeDenseMojo({
    info: baseInfo('word2vec', 'Word2Vec', 'WordEmbedding', { supervised: false, n_features: 0, n_classes: 1, vec_size: 2, vocab_size: 2 }),
    columns: [],
    files: { vocabulary: 'hello\nworld\n', vectors: beFloats([1, 0.1, 0, 0.2]) },
  });

const coxph = () =>
  writeLinearMojo({
    algo: 'coxph',
    algorithm: 'Cox Proportional Hazards',
    category: 'CoxPH',
    columns: [{ name: 'g', domain: ['a', 'b', 'c'] }, { name: 'x' }, { name: 'stop' }],
    nclasses: 1,
    info: [
      ['x_mean_cat_size1', int(1)],
      ['x_mean_cat_size2', int(2)],
      ['x_mean_num_size1', int(1)],
      ['x_mean_num_size2', int(1)],
      ['coef', [0.5, -1, 2]],
      ['cats', int(1)],
      ['cat_offsets', { raw: '[0, 2]' }],
      ['use_all_factor_levels', false],
      ['strata_count', int(0)],
    ],
    files: { x_mean_cat: beDoubles([0.2, 0.3]), x_mean_num: beDoubles([1.5]) },
  });

const isotonic = () =>
  buildMojo({
    algo: 'isotonicregression',
    algorithm: 'Isotonic Regression',
    category: 'Regression',
    supervised: true,
    columns: [{ name: 'p1' }, { name: 'y' }],
    info: [
      ['calib_min_x', 0],
      ['calib_max_x', 1],
    ],
    files: { 'calib/thresholds_x': sizedBeDoubles([0, 1]), 'calib/thresholds_y': sizedBeDoubles([0, 1]) },
  });

const extendedIsolationForest = () =>
  buildMojo({
    algo: 'extendedisolationforest',
    algorithm: 'Extended Isolation Forest',
    category: 'AnomalyDetection',
    supervised: false,
    columns: [{ name: 'a' }, { name: 'b' }],
    info: [
      ['ntrees', int(1)],
      ['sample_size', int(4)],
    ],
    files: {
      'trees/t00.bin': eifTree(2, [
        { num: 0, split: { n: [1, 0], p: [0.5, 0] } },
        { num: 1, leafRows: 1 },
        { num: 2, leafRows: 3 },
      ]),
    },
  });

/** A gaussian GLM over `x` (numeric) and `Sex` (categorical), for the nested models below. */
function nestedGlm(beta: number[]): GlmMojoSpec {
  return {
    cats: [{ name: 'Sex', domain: ['female', 'male'], mode: 1 }],
    nums: [{ name: 'x', mean: 40 }],
    response: { name: 'p1' },
    family: 'gaussian',
    link: 'identity',
    beta,
    useAllFactorLevels: true,
    meanImputation: true,
  };
}

/** Puts `files` below `prefix` in `into`. */
function nest(into: Map<string, Uint8Array>, prefix: string, files: ReadonlyMap<string, Uint8Array>): void {
  for (const [k, v] of files) into.set(`${prefix}${k}`, v);
}

const NESTED_COLUMNS = [{ name: 'Sex', domain: ['female', 'male'] }, { name: 'x' }, { name: 'p1' }];

function klime(): Uint8Array {
  const files = mojoEntries({
    algo: 'klime',
    algorithm: 'k-LIME',
    category: 'Regression',
    supervised: true,
    columns: NESTED_COLUMNS,
    info: [
      ['submodel_count', int(2)],
      ['submodel_key_0', 'km'],
      ['submodel_dir_0', 'models/KMeans/km/'],
      ['submodel_key_1', 'global'],
      ['submodel_dir_1', 'models/GLM/global/'],
      ['cluster_num', int(2)],
      ['clustering_model', 'km'],
      ['global_regression_model', 'global'],
    ],
  });
  const km = mojoEntries({
    algo: 'kmeans',
    algorithm: 'K-means',
    category: 'Clustering',
    columns: [{ name: 'x' }],
    info: [
      ['standardize', false],
      ['center_num', int(2)],
      ['center_0', [20]],
      ['center_1', [60]],
    ],
  });
  nest(files, 'models/KMeans/km/', km);
  nest(files, 'models/GLM/global/', glmMojoFiles(nestedGlm([0.1, 0.2, 0.01, 1])));
  return zipFiles(files);
}

function stackedEnsemble(): Uint8Array {
  const files = mojoEntries({
    algo: 'stackedensemble',
    algorithm: 'Stacked Ensemble',
    category: 'Regression',
    supervised: true,
    columns: NESTED_COLUMNS,
    info: [
      ['submodel_count', int(3)],
      ['submodel_key_0', 'a'],
      ['submodel_dir_0', 'models/GLM/a/'],
      ['submodel_key_1', 'b'],
      ['submodel_dir_1', 'models/GLM/b/'],
      ['submodel_key_2', 'meta'],
      ['submodel_dir_2', 'models/GLM/meta/'],
      ['base_models_num', int(2)],
      ['base_model0', 'a'],
      ['base_model1', 'b'],
      ['metalearner', 'meta'],
      ['metalearner_transform', 'NONE'],
    ],
  });
  nest(files, 'models/GLM/a/', glmMojoFiles(nestedGlm([0.1, 0.2, 0.01, 1])));
  nest(files, 'models/GLM/b/', glmMojoFiles(nestedGlm([-0.5, 0.5, 0.02, 2])));
  nest(
    files,
    'models/GLM/meta/',
    glmMojoFiles({
      cats: [],
      nums: [{ name: 'a' }, { name: 'b' }],
      response: { name: 'p1' },
      family: 'gaussian',
      link: 'identity',
      beta: [0.5, 0.25, 1],
    }),
  );
  return zipFiles(files);
}

function pipeline(): Uint8Array {
  const files = mojoEntries({
    algo: 'pipeline',
    algorithm: 'MOJO Pipeline',
    category: 'Regression',
    supervised: true,
    columns: NESTED_COLUMNS,
    info: [
      ['submodel_count', int(2)],
      ['submodel_key_0', 'main'],
      ['submodel_dir_0', 'models/GLM/main/'],
      ['submodel_key_1', 'stage'],
      ['submodel_dir_1', 'models/GLM/stage/'],
      ['main_model', 'main'],
      ['generated_column_count', int(1)],
      ['generated_column_name_0', 'g'],
      ['generated_column_model_0', 'stage'],
      ['generated_column_index_0', int(0)],
    ],
  });
  nest(
    files,
    'models/GLM/main/',
    glmMojoFiles({
      cats: [],
      nums: [{ name: 'x' }, { name: 'g' }],
      response: { name: 'p1' },
      family: 'gaussian',
      link: 'identity',
      beta: [0.5, 2, 1],
    }),
  );
  nest(files, 'models/GLM/stage/', glmMojoFiles(nestedGlm([0.1, 0.2, 0.01, 1])));
  return zipFiles(files);
}

function rulefit(): Uint8Array {
  const cond = (rule: string, thr: number, op: number, na: boolean, varName: string): LinearMojoSpec['info'] => [
    [`num_conditions_rule_id_${rule}`, int(1)],
    [`feature_index_0_${rule}`, int(0)],
    [`type_0_${rule}`, int(1)],
    [`num_treshold0_${rule}`, thr],
    [`operator_0_${rule}`, int(op)],
    [`nas_included_0_${rule}`, na],
    [`var_name_rule_id_${rule}`, varName],
  ];
  const parent = linearMojoFiles({
    algo: 'rulefit',
    algorithm: 'RuleFit',
    category: 'Regression',
    columns: [{ name: 'x' }, { name: 'y' }],
    nclasses: 1,
    info: [
      ['submodel_count', int(1)],
      ['submodel_key_0', 'lin'],
      ['submodel_dir_0', 'models/lin/'],
      ['linear_model', 'lin'],
      ['model_type', int(1)],
      ['depth', int(1)],
      ['ntrees', int(1)],
      ['num_rules_M0T0', int(2)],
      ...cond('0_0_0', 1, 0, false, 'M0T0N1'),
      ...cond('0_0_1', 1, 1, true, 'M0T0N2'),
      ['data_from_rules_codes_len', int(0)],
      ['linear_names_len', int(2)],
      ['linear_names_0', 'M0T0'],
      ['linear_names_1', 'x'],
    ],
  });
  const linear = linearMojoFiles(
    glmSpec({
      prefix: 'models/lin/',
      category: 'Regression',
      columns: [{ name: 'M0T0', domain: ['M0T0N1', 'M0T0N2'] }, { name: 'x' }, { name: 'y' }],
      nclasses: 1,
      family: 'gaussian',
      link: 'identity',
      cats: 1,
      catOffsets: [0, 2],
      nums: 1,
      useAll: true,
      catModes: [0],
      numMeans: [3],
      beta: [10, 20, 1, 0.5],
    }),
  );
  return zipMojo(parent, linear);
}

const TE = 'feature_engineering/target_encoding/';

const targetEncoder = () =>
  buildMojo({
    algo: 'targetencoder',
    algorithm: 'TargetEncoder',
    category: 'TargetEncoder',
    supervised: true,
    nclasses: 2,
    columns: [
      { name: 'color', domain: ['red', 'green', 'blue'] },
      { name: 'size', domain: ['S', 'L'] },
      { name: 'y', domain: ['no', 'yes'] },
    ],
    info: [
      ['with_blending', true],
      ['inflection_point', 3.0],
      ['smoothing', 2.0],
    ],
    files: {
      [`${TE}encoding_map.ini`]: '[color]\n0 = 2.0 4.0\n1 = 1.0 5.0\n2 = 3.0 3.0\n3 = 0.0 2.0\n[size]\n0 = 4.0 8.0\n1 = 2.0 6.0\n',
      [`${TE}te_column_name_to_missing_values_presence.ini`]: 'color = 1\nsize = 0\n',
      [`${TE}input_encoding_columns_map.ini`]: '[from]\ncolor\n[to]\ncolor\n[from]\nsize\n[to]\nsize\n',
      [`${TE}input_output_columns_map.ini`]: '[from]\ncolor\n[to]\ncolor_te\n[from]\nsize\n[to]\nsize_te\n',
    },
  });

/** Every algorithm the writers in test/support build, one case each (trees: every flavour). */
export const CONTRACT_CASES: readonly ContractCase[] = [
  caseOf('gbm', 'bernoulli with offset', gbm, 'n_trees', '1000'),
  caseOf('drf', 'regression', () => tree({}), 'n_trees', '1000'),
  caseOf(
    'isolationforest',
    'with anomaly flag',
    () =>
      tree({
        algo: 'isolationforest',
        algorithm: 'Isolation Forest',
        category: 'AnomalyDetection',
        columns: [{ name: 'a' }, { name: 'b', domain: ['p', 'q'] }],
        supervised: false,
        info: [
          ['max_path_length', int(10)],
          ['min_path_length', int(2)],
          ['output_anomaly_flag', true],
        ],
      }),
    'n_trees',
    '1000',
  ),
  caseOf(
    'upliftdrf',
    'binomial uplift',
    () =>
      tree({
        algo: 'upliftdrf',
        algorithm: 'Uplift Distributed Random Forest',
        category: 'BinomialUplift',
        columns: [{ name: 'a' }, { name: 'treat', domain: ['0', '1'] }, { name: 'y', domain: ['0', '1'] }],
        nfeatures: 1,
        nclasses: 2,
        // per group: [treatment tree, control tree]
        trees: [
          [stump(0, 1, 0.5, 0.9), leaf(0.25)],
          [leaf(0.75), stump(0, 1, 0.25, 0.75)],
        ],
        info: [['treatment_column', 'treat']],
      }),
    'n_trees',
    '1000',
  ),
  caseOf('glm', 'binomial', glm, 'cats', '7'),
  caseOf('xgboost', 'binary:logistic', xgboost, 'cats', '7'),
  caseOf('deeplearning', 'maxout regression', deeplearning, 'nums', '7'),
  caseOf('kmeans', 'two centres', kmeans, 'center_num', '9'),
  caseOf('pca', 'one categorical', pca, 'k', '9'),
  caseOf('svm', 'binomial', svm, 'n_features', '3'),
  caseOf('glrm', 'categorical and numeric', glrm, 'nrowY', '9'),
  caseOf('word2vec', 'two words', word2vec, 'vocab_size', '3'),
  caseOf('coxph', 'one categorical', coxph, 'x_mean_cat_size1', '9'),
  caseOf('isotonicregression', 'unit curve', isotonic, 'n_features', '9'),
  caseOf('extendedisolationforest', 'one tree', extendedIsolationForest, 'ntrees', '9'),
  caseOf('klime', 'global GLM only', klime, 'cluster_num', '99999999'),
  caseOf('stackedensemble', 'two GLMs, GLM metalearner', stackedEnsemble, 'base_models_num', '99999999'),
  caseOf('pipeline', 'one generated column', pipeline, 'generated_column_count', '99'),
  caseOf('rulefit', 'rules and linear', rulefit, 'num_rules_M0T0', '9'),
  caseOf('targetencoder', 'binomial with blending', targetEncoder, 'n_features', '9'),
];
