/**
 * Isolation Forest MOJO reader: decodes the shared trees and `min_path_length`,
 * `max_path_length`, `output_anomaly_flag` into its model.ts evaluator.
 */
import type { AlgorithmReader } from '../model.ts';
import { readTreeEnsemble } from '../common/index.ts';
import { IsolationForestModel } from './model.ts';

export const isolationForestReader: AlgorithmReader = {
  algos: ['isolationforest'],
  maxMojoVersion: 1.4,
  read(ctx) {
    const h = ctx.header;
    const e = readTreeEnsemble(ctx.source, h);
    return new IsolationForestModel(h, e, {
      minLen: h.info.int('min_path_length', 0),
      maxLen: h.info.int('max_path_length', 0),
      flag: h.info.bool('output_anomaly_flag', false),
    });
  },
};
