/**
 * A k-LIME MOJO: k-means on Age (centres 20 and 60) picks the cluster; cluster 1 may have its
 * own GLM, every other cluster falls back to the global GLM.
 */
import { int } from '../linear-mojo.ts';
import { glmMojoFiles, zipFiles } from '../mojo-writer/index.ts';
import { mojoEntries } from '../multi-mojo.ts';
import { nestedGlm } from './nested-glm.ts';

const KLIME_GLOBAL = nestedGlm([0.1, 0.2, 0.01, 1], 'Age');
const KLIME_LOCAL = nestedGlm([-0.5, 0.5, 0.02, 2], 'Age');

/**
 * The k-LIME MOJO: global GLM beta [0.1, 0.2, 0.01, 1] (female, male, Age, intercept); when
 * `clusterModel`, cluster 1 has its own, [-0.5, 0.5, 0.02, 2].
 */
export function klimeMojo(clusterModel: boolean): Uint8Array {
  const local: [string, string][] = clusterModel
    ? [
        ['submodel_key_2', 'c1'],
        ['submodel_dir_2', 'models/GLM/c1/'],
      ]
    : [];
  const files = mojoEntries({
    algo: 'klime',
    algorithm: 'k-LIME',
    category: 'Regression',
    supervised: true,
    columns: [{ name: 'Sex', domain: ['female', 'male'] }, { name: 'Age' }, { name: 'p1' }],
    info: [
      ['submodel_count', int(clusterModel ? 3 : 2)],
      ['submodel_key_0', 'km'],
      ['submodel_dir_0', 'models/KMeans/km/'],
      ['submodel_key_1', 'global'],
      ['submodel_dir_1', 'models/GLM/global/'],
      ...local,
      ['cluster_num', int(2)],
      ['clustering_model', 'km'],
      ['global_regression_model', 'global'],
      ...(clusterModel ? [['cluster_regression_model_1', 'c1'] as [string, string]] : []),
    ],
  });
  const km = mojoEntries({
    algo: 'kmeans',
    algorithm: 'K-means',
    category: 'Clustering',
    columns: [{ name: 'Age' }],
    info: [
      ['standardize', false],
      ['center_num', int(2)],
      ['center_0', [20]],
      ['center_1', [60]],
    ],
  });
  for (const [k, v] of km) files.set(`models/KMeans/km/${k}`, v);
  for (const [k, v] of glmMojoFiles(KLIME_GLOBAL)) files.set(`models/GLM/global/${k}`, v);
  if (clusterModel) for (const [k, v] of glmMojoFiles(KLIME_LOCAL)) files.set(`models/GLM/c1/${k}`, v);
  return zipFiles(files);
}
