/**
 * `eta` compiled for one model (single-output GLM): the numeric coefficients, the intercept,
 * the fills and the categorical offsets become literals of one small straight-line function the
 * JIT inlines into the scoring call. Same terms, same order, same errors as `eta` with
 * BadLevel.Throw, which stays the interpreter (code generation off, or too many columns).
 */
import { compileOrInterpret, indexLit, numLit } from '../codegen.ts';
import { javaInt } from '../java-int.ts';
import { BadLevel, eta, type LinearLayout, throwBadLevel } from './design.ts';

/** Columns beyond which the straight-line function gets too long to pay off. */
const MAX_COMPILED_COLUMNS = 500;

type Eta = (raw: Float64Array) => number;

/** `eta(L, beta, 0, intercept, raw, BadLevel.Throw)` as a function of the row. */
export function etaFunction(L: LinearLayout, beta: Float64Array, intercept: number, enabled?: boolean): Eta {
  const interpret: Eta = (raw) => eta(L, beta, 0, intercept, raw, BadLevel.Throw);
  return compileOrInterpret({ nodes: L.cats + L.nums, depth: 0 }, () => compileEta(L, beta, intercept), interpret, enabled);
}

function compileEta(L: LinearLayout, beta: Float64Array, intercept: number): Eta {
  if (L.cats + L.nums > MAX_COMPILED_COLUMNS) throw new Error('codegen: too many columns');
  const off = L.catOffsets;
  const fills = L.fills;
  const lines = ['let e = 0.0, v = 0.0, l = 0, k = 0;'];
  for (let i = 0; i < L.cats; i++) {
    lines.push(`v = raw[${indexLit(i)}];`);
    if (fills[i] === fills[i]) lines.push(`if (v !== v) v = ${numLit(fills[i])};`);
    const start = numLit(off[i]);
    const end = numLit(off[i + 1]);
    if (L.useAllFactorLevels) {
      lines.push(`l = javaInt(v); k = l + ${start};`);
      lines.push('if (l !== v || k < 0) bad(l !== v, k, n);');
      lines.push(`if (k < ${end}) e += beta[k];`);
    } else {
      lines.push(`if (v !== 0) { l = javaInt(v) - 1; k = l + ${start};`);
      lines.push('  if (l !== v - 1 || k < 0) bad(l !== v - 1, k, n);');
      lines.push(`  if (k < ${end}) e += beta[k]; }`);
    }
  }
  const nb = off[L.cats];
  for (let j = 0; j < L.nums; j++) {
    const col = L.cats + j;
    const b = `(${numLit(beta[nb + j])})`;
    if (fills[col] === fills[col]) lines.push(`v = raw[${indexLit(col)}]; if (v !== v) v = ${numLit(fills[col])}; e += ${b} * v;`);
    else lines.push(`e += ${b} * raw[${indexLit(col)}];`);
  }
  lines.push(`return e + (${numLit(beta[intercept])});`);
  const make = new Function('beta', 'n', 'javaInt', 'bad', `return function eta(raw) {\n${lines.join('\n')}\n};`) as (
    beta: Float64Array,
    n: number,
    javaIntFn: typeof javaInt,
    bad: typeof throwBadLevel,
  ) => Eta;
  return make(beta, beta.length, javaInt, throwBadLevel);
}
