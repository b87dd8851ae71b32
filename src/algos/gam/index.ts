/**
 * GAM MOJO reader (h2o-genmodel GamMojoReader, mojo_version 1.00). The model's inputs are its
 * features followed by the gam source columns: the reference reads those by name from the
 * caller's row and expands them into the centred spline columns the coefficients apply to.
 */
import type { AlgorithmReader, Model, ReaderContext } from '../model.ts';
import { buildLayout } from './build.ts';
import { GamModel, GamMultinomialModel } from './model.ts';
import { readGamParams } from './params.ts';

export const gamReader: AlgorithmReader = {
  algos: ['gam'],
  maxMojoVersion: 1.0,
  read(ctx: ReaderContext): Model {
    const h = ctx.header;
    const p = readGamParams(h, ctx.source, `${ctx.source.origin}: model.ini`);
    const layout = buildLayout(h, ctx.source, p);
    if (p.family === 'multinomial' || p.family === 'ordinal') return new GamMultinomialModel(h, p, layout);
    return new GamModel(h, p, layout);
  },
};

export { GamModel, GamMultinomialModel };
