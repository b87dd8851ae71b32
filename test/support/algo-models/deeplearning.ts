/** Deep Learning MOJOs small enough to compute by hand. */
import { baseInfo, writeDenseMojo, type InfoValue } from '../dense-mojo.ts';

/** Two numerics → one Maxout unit (2 pieces) → linear output; `over` replaces model.ini keys. */
export function maxoutMojo(over: Record<string, InfoValue> = {}): Uint8Array {
  return writeDenseMojo({
    info: baseInfo('deeplearning', 'Deep Learning', 'Regression', {
      supervised: true,
      n_features: 2,
      n_classes: 1,
      mini_batch_size: 1,
      nums: 2,
      cats: 0,
      cat_offsets: [0],
      norm_resp_mul: null,
      norm_resp_sub: null,
      use_all_factor_levels: true,
      activation: 'Maxout',
      distribution: 'gaussian',
      mean_imputation: true,
      neural_network_sizes: [2, 1, 1],
      hidden_dropout_ratios: [0, 0],
      weight_layer0: [1, -1, 2, 3],
      bias_layer0: [0.5, -1],
      weight_layer1: [2],
      bias_layer1: [1],
      ...over,
    }),
    columns: ['x1', 'x2', 'y'],
  });
}
