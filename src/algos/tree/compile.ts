/**
 * Fast path: a range of trees compiled once at load into JS functions of nested
 * conditionals with the thresholds and leaf values as literals. Plain numeric splits become
 * `row[c] >= t` (or `!(row[c] < t)` when missing goes right, so NaN takes the NA branch); every
 * other node (bitsets, NAvsREST, numeric splits on categorical columns) calls the interpreter's
 * `goesRight`, so both paths share one decision rule. Set MOJO_SCORER_NO_CODEGEN=1 to force the
 * interpreter (`sumTrees`).
 */
import { ChunkedCode, codegenDisabled, indexLit, NODES_PER_FUNCTION, numLit } from '../shared/index.ts';
import { NA_LEFT, type Forest } from './forest.ts';
import { goesRight, sumTrees } from './traverse.ts';

/** Sums trees [from, to) of the forest for a row. */
export type TreeSum = (row: Float64Array) => number;
/** One generated function: adds its trees to the running sum `s`. */
type Chunk = (row: Float64Array, s: number) => number;



/** Beyond these the generated source gets large or deeply nested; the interpreter is used. */
const MAX_COMPILED_NODES = 250_000;
const MAX_COMPILED_DEPTH = 48;

function nodeExpr(f: Forest, n: number): string {
  const c = f.feature[n];
  if (c < 0) return numLit(f.value[n]);
  const fl = f.flags[n];
  const l = nodeExpr(f, f.left[n]);
  const r = nodeExpr(f, f.right[n]);
  if ((fl === 0 || fl === NA_LEFT) && f.catLimit[c] === Infinity) {
    const t = numLit(f.threshold[n]);
    const col = indexLit(c);
    return fl === NA_LEFT ? `(row[${col}] >= ${t} ? ${r} : ${l})` : `(row[${col}] < ${t} ? ${l} : ${r})`;
  }
  return `(gr(f, ${indexLit(n)}, row) ? ${r} : ${l})`;
}

/** A summing function for trees [from, to): compiled when allowed and small enough, else interpreted. */
export function treeSum(f: Forest, from: number, to: number, allowCodegen = !codegenDisabled()): TreeSum {
  const interpreted: TreeSum = (row) => sumTrees(f, from, to, row);
  if (!allowCodegen) return interpreted;
  let nodes = 0;
  let depth = 0;
  for (let t = from; t < to; t++) {
    const r = f.roots[t];
    if (r < 0) continue;
    const end = t + 1 < f.roots.length && f.roots[t + 1] > r ? f.roots[t + 1] : f.nodeCount;
    for (let n = r; n < end; n++) depth = Math.max(depth, f.depth[n]);
    nodes += end - r;
  }
  if (nodes > MAX_COMPILED_NODES || depth > MAX_COMPILED_DEPTH) return interpreted;
  // Several small functions rather than one large one (see NODES_PER_FUNCTION); the running
  // sum is threaded through them so the additions happen in exactly the interpreter's order.
  const code = new ChunkedCode<Chunk>(nodesPerChunk(), (body) => {
    const make = new Function('f', 'gr', `return function treeChunk(row, s) {\n${body}return s;\n};`) as (f: Forest, gr: typeof goesRight) => Chunk;
    return make(f, goesRight);
  });
  for (let t = from; t < to; t++) {
    const r = f.roots[t];
    if (r < 0) continue;
    const end = t + 1 < f.roots.length && f.roots[t + 1] > r ? f.roots[t + 1] : f.nodeCount;
    code.add(`s += ${nodeExpr(f, r)};\n`, end - r);
  }
  const chunks = code.finish();
  if (chunks.length === 0) return () => 0;
  if (chunks.length === 1) {
    const only = chunks[0];
    return (row) => only(row, 0);
  }
  const n = chunks.length;
  return (row) => {
    let s = 0;
    for (let i = 0; i < n; i++) s = chunks[i](row, s);
    return s;
  };
}

/** Tree nodes per generated function (env MOJO_SCORER_CHUNK_NODES overrides, for benchmarking). */
function nodesPerChunk(): number {
  const v = Number(process.env.MOJO_SCORER_CHUNK_NODES);
  return Number.isInteger(v) && v > 0 ? v : NODES_PER_FUNCTION;
}
