/**
 * Fast path: a range of trees compiled once at load into JS functions of nested
 * conditionals with the thresholds and leaf values as literals. Every split kind — numeric
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
  indexLit,
  NODES_PER_FUNCTION,
  numLit,
} from '../codegen.ts';
import type { Forest } from './forest.ts';
import { rightCondition } from './split-code.ts';
import { goesRight, sumTrees } from './walk.ts';

/** Sums trees [from, to) of the forest for a row. */
export type TreeSum = (row: Float64Array) => number;
/** One generated function: adds its trees to the running sum `s`. */
type Chunk = (row: Float64Array, s: number) => number;

/**
 * Leaf values of the splits whose children are both leaves, a pair per split (left, right),
 * read by generated code as `lv[k + +(cond)]`: the last decision of a walk, the one that
 * follows the row most closely and that the branch predictor misses most, becomes a 0/1 index
 * rather than a branch (SE's deep DRF forests: ~12% faster). Holds at most one value per node.
 */
class LeafPairs {
  readonly values: Float64Array;
  private used = 0;

  constructor(nodes: number) {
    this.values = new Float64Array(nodes);
  }

  /** Stores the pair; returns the index of its left value. */
  add(left: number, right: number): number {
    const k = this.used;
    // Only a forest whose trees share nodes could overflow it: compiling fails (the interpreter runs).
    if (k + 2 > this.values.length) throw new Error('codegen: more leaf pairs than nodes');
    this.values[k] = left;
    this.values[k + 1] = right;
    this.used += 2;
    return k;
  }
}

function nodeExpr(f: Forest, n: number, pairs: LeafPairs): string {
  if (f.feature[n] < 0) return numLit(f.value[n]);
  const cond = rightCondition(f, n);
  // A node that always goes left (NAvsREST with missing sent left) is just its left subtree.
  if (cond === null) return nodeExpr(f, f.left[n], pairs);
  const l = f.left[n];
  const r = f.right[n];
  if (f.feature[l] < 0 && f.feature[r] < 0) return `lv[${indexLit(pairs.add(f.value[l], f.value[r]))} + +(${cond})]`;
  return `(${cond} ? ${nodeExpr(f, r, pairs)} : ${nodeExpr(f, l, pairs)})`;
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
  // Every pair takes two leaves of these trees: the trees' node count bounds the table.
  const pairs = new LeafPairs(shapeOf(f, from, to).nodes);
  const code = new ChunkedCode<Chunk>(nodesPerChunk(), (body) => {
    const make = new Function(
      'lv',
      'f',
      'gr',
      'bits',
      `return function treeChunk(row, s) {\n${declareColumns(`let d = 0, i = 0;\n${body}`, 'row')}return s;\n};`,
    ) as (lv: Float64Array, f: Forest, gr: typeof goesRight, bits: Uint8Array) => Chunk;
    return make(pairs.values, f, goesRight, f.bits);
  });
  for (let t = from; t < to; t++) {
    const r = f.roots[t];
    if (r < 0) continue;
    code.add(`s += ${nodeExpr(f, r, pairs)};\n`, treeEnd(f, t) - r);
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
