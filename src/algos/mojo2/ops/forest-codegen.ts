/**
 * Generated code for a MOJO2 tree ensemble (the fast path behind compileOrInterpret): each tree
 * becomes nested ifs over frame slots, adding its leaf to its group's sum. Only validated
 * numbers (numLit) and indices (indexLit) reach the source. A missing value takes the branch of
 * its missing child, folded into the comparison: `!(x >= t)` is true for NaN.
 */
import { ChunkedCode, indexLit, NODES_PER_FUNCTION, numLit } from '../../common/index.ts';
import type { Forest, SplitRule } from './forest.ts';

/** Adds every tree's leaf for the frame `f` into `sums` (one slot per group). */
export type ForestSum = (f: Float64Array, sums: Float64Array) => void;

/** Depth (edges) of the deepest path of any tree. */
export function forestDepth(forest: Forest): number {
  let max = 0;
  const stack: number[] = [];
  for (let t = 0; t < forest.roots.length; t++) {
    stack.push(forest.roots[t], 0);
    while (stack.length > 0) {
      const d = stack.pop()!;
      const i = stack.pop()!;
      if (d > max) max = d;
      if (forest.feature[i] >= 0) stack.push(forest.yes[i], d + 1, forest.no[i], d + 1);
    }
  }
  return max;
}

function emit(forest: Forest, rule: SplitRule, slots: Int32Array, i: number, group: string): string {
  const feat = forest.feature[i];
  if (feat < 0) return `s[${group}]+=${numLit(forest.value[i])};`;
  const t = numLit(forest.threshold[i]);
  const x = `f[${indexLit(slots[feat])}]`;
  const missingYes = forest.missing[i] === forest.yes[i];
  const test = missingYes ? (rule === 'lt' ? `!(${x}>=${t})` : `!(${x}>${t})`) : rule === 'lt' ? `${x}<${t}` : `${x}<=${t}`;
  return `if(${test}){${emit(forest, rule, slots, forest.yes[i], group)}}else{${emit(forest, rule, slots, forest.no[i], group)}}`;
}

/** Compiles the forest into functions of bounded size. */
export function compileForest(forest: Forest, rule: SplitRule, slots: Int32Array): ForestSum {
  const code = new ChunkedCode<ForestSum>(NODES_PER_FUNCTION, (body) => new Function('f', 's', body) as ForestSum);
  const roots = forest.roots;
  for (let t = 0; t < roots.length; t++) {
    const end = t + 1 < roots.length ? roots[t + 1] : forest.feature.length;
    code.add(emit(forest, rule, slots, roots[t], indexLit(forest.groups[t])), end - roots[t]);
  }
  const chunks = code.finish();
  if (chunks.length === 1) return chunks[0];
  return (f, s) => {
    for (let c = 0; c < chunks.length; c++) chunks[c](f, s);
  };
}
