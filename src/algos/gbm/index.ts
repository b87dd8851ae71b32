/** GBM MOJO reader: decodes the shared trees and GBM's keys (params.ts) into its model.ts evaluator. */
import type { AlgorithmReader } from '../model.ts';
import { readTreeEnsemble } from '../common/index.ts';
import { GbmModel } from './model.ts';
import { readGbmParams } from './params.ts';

export const gbmReader: AlgorithmReader = {
  algos: ['gbm'],
  maxMojoVersion: 1.4,
  read(ctx) {
    const e = readTreeEnsemble(ctx.source, ctx.header);
    return new GbmModel(ctx.header, e, readGbmParams(ctx.header, e, ctx.source.origin));
  },
};
