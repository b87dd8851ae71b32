/** H2O Deep Learning MOJO reader (format in params.ts, scoring in model.ts). */
import type { AlgorithmReader } from '../model.ts';
import { DeepLearningModel } from './model.ts';
import { readDeepLearningParams } from './params.ts';

export const deeplearningReader: AlgorithmReader = {
  algos: ['deeplearning'],
  maxMojoVersion: 1.1,
  read: (ctx) => new DeepLearningModel(ctx.header, readDeepLearningParams(ctx)),
};

export { RECONSTRUCTION_MSE } from './model.ts';
