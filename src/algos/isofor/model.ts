/**
 * H2O Isolation Forest MOJOs (IsolationForestMojoModel; the tree-based `isolationforest`, not
 * the extended one): leaves hold path lengths. Outputs the normalised anomaly score
 * (max_path_length - total length) / (max - min) and the mean path length; with
 * `output_anomaly_flag` a 0/1 flag (score > default_threshold) comes first.
 */
import type { MojoHeader } from '../../mojo/index.ts';
import type { OutputColumn } from '../model.ts';
import { TreeModelBase, type TreeEnsemble } from '../common/index.ts';

/** Isolation Forest's decoded keys. */
export interface IsolationForestParams {
  /** `min_path_length` / `max_path_length`: the range the anomaly score is normalised over. */
  readonly minLen: number;
  readonly maxLen: number;
  /** `output_anomaly_flag`: a 0/1 flag column comes first. */
  readonly flag: boolean;
}

export class IsolationForestModel extends TreeModelBase {
  override readonly outputs: OutputColumn[];
  private readonly minLen: number;
  private readonly maxLen: number;
  private readonly flag: boolean;
  private readonly threshold: number;

  constructor(h: MojoHeader, e: TreeEnsemble, p: IsolationForestParams) {
    super(h, e);
    this.minLen = p.minLen;
    this.maxLen = p.maxLen;
    this.flag = p.flag;
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
