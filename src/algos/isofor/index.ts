/** Isolation Forest MOJO reader: decodes the model once into its model.ts evaluator (format and scoring rules described there). */
import type { AlgorithmReader } from '../model.ts';
import { IsolationForestModel } from './model.ts';

export const isolationForestReader: AlgorithmReader = {
  algos: ['isolationforest'],
  maxMojoVersion: 1.4,
  read: (ctx) => new IsolationForestModel(ctx.header, ctx.source),
};
