/** A k-means MOJO over two numerics a, b. */
import { baseInfo, writeDenseMojo, type InfoValue } from '../dense-mojo.ts';

/** Centres (0, 0) and (10, 10), not standardised; `over` replaces model.ini keys. */
export function kmeansMojo(over: Record<string, InfoValue> = {}): Uint8Array {
  return writeDenseMojo({
    info: baseInfo('kmeans', 'K-means', 'Clustering', {
      supervised: false,
      n_features: 2,
      n_classes: 1,
      standardize: false,
      center_num: 2,
      center_0: [0, 0],
      center_1: [10, 10],
      ...over,
    }),
    columns: ['a', 'b'],
  });
}
