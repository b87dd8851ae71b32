/**
 * The bottom of a tree as arithmetic instead of branches. A subtree of at most BRANCH_FREE_SPLITS
 * splits is emitted as one read of its leaves, stored in order in a table: `lv[k + index]`,
 * where `index` combines every split's 0/1 outcome with int32 `&`/`|` (no conditional branch).
 * All of its conditions are evaluated, on the row's path or not.
 *
 * Why: a walk's branches follow the row, and on rows the CPU has not seen before (or on a model
 * too large for its branch predictor, as an ensemble of deep forests) many are mispredicted, at
 * ~15 cycles each, while a condition costs a compare. Measured on the bench fixtures with rows
 * that never repeat (bench/evaluator.ts, unseen rows): the stacked ensemble and its DRF ~40%
 * faster, Isolation Forest ~9%, the GBMs unchanged; on the bench's few hundred rows played over
 * and over, which the predictor learns by heart for a small model, the ensemble runs 1.6–1.9×
 * as fast while the 50-tree GBM loses a quarter. Five splits was the best balance (3 to 7
 * tried): more makes full trees evaluate far more conditions than their depth.
 */
import { indexLit } from '../codegen.ts';
import type { Forest } from './forest.ts';
import { callsGoesRight, rightCondition } from './split-code.ts';

/** Most splits a subtree may have to be emitted without branches. */
export const BRANCH_FREE_SPLITS = 5;

/** The scratch int32 locals the index expressions assign, one per nesting level (`b0`…). */
export const BRANCH_FREE_LOCALS = Array.from({ length: BRANCH_FREE_SPLITS }, (_, j) => `b${j} = 0`).join(', ');

/** The generated functions' name for the LeafTable's values. */
export const LEAF_TABLE = 'lv';

/** The leaf values of the subtrees emitted without branches, each subtree's in order. */
export class LeafTable {
  readonly values: Float64Array;
  private used = 0;

  /** Room for `nodes` leaves: each leaf of the trees is stored at most once. */
  constructor(nodes: number) {
    this.values = new Float64Array(nodes);
  }

  /** Stores the leaves in order; returns the index of the first. */
  add(leaves: readonly number[]): number {
    const k = this.used;
    // Only a forest whose trees share nodes could overflow it: compiling fails (the interpreter runs).
    if (k + leaves.length > this.values.length) throw new Error('codegen: more table leaves than nodes');
    this.values.set(leaves, k);
    this.used += leaves.length;
    return k;
  }
}

/** A subtree as its leaves in order and the source of the index of the one a row reaches. */
interface Flat {
  leaves: number[];
  /** An int32 expression; '0' for a single leaf. */
  index: string;
}

/**
 * Source for the leaf value node `n`'s subtree gives (a table read), when it has at most
 * BRANCH_FREE_SPLITS splits and none may throw; otherwise null (the caller branches).
 */
export function branchFree(f: Forest, n: number, table: LeafTable): string | null {
  const budget = { splits: BRANCH_FREE_SPLITS };
  const flat = flatten(f, n, 0, budget);
  if (flat === null || flat.leaves.length === 1) return null;
  return `${LEAF_TABLE}[${indexLit(table.add(flat.leaves))} + ${flat.index}]`;
}

function flatten(f: Forest, n: number, level: number, budget: { splits: number }): Flat | null {
  if (f.feature[n] < 0) return { leaves: [f.value[n]], index: '0' };
  const cond = rightCondition(f, n);
  // A node that always goes left is just its left subtree.
  if (cond === null) return flatten(f, f.left[n], level, budget);
  // A condition that may throw (mode 0's negative level) must only run on the row's own path.
  if (--budget.splits < 0 || callsGoesRight(cond)) return null;
  const left = flatten(f, f.left[n], level + 1, budget);
  if (left === null) return null;
  const right = flatten(f, f.right[n], level + 1, budget);
  if (right === null) return null;
  const nl = left.leaves.length;
  let index: string;
  if (left.index === '0' && right.index === '0') {
    // Two leaves: the outcome itself.
    index = `+(${cond})`;
  } else {
    // b = -1 when right, 0 when left: picks the right index (past the left leaves) or the left one.
    const b = `b${level}`;
    const rightIndex = right.index === '0' ? indexLit(nl) : `(${indexLit(nl)} + ${right.index})`;
    const leftPart = left.index === '0' ? '' : `(${left.index} & ~${b}) | `;
    index = `((${b} = -(${cond})), ${leftPart}(${rightIndex} & ${b}))`;
  }
  return { leaves: [...left.leaves, ...right.leaves], index };
}
