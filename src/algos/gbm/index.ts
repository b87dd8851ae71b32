/** GBM MOJO reader: decodes the model once into its model.ts evaluator (format and scoring rules described there). */
import type { AlgorithmReader } from '../model.ts';
import { GbmModel } from './model.ts';

export const gbmReader: AlgorithmReader = {
  algos: ['gbm'],
  maxMojoVersion: 1.4,
  read: (ctx) => new GbmModel(ctx.header, ctx.source),
};
