/**
 * H2O Isolation Forest MOJOs (IsolationForestMojoModel; the tree-based `isolationforest`, not
 * the extended one): leaves hold path lengths. Outputs the normalised anomaly score
 * (max_path_length - total length) / (max - min) and the mean path length; with
 * `output_anomaly_flag` a 0/1 flag (score > default_threshold) comes first.
 */
import type { MojoHeader, MojoSource } from '../../mojo/index.ts';
import type { OutputColumn } from '../model.ts';
import { TreeModelBase } from '../common/tree/index.ts';

export class IsolationForestModel extends TreeModelBase {
  override readonly outputs: OutputColumn[];
  private readonly minLen: number;
  private readonly maxLen: number;
  private readonly flag: boolean;
  private readonly threshold: number;

  constructor(h: MojoHeader, src: MojoSource) {
    super(h, src);
    this.minLen = h.info.int('min_path_length', 0);
    this.maxLen = h.info.int('max_path_length', 0);
    this.flag = h.info.bool('output_anomaly_flag', false);
    this.threshold = h.defaultThreshold;
    this.outputs = this.flag
      ? [
          { name: 'predict', kind: 'number' },
          { name: 'score', kind: 'number' },
          { name: 'mean_length', kind: 'number' },
        ]
      : [
          { name: 'predict', kind: 'number' },
          { name: 'mean_length', kind: 'number' },
        ];
  }

  protected override scoreRow(raw: Float64Array, out: Float64Array): void {
    // Only the first class's trees count (the reference sums into preds[0]).
    const total = this.sums[0](raw);
    const mean = this.groups >= 1 ? total / this.groups : 0;
    const score = this.maxLen > this.minLen ? (this.maxLen - total) / (this.maxLen - this.minLen) : 1;
    if (this.flag) {
      out[0] = score > this.threshold ? 1 : 0;
      out[1] = score;
      out[2] = mean;
    } else {
      out[0] = score;
      out[1] = mean;
    }
  }
}
