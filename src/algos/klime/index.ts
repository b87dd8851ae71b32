/**
 * k-LIME MOJO reader (`algo = klime`, KLimeMojoReader, mojo_version 1.00). model.ini: the
 * nested-model table, `cluster_num`, `clustering_model` (a k-means alias),
 * `global_regression_model` and `cluster_regression_model_<i>` (GLM aliases; a cluster
 * without one falls back to the global GLM).
 */
import { MojoFormatError } from '../../errors.ts';
import { featureInputs, RowMapper, SubModels } from '../common/index.ts';
import type { AlgorithmReader, Model, ReaderContext } from '../model.ts';
import { GlmTerms } from './coefficients.ts';
import { KLimeModel, type LocalModel } from './model.ts';

const MAX_CLUSTERS = 1 << 20;

function read(ctx: ReaderContext): Model {
  const h = ctx.header;
  const info = h.info;
  const origin = `${ctx.source.origin}: model.ini`;
  const subs = new SubModels(ctx);
  const k = info.int('cluster_num', 0);
  if (k < 0 || k > MAX_CLUSTERS) throw new MojoFormatError(`${origin}: cluster_num = ${k} is out of range`);
  const clusteringKey = info.str('clustering_model');
  const globalKey = info.str('global_regression_model');
  if (clusteringKey === undefined || globalKey === undefined)
    throw new MojoFormatError(`${origin}: clustering_model / global_regression_model is missing`);
  const inputs = featureInputs(h);
  const clustering = subs.get(clusteringKey, 'clustering model');
  const kmMapper = RowMapper.build(inputs, clustering.inputs, `${origin}: clustering model '${clusteringKey}'`);

  const locals: LocalModel[] = [];
  const index = new Map<string, number>();
  const local = (key: string, role: string): number => {
    const known = index.get(key);
    if (known !== undefined) return known;
    const model = subs.get(key, role);
    if (model.header.algo !== 'glm' || model.outWidth < 1)
      throw new MojoFormatError(`${origin}: ${role} '${key}' is a ${model.header.algo} model, k-LIME needs a GLM`);
    const terms = new GlmTerms(model.header, `${origin}: ${role} '${key}'`);
    if (terms.width > inputs.length) throw new MojoFormatError(`${origin}: ${role} '${key}' has more terms than k-LIME has columns`);
    locals.push({ model, mapper: RowMapper.build(inputs, model.inputs, `${origin}: ${role} '${key}'`), terms });
    index.set(key, locals.length - 1);
    return locals.length - 1;
  };
  const global = local(globalKey, 'global regression model');
  const byCluster: number[] = [];
  for (let i = 0; i < k; i++) {
    const key = info.str(`cluster_regression_model_${i}`);
    byCluster.push(key === undefined ? global : local(key, `regression model of cluster ${i}`));
  }
  return new KLimeModel(h, inputs, clustering, kmMapper, locals, byCluster);
}

export const klimeReader: AlgorithmReader = { algos: ['klime'], maxMojoVersion: 1.0, read };

export { KLimeModel } from './model.ts';
export { GlmTerms } from './coefficients.ts';
