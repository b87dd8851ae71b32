/**
 * Fast path: gbtree/dart forests compiled once at load into JavaScript, each tree one nested
 * conditional expression whose value is its leaf's, added to its group's float32 sum once;
 * thresholds and leaf values are validated numeric literals (common/codegen.ts), in functions of
 * bounded size. `predictMargins` stays the interpreter behind the same contract; set
 * MOJO_SCORER_NO_CODEGEN=1 to force it.
 *
 * A split sends missing values left with `!(x >= split)` and right with `x < split`, which is
 * exactly "NaN → default child, else x < split → left" without a separate NaN test. Each
 * function reads its features into locals once (declareColumns). One generated entry calls the
 * functions in order, each from a call site of its own (callInOrder).
 */
import { callInOrder, ChunkedCode, columnValue, compileOrInterpret, declareColumns, indexLit, numLit } from '../common/index.ts';
import type { Booster } from './booster.ts';

/** Output groups up to this many keep their running sums in generated locals. */
const MAX_LOCAL_SUMS = 16;

/**
 * Tree nodes per generated function (the trees' NODES_PER_FUNCTION is 500). JSC's optimising
 * (FTL) compile of a function of nested conditionals takes time that grows with the square of
 * its size, and until it is done the forest runs 2-4x slower in the tier below. On an idle
 * machine the 50-tree fixture's 500-node functions compile in ~0.4 s in all; on a loaded one
 * (the compiler thread shares the cores) 1.5-3 s, so a 2 s warm-up sometimes ends before full
 * speed: the bench's unstable XGBoost figure. 350 compiles in ~30% less time, the longest
 * function in half, at the same steady speed; 250 compiles in half the time but scores ~8%
 * slower (a chunk's call and column loads, measured through callInOrder).
 */
export const XGB_NODES_PER_FUNCTION = 350;

/** Sums tree outputs into acc[group] (float32 adds in booster order). */
export type CompiledForest = (fv: Float64Array, acc: Float64Array) => void;

/**
 * Compiles the booster's trees (null when it has none), `nodesPerChunk` nodes per generated
 * function. Size limits and the fallback to the interpreter are compileOrInterpret's (see
 * compiledMargins).
 */
export function compileForest(b: Booster, nodesPerChunk = XGB_NODES_PER_FUNCTION): CompiledForest | null {
  const f = b.forest;
  if (f === null) return null;
  // Each chunk keeps its groups' sums in locals (read on entry, written back on exit): the float32
  // adds form one serial chain per group, and a register holds it better than acc[] does.
  const locals = b.groups <= MAX_LOCAL_SUMS;
  const sum = (g: number): string => (locals ? `a${indexLit(g)}` : `acc[${indexLit(g)}]`);
  let open = '';
  let close = '';
  if (locals) {
    for (let g = 0; g < b.groups; g++) {
      open += `  let ${sum(g)} = acc[${indexLit(g)}];\n`;
      close += `  acc[${indexLit(g)}] = ${sum(g)};\n`;
    }
  }
  const code = new ChunkedCode<CompiledForest>(
    nodesPerChunk,
    (body) =>
      new Function('fr', `return function xgbChunk(fv, acc) {\n${declareColumns(open + body, 'fv')}${close}};`)(
        Math.fround,
      ) as CompiledForest,
  );
  for (let t = 0; t < f.ntrees; t++) {
    const g = b.treeGroup[t];
    if (g < 0 || g >= b.groups) continue;
    const acc = sum(g);
    const weight = b.treeWeight === null ? null : b.treeWeight[t];
    // The tree as one nested conditional whose value is the leaf's (a dart leaf's weighted
    // float32 is a constant: folded here), added once per tree.
    const value = (n: number): string => {
      if (f.left[n] < 0) return numLit(weight === null ? f.leaf[n] : Math.fround(weight * f.leaf[n]));
      const x = columnValue(f.feature[n]);
      const test = f.missing[n] === f.left[n] ? `!(${x} >= ${numLit(f.split[n])})` : `${x} < ${numLit(f.split[n])}`;
      return `(${test} ? ${value(f.left[n])} : ${value(f.right[n])})`;
    };
    code.add(`  ${acc} = fr(${acc} + ${value(f.root[t])});\n`, f.size[t]);
  }
  const all = code.finish();
  return all.length === 1 ? all[0] : callInOrder<CompiledForest>(all, 2);
}

/**
 * The booster's compiled trees through compileOrInterpret, or null (use the interpreter) when
 * code generation is off, the forest is too large or deep, or compiling fails.
 */
export function compiledMargins(b: Booster): CompiledForest | null {
  const f = b.forest;
  if (f === null) return null;
  let depth = 0;
  for (let t = 0; t < f.ntrees; t++) depth = Math.max(depth, f.depth[t] - 1);
  return compileOrInterpret<CompiledForest | null>({ nodes: f.left.length, depth }, () => compileForest(b), null);
}
