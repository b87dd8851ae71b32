/**
 * Extended Isolation Forest scoring (h2o-genmodel ExtendedIsolationForestMojoModel). In each
 * tree a row goes left when (x - p)·n <= 0 (a missing value makes the product NaN, so right);
 * its path length is the depth of the leaf plus c(rows in the leaf), where c(n) is the average
 * path length of an unsuccessful binary-search-tree lookup. mean_length is the average over
 * the trees, anomaly_score = 2^(-mean_length / c(sample_size)).
 */
import { RowError } from '../../errors.ts';
import type { MojoHeader } from '../../mojo/index.ts';
import { type InputColumn, ModelBase, type OutputColumn } from '../model.ts';
import { NOT_FOUND, type IsolationTree } from './tree.ts';

/** The Euler–Mascheroni constant to the 10 decimals h2o uses. */
const EULER_MASCHERONI = 0.5772156649;

/** c(n): average path length of an unsuccessful search in a BST of n keys. */
export function averagePathLength(n: number): number {
  if (n < 2) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_MASCHERONI) - (2.0 * (n - 1.0)) / n;
}

/** Path length the reference reports when a tree's scan finds no leaf. */
const NO_LEAF = -1;

export class ExtendedIsolationForestModel extends ModelBase {
  override readonly outputs: readonly OutputColumn[] = [
    { name: 'anomaly_score', kind: 'number' },
    { name: 'mean_length', kind: 'number' },
  ];
  private readonly norm: number;

  constructor(
    override readonly header: MojoHeader,
    override readonly inputs: readonly InputColumn[],
    private readonly trees: readonly IsolationTree[],
    sampleSize: number,
  ) {
    super();
    this.norm = averagePathLength(sampleSize);
  }

  private pathLength(t: IsolationTree, raw: Float64Array): number {
    const w = t.width;
    const normal = t.normal;
    const intercept = t.intercept;
    let r = t.root;
    let height = 0;
    for (;;) {
      if (r === NOT_FOUND) {
        if (t.stop !== null) throw new RowError(`extended isolation forest: unreadable tree (${t.stop})`);
        return NO_LEAF;
      }
      if (t.isSplit[r] === 0) return height + averagePathLength(t.leafRows[r]);
      const b = r * w;
      let mul = 0;
      for (let c = 0; c < w; c++) mul += (raw[c] - intercept[b + c]) * normal[b + c];
      height++;
      r = mul <= 0 ? t.left[r] : t.right[r];
    }
  }

  protected override scoreRow(raw: Float64Array, out: Float64Array, _offset: number): void {
    const trees = this.trees;
    const n = trees.length;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += this.pathLength(trees[i], raw);
    const mean = sum / n;
    out[0] = Math.pow(2, -1 * (mean / this.norm));
    out[1] = mean;
  }
}
