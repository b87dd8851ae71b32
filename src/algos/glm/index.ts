/**
 * GLM MOJO reader. Like h2o-genmodel, the `family` picks the evaluator: multinomial, ordinal,
 * or the single-output model for every other family (with its link).
 */
import type { AlgorithmReader, Model, ReaderContext } from '../model.ts';
import { GlmModel } from './model.ts';
import { GlmMultinomialModel } from './multinomial.ts';
import { GlmOrdinalModel } from './ordinal.ts';
import { readGlmParams } from './params.ts';

export const glmReader: AlgorithmReader = {
  algos: ['glm'],
  maxMojoVersion: 1.0,
  read(ctx: ReaderContext): Model {
    const h = ctx.header;
    const p = readGlmParams(h, `${ctx.source.origin}: model.ini`);
    if (p.family === 'multinomial') return new GlmMultinomialModel(h, p);
    if (p.family === 'ordinal') return new GlmOrdinalModel(h, p);
    return new GlmModel(h, p);
  },
};

export { GlmModel, GlmMultinomialModel, GlmOrdinalModel };
