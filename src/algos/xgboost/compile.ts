/**
 * Fast path: gbtree/dart forests compiled once at load into nested if/else JavaScript, with
 * thresholds and leaf values as numeric literals (validated numbers printed by String(), which
 * round-trips doubles). `predictMargins` stays the interpreter behind the same contract; set
 * MOJO_SCORER_NO_CODEGEN=1 to force it.
 *
 * A split sends missing values left with `!(v >= split)` and right with `v < split`, which is
 * exactly "NaN → default child, else x < split → left" without a separate NaN test.
 */
import type { Booster } from './booster.ts';

/** Sums tree outputs into acc[group] (float32 adds in booster order). */
export type CompiledForest = (fv: Float64Array, acc: Float64Array) => void;

/** Nodes per generated function: small enough for the JIT's optimising tiers. */
const NODES_PER_CHUNK = 4000;
/** Above this many nodes the interpreter is used (code size would outweigh the gain). */
const MAX_COMPILED_NODES = 400_000;

export function codegenDisabled(): boolean {
  const v = process.env.MOJO_SCORER_NO_CODEGEN;
  return v !== undefined && v !== '' && v !== '0';
}

function lit(x: number): string {
  if (x !== x) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (Object.is(x, -0)) return '-0';
  const s = String(x);
  if (!/^-?[0-9.e+-]+$/.test(s)) throw new Error(`unexpected numeric literal ${s}`);
  return s;
}

/** Compiles the booster's trees, or returns null when it has none or is too large. */
export function compileForest(b: Booster): CompiledForest | null {
  const f = b.forest;
  if (f === null || f.left.length > MAX_COMPILED_NODES) return null;
  const chunks: CompiledForest[] = [];
  let body = '';
  let nodes = 0;
  const flush = () => {
    if (body === '') return;
    chunks.push(new Function('fr', `return function xgbChunk(fv, acc) {\n  let v;\n${body}};`)(Math.fround) as CompiledForest);
    body = '';
    nodes = 0;
  };
  for (let t = 0; t < f.ntrees; t++) {
    const g = b.treeGroup[t];
    if (g < 0 || g >= b.groups) continue;
    const weight = b.treeWeight === null ? null : b.treeWeight[t];
    const emit = (n: number, indent: string): string => {
      if (f.left[n] < 0) {
        const add = weight === null ? lit(f.leaf[n]) : `fr(${lit(weight)} * ${lit(f.leaf[n])})`;
        return `${indent}acc[${g}] = fr(acc[${g}] + ${add});\n`;
      }
      const test = f.missing[n] === f.left[n] ? `!(v >= ${lit(f.split[n])})` : `v < ${lit(f.split[n])}`;
      return (
        `${indent}v = fv[${f.feature[n]}];\n${indent}if (${test}) {\n` +
        emit(f.left[n], `${indent}  `) +
        `${indent}} else {\n` +
        emit(f.right[n], `${indent}  `) +
        `${indent}}\n`
      );
    };
    body += emit(f.root[t], '  ');
    nodes += f.size[t];
    if (nodes >= NODES_PER_CHUNK) flush();
  }
  flush();
  if (chunks.length === 1) return chunks[0];
  const all = chunks;
  const n = all.length;
  return (fv, acc) => {
    for (let i = 0; i < n; i++) all[i](fv, acc);
  };
}
