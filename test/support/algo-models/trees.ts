/** Shared-tree specs (DRF, Isolation Forest, Uplift DRF) small enough to compute by hand. */
import { leaf, split, type IniValue, type TreeNode } from '../mojo-writer/index.ts';
import type { TreeMojoSpec } from '../tree-mojo.ts';

/** One numeric split on column `col` at `t` (missing goes left) into leaves `l` and `r`. */
export const stump = (col: number, t: number, l: number, r: number): TreeNode =>
  split(col, 'NALeft', { type: 'numeric', threshold: t }, leaf(l), leaf(r));

/** A DRF regression over numerics a, b with no trees; `over` replaces any field. */
export const drfSpec = (over: Partial<TreeMojoSpec>): TreeMojoSpec => ({
  algo: 'drf',
  algorithm: 'Distributed Random Forest',
  category: 'Regression',
  columns: [{ name: 'a' }, { name: 'b' }, { name: 'y' }],
  nfeatures: 2,
  nclasses: 1,
  supervised: true,
  trees: [],
  ...over,
});

/** Two stumps over a, b with path lengths 3/6 and 5/2, min 2 and max 10; `flag` sets output_anomaly_flag. */
export const isolationForestSpec = (flag: boolean): TreeMojoSpec => ({
  algo: 'isolationforest',
  algorithm: 'Isolation Forest',
  category: 'AnomalyDetection',
  columns: [{ name: 'a' }, { name: 'b' }],
  nfeatures: 2,
  nclasses: 1,
  supervised: false,
  trees: [[stump(0, 1, 3, 6)], [stump(1, 1, 5, 2)]],
  info: [
    ['max_path_length', 10],
    ['min_path_length', 2],
    ['output_anomaly_flag', flag],
  ],
});

/** A binomial Uplift DRF over a with treatment column `treat`, two groups; `info` adds model.ini keys. */
export const upliftDrfSpec = (info: readonly (readonly [string, IniValue])[] = []): TreeMojoSpec => ({
  algo: 'upliftdrf',
  algorithm: 'Uplift Distributed Random Forest',
  category: 'BinomialUplift',
  columns: [{ name: 'a' }, { name: 'treat', domain: ['0', '1'] }, { name: 'y', domain: ['0', '1'] }],
  nfeatures: 1,
  nclasses: 2,
  supervised: true,
  // per group: [treatment tree, control tree]
  trees: [
    [stump(0, 1, 0.5, 0.9), leaf(0.25)],
    [leaf(0.75), stump(0, 1, 0.25, 0.75)],
  ],
  info: [['treatment_column', 'treat'], ...info],
});
