/** DRF MOJO reader: decodes the model once into its model.ts evaluator (format and scoring rules described there). */
import type { AlgorithmReader } from '../model.ts';
import { DrfModel } from './model.ts';

export const drfReader: AlgorithmReader = {
  algos: ['drf'],
  maxMojoVersion: 1.4,
  read: (ctx) => new DrfModel(ctx.header, ctx.source),
};
