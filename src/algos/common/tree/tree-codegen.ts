/**
 * Fast path: a range of trees compiled once at load into JS functions of nested
 * conditionals with the thresholds and leaf values as literals, each subtree of a few splits
 * at the bottom read from a table without branches (branch-free.ts). Every split kind — numeric
 * thresholds, bitsets, NAvsREST, numeric splits on categorical columns — is emitted inline by
 * `rightCondition` (split-code.ts), which folds `goesRight`'s decision rule for that node; only
 * the rare mode-0 negative-level error (and shapes the folding does not cover) call `goesRight`
 * itself. Set MOJO_SCORER_NO_CODEGEN=1 to force the interpreter (`sumTrees`).
 */
import {
  callInOrder,
  ChunkedCode,
  codegenDisabled,
  compileOrInterpret,
  declareColumns,
  type ForestShape,
  hostEnv,
  NODES_PER_FUNCTION,
  numLit,
} from '../codegen.ts';
import { BRANCH_FREE_LOCALS, branchFree, LEAF_TABLE, LeafTable } from './branch-free.ts';
import type { Forest } from './forest.ts';
import { rightCondition } from './split-code.ts';
import { goesRight, sumTrees } from './walk.ts';

/** Sums trees [from, to) of the forest for a row. */
export type TreeSum = (row: Float64Array) => number;
/** One generated function: adds its trees to the running sum `s`. */
type Chunk = (row: Float64Array, s: number) => number;

function nodeExpr(f: Forest, n: number, table: LeafTable): string {
  if (f.feature[n] < 0) return numLit(f.value[n]);
  const flat = branchFree(f, n, table);
  if (flat !== null) return flat;
  const cond = rightCondition(f, n);
  // A node that always goes left (NAvsREST with missing sent left) is just its left subtree.
  if (cond === null) return nodeExpr(f, f.left[n], table);
  return `(${cond} ? ${nodeExpr(f, f.right[n], table)} : ${nodeExpr(f, f.left[n], table)})`;
}

/** Node count and deepest split path of trees [from, to). */
function shapeOf(f: Forest, from: number, to: number): ForestShape {
  let nodes = 0;
  let depth = 0;
  for (let t = from; t < to; t++) {
    const r = f.roots[t];
    if (r < 0) continue;
    const end = treeEnd(f, t);
    for (let n = r; n < end; n++) depth = Math.max(depth, f.depth[n]);
    nodes += end - r;
  }
  return { nodes, depth };
}

/** One past tree t's last node (trees are laid out one after another). */
function treeEnd(f: Forest, t: number): number {
  const r = f.roots[t];
  return t + 1 < f.roots.length && f.roots[t + 1] > r ? f.roots[t + 1] : f.nodeCount;
}

/**
 * A summing function for trees [from, to): compiled through compileOrInterpret (`allowCodegen`
 * overrides the MOJO_SCORER_NO_CODEGEN switch, for tests), else the interpreter.
 */
export function treeSum(f: Forest, from: number, to: number, allowCodegen = !codegenDisabled()): TreeSum {
  const interpreted: TreeSum = (row) => sumTrees(f, from, to, row);
  return compileOrInterpret(shapeOf(f, from, to), () => compileTrees(f, from, to), interpreted, allowCodegen);
}

/** Trees [from, to) compiled into generated functions (no size checks: see treeSum). */
function compileTrees(f: Forest, from: number, to: number): TreeSum {
  // Several small functions rather than one large one (see NODES_PER_FUNCTION); the running
  // sum is threaded through them so the additions happen in exactly the interpreter's order.
  // Every leaf of these trees is stored at most once: their node count bounds the table.
  const table = new LeafTable(shapeOf(f, from, to).nodes);
  const code = new ChunkedCode<Chunk>(nodesPerChunk(), (body) => {
    const make = new Function(
      LEAF_TABLE,
      'f',
      'gr',
      'bits',
      `return function treeChunk(row, s) {\n${declareColumns(`let d = 0, i = 0, ${BRANCH_FREE_LOCALS};\n${body}`, 'row')}return s;\n};`,
    ) as (lv: Float64Array, f: Forest, gr: typeof goesRight, bits: Uint8Array) => Chunk;
    return make(table.values, f, goesRight, f.bits);
  });
  for (let t = from; t < to; t++) {
    const r = f.roots[t];
    if (r < 0) continue;
    code.add(`s += ${nodeExpr(f, r, table)};\n`, treeEnd(f, t) - r);
  }
  const chunks = code.finish();
  if (chunks.length === 0) return () => 0;
  if (chunks.length === 1) {
    const only = chunks[0];
    return (row) => only(row, 0);
  }
  return callInOrder<TreeSum>(chunks, 2, true);
}

/** Tree nodes per generated function (env MOJO_SCORER_CHUNK_NODES overrides, for benchmarking). */
function nodesPerChunk(): number {
  const v = Number(hostEnv('MOJO_SCORER_CHUNK_NODES'));
  return Number.isInteger(v) && v > 0 ? v : NODES_PER_FUNCTION;
}
