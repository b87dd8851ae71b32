/** PCA and SVM MOJOs small enough to compute by hand. */
import { baseInfo, writeDenseMojo } from '../dense-mojo.ts';
import { beDoubles } from '../mojo-writer/bytes.ts';

/** PCA over categorical c ∈ {a,b,c} (first level dropped) and numeric x, k = 2; `eigenvectors` is the raw blob. */
export function pcaMojo(eigenvectors: Uint8Array = beDoubles([1, 10, 2, 20, 3, 30])): Uint8Array {
  return writeDenseMojo({
    info: baseInfo('pca', 'Principal Components Analysis', 'DimReduction', {
      supervised: false,
      n_features: 2,
      n_classes: 2,
      k: 2,
      use_all_factor_levels: false,
      permutation: [0, 1],
      ncats: 1,
      nnums: 1,
      normSub: [1],
      normMul: [0.5],
      catOffsets: [0, 2],
      eigenvector_size: 3,
      pca_impl: 'x',
      pca_methods: 'GramSVD',
    }),
    columns: ['c', 'x'],
    domains: { 0: ['a', 'b', 'c'] },
    files: { eigenvectors_raw: eigenvectors },
  });
}

/** A binomial SVM over x1, x2 (weights 1, 2, intercept 0.5, missing → mean). */
export function svmMojo(nClasses = 2, means: number[] = [1, 1, 0.5]): Uint8Array {
  return writeDenseMojo({
    info: baseInfo('svm', 'Support Vector Machine (*Spark*)', 'Binomial', {
      supervised: true,
      n_features: 2,
      n_classes: nClasses,
      meanImputation: true,
      means,
      weights: [1, 2],
      interceptor: 0.5,
      defaultThreshold: 0,
      threshold: 0,
    }),
    columns: ['x1', 'x2', 'y'],
    domains: { 2: ['NO', 'YES'] },
  });
}
