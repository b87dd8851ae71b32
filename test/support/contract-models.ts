/**
 * One small writer-built MOJO per algorithm, for the shared contract suite
 * (test/algos/contract.test.ts): each case builds its artifact byte by byte (no golden fixtures)
 * and names one count in it that, made larger than what the artifact holds, must be refused as
 * MOJO_FORMAT. Most artifacts are the per-algorithm tests' own, from test/support/algo-models/.
 */
import { unzipSync, zipSync } from 'fflate';
import { COXPH_COLUMNS, COXPH_INFO, coxphMojo } from './algo-models/coxph.ts';
import { maxoutMojo } from './algo-models/deeplearning.ts';
import { binomialGlmMojo } from './algo-models/glm.ts';
import { glrmMojo } from './algo-models/glrm.ts';
import { isotonicSpec } from './algo-models/isotonic.ts';
import { kmeansMojo } from './algo-models/kmeans.ts';
import { klimeMojo } from './algo-models/klime.ts';
import { nestedGlm } from './algo-models/nested-glm.ts';
import { pcaMojo, svmMojo } from './algo-models/linear-projections.ts';
import { rulefitMojo } from './algo-models/rulefit.ts';
import { BLENDED_BINOMIAL_TE } from './algo-models/targetencoder.ts';
import { drfSpec, isolationForestSpec, stump, upliftDrfSpec } from './algo-models/trees.ts';
import { stumpXgboostMojo } from './algo-models/xgboost.ts';
import { baseInfo, writeDenseMojo } from './dense-mojo.ts';
import { int } from './linear-mojo.ts';
import { beFloats } from './mojo-writer/bytes.ts';
import { glmMojoFiles, leaf, split, writeGbmMojo, zipFiles } from './mojo-writer/index.ts';
import { buildMojo, eifTree, mojoEntries } from './multi-mojo.ts';
import { writeTreeMojo } from './tree-mojo.ts';

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

/** A DRF regression over a and b (b categorical), two stumps. */
const drf = () =>
  writeTreeMojo(
    drfSpec({
      columns: [{ name: 'a' }, { name: 'b', domain: ['p', 'q'] }, { name: 'y' }],
      trees: [[stump(0, 1, 2, 4)], [stump(1, 1, 10, 20)]],
    }),
  );

const gbm = () =>
  writeGbmMojo({
    features: [{ name: 'x' }, { name: 'c', domain: ['u', 'v', 'w'] }],
    response: { name: 'y', domain: ['no', 'yes'] },
    distribution: 'bernoulli',
    initF: 0.25,
    trees: [[stump(0, 1, -0.5, 0.5)], [split(1, 'NARight', { type: 'numeric', threshold: 1 }, leaf(0.1), leaf(-0.2))]],
    extraInfo: [['offset_column', 'off']],
  });

const word2vec = () =>
  writeDenseMojo({
    info: baseInfo('word2vec', 'Word2Vec', 'WordEmbedding', { supervised: false, n_features: 0, n_classes: 1, vec_size: 2, vocab_size: 2 }),
    columns: [],
    files: { vocabulary: 'hello\nworld\n', vectors: beFloats([1, 0.1, 0, 0.2]) },
  });

const coxph = () => coxphMojo(COXPH_INFO, COXPH_COLUMNS, [[0.2, 0.3]], [[1.5]]);

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

/** Puts `files` below `prefix` in `into`. */
function nest(into: Map<string, Uint8Array>, prefix: string, files: ReadonlyMap<string, Uint8Array>): void {
  for (const [k, v] of files) into.set(`${prefix}${k}`, v);
}

const NESTED_COLUMNS = [{ name: 'Sex', domain: ['female', 'male'] }, { name: 'x' }, { name: 'p1' }];

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
  nest(files, 'models/GLM/a/', glmMojoFiles(nestedGlm([0.1, 0.2, 0.01, 1], 'x')));
  nest(files, 'models/GLM/b/', glmMojoFiles(nestedGlm([-0.5, 0.5, 0.02, 2], 'x')));
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
  nest(files, 'models/GLM/stage/', glmMojoFiles(nestedGlm([0.1, 0.2, 0.01, 1], 'x')));
  return zipFiles(files);
}

/** Every algorithm the writers in test/support build, one case each (trees: every flavour). */
export const CONTRACT_CASES: readonly ContractCase[] = [
  caseOf('gbm', 'bernoulli with offset', gbm, 'n_trees', '1000'),
  caseOf('drf', 'regression', drf, 'n_trees', '1000'),
  caseOf('isolationforest', 'with anomaly flag', () => writeTreeMojo(isolationForestSpec(true)), 'n_trees', '1000'),
  caseOf('upliftdrf', 'binomial uplift', () => writeTreeMojo(upliftDrfSpec()), 'n_trees', '1000'),
  caseOf('glm', 'binomial', () => binomialGlmMojo(), 'cats', '7'),
  caseOf('xgboost', 'binary:logistic', stumpXgboostMojo, 'cats', '7'),
  caseOf('deeplearning', 'maxout regression', () => maxoutMojo(), 'nums', '7'),
  caseOf('kmeans', 'two centres', () => kmeansMojo(), 'center_num', '9'),
  caseOf('pca', 'one categorical', () => pcaMojo(), 'k', '9'),
  caseOf('svm', 'binomial', () => svmMojo(), 'n_features', '3'),
  caseOf('glrm', 'categorical and numeric', () => glrmMojo(), 'nrowY', '9'),
  caseOf('word2vec', 'two words', word2vec, 'vocab_size', '3'),
  caseOf('coxph', 'one categorical', coxph, 'x_mean_cat_size1', '9'),
  caseOf('isotonicregression', 'unit curve', () => buildMojo(isotonicSpec([0, 1], [0, 1], 0, 1)), 'n_features', '9'),
  caseOf('extendedisolationforest', 'one tree', extendedIsolationForest, 'ntrees', '9'),
  caseOf('klime', 'global GLM only', () => klimeMojo(false), 'cluster_num', '99999999'),
  caseOf('stackedensemble', 'two GLMs, GLM metalearner', stackedEnsemble, 'base_models_num', '99999999'),
  caseOf('pipeline', 'one generated column', pipeline, 'generated_column_count', '99'),
  caseOf('rulefit', 'rules and linear', () => rulefitMojo(1, ['M0T0', 'x']), 'num_rules_M0T0', '9'),
  caseOf('targetencoder', 'binomial with blending', () => buildMojo(BLENDED_BINOMIAL_TE), 'n_features', '9'),
];
