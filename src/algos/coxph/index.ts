/** CoxPH MOJO reader: scores the linear predictor `lp` (h2o category CoxPH). */
import type { AlgorithmReader, Model, ReaderContext } from '../model.ts';
import { CoxPHModel } from './model.ts';
import { readCoxPHParams } from './params.ts';

export const coxphReader: AlgorithmReader = {
  algos: ['coxph'],
  maxMojoVersion: 1.0,
  read(ctx: ReaderContext): Model {
    return new CoxPHModel(ctx.header, readCoxPHParams(ctx.source, ctx.header));
  },
};

export { CoxPHModel };
