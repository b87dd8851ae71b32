/** A GLRM MOJO small enough to follow by hand. */
import { baseInfo, writeDenseMojo, type InfoValue } from '../dense-mojo.ts';
import { beDoubles } from '../mojo-writer/bytes.ts';

/** The seed of glrmMojo's model.ini. */
export const GLRM_SEED = 336758263747934359n;

/** 1 categorical (3 levels) + 1 numeric, k = 2; `over` replaces model.ini keys. */
export function glrmMojo(over: Record<string, InfoValue> = {}, losses = 'Categorical\nQuadratic\n'): Uint8Array {
  return writeDenseMojo({
    info: baseInfo('glrm', 'Generalized Low Rank Modeling', 'DimReduction', {
      mojo_version: '1.10',
      supervised: false,
      n_features: 2,
      n_classes: 1,
      initialization: 'PlusPlus',
      regularizationX: 'None',
      gammaX: 0,
      ncolX: 2,
      seed: String(GLRM_SEED),
      reverse_transform: true,
      cols_permutation: [0, 1],
      num_categories: 1,
      num_numeric: 1,
      norm_sub: [1],
      norm_mul: [2],
      transposed: true,
      ncolA: 2,
      ncolY: 4,
      nrowY: 2,
      num_levels_per_category: [3, -1],
      catOffsets: [0, 3],
      ...over,
    }),
    columns: ['c', 'x'],
    domains: { 0: ['p', 'q', 'r'] },
    files: { losses, archetypes: beDoubles([1, 0, 0, 1, 0, 1, 0, 0.5]) },
  });
}
