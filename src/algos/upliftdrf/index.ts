/** Uplift DRF MOJO reader: decodes the model once into its model.ts evaluator (format and scoring rules described there). */
import type { AlgorithmReader } from '../model.ts';
import { UpliftDrfModel } from './model.ts';

export const upliftDrfReader: AlgorithmReader = {
  algos: ['upliftdrf'],
  maxMojoVersion: 1.4,
  read: (ctx) => new UpliftDrfModel(ctx.header, ctx),
};
