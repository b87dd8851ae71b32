/**
 * Fast path: a range of trees compiled once at load into one JS function of nested
 * conditionals with the thresholds and leaf values as literals. Plain numeric splits become
 * `row[c] >= t` (or `!(row[c] < t)` when missing goes right, so NaN takes the NA branch); every
 * other node (bitsets, NAvsREST, numeric splits on categorical columns) calls the interpreter's
 * `goesRight`, so both paths share one decision rule. Set MOJO_SCORER_NO_CODEGEN=1 to force the
 * interpreter (`sumTrees`).
 */
import { NA_LEFT, type Forest } from './forest.ts';
import { goesRight, sumTrees } from './traverse.ts';

/** Sums trees [from, to) of the forest for a row. */
export type TreeSum = (row: Float64Array) => number;

/** Beyond these the generated source gets large or deeply nested; the interpreter is used. */
const MAX_COMPILED_NODES = 250_000;
const MAX_COMPILED_DEPTH = 48;

export function codegenDisabled(): boolean {
  const v = process.env.MOJO_SCORER_NO_CODEGEN;
  return v !== undefined && v !== '' && v !== '0';
}

function lit(x: number): string {
  if (x !== x) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return String(x);
}

function nodeExpr(f: Forest, n: number): string {
  const c = f.feature[n];
  if (c < 0) return lit(f.value[n]);
  const fl = f.flags[n];
  const l = nodeExpr(f, f.left[n]);
  const r = nodeExpr(f, f.right[n]);
  if ((fl === 0 || fl === NA_LEFT) && f.catLimit[c] === Infinity) {
    const t = lit(f.threshold[n]);
    return fl === NA_LEFT ? `(row[${c}] >= ${t} ? ${r} : ${l})` : `(row[${c}] < ${t} ? ${l} : ${r})`;
  }
  return `(gr(f, ${n}, row) ? ${r} : ${l})`;
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
  const lines = ['let s = 0;'];
  for (let t = from; t < to; t++) if (f.roots[t] >= 0) lines.push(`s += ${nodeExpr(f, f.roots[t])};`);
  lines.push('return s;');
  const make = new Function('f', 'gr', `return function treeSum(row) {\n${lines.join('\n')}\n};`) as (f: Forest, gr: typeof goesRight) => TreeSum;
  return make(f, goesRight);
}
