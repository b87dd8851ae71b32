/**
 * Helpers for the generated scoring fast paths (tree and XGBoost forests, the GLM linear predictor, compiled at load): the
 * switch that forces the interpreters, the only two ways a model value may enter generated
 * source (validated numeric and index literals — never a string read from the model file), and
 * splitting long generated code into functions of bounded size.
 */
import { hostEnvVars } from '../../mojo/index.ts';

/**
 * True when MOJO_SCORER_NO_CODEGEN is set (to anything but '' or '0'), or when the runtime
 * forbids `new Function` (a CSP without 'unsafe-eval', edge runtimes): use the interpreters.
 */
export function codegenDisabled(): boolean {
  const v = hostEnv('MOJO_SCORER_NO_CODEGEN');
  return (v !== undefined && v !== '' && v !== '0') || !evalAllowed();
}

/** An environment variable where the runtime has one (Node, Bun, Deno); undefined in browsers. */
export function hostEnv(name: string): string | undefined {
  return hostEnvVars()[name];
}

let evalProbe: boolean | undefined;

/** Whether `new Function` works here; probed once (a CSP refusal throws EvalError). */
function evalAllowed(): boolean {
  if (evalProbe === undefined) {
    try {
      evalProbe = new Function('return 1')() === 1;
    } catch {
      evalProbe = false;
    }
  }
  return evalProbe;
}

/**
 * The largest forest compiled: beyond these the generated source gets too large or too deeply
 * nested to pay off (and nesting deeper than the call stack cannot be emitted at all).
 */
export const MAX_COMPILED_NODES = 250_000;
export const MAX_COMPILED_DEPTH = 48;

/** Size of what would be compiled: its node count and its deepest split path (edges from a root). */
export interface ForestShape {
  readonly nodes: number;
  readonly depth: number;
}

/**
 * The one code-generation entry for every evaluator: `compile()` when code generation is on
 * (`enabled`, by default unless MOJO_SCORER_NO_CODEGEN) and `shape` is within the limits;
 * otherwise, and when compiling fails in any way, the interpreter `interpret`. A generator with
 * a bound of its own (columns, terms) throws beyond it.
 */
export function compileOrInterpret<F>(shape: ForestShape, compile: () => F, interpret: F, enabled = !codegenDisabled()): F {
  if (!enabled || !(shape.nodes <= MAX_COMPILED_NODES) || !(shape.depth <= MAX_COMPILED_DEPTH)) return interpret;
  const start = performance.now();
  try {
    return compile();
  } catch {
    return interpret;
  } finally {
    compileMs += performance.now() - start;
  }
}

let compileMs = 0;

/** Milliseconds this process has spent in `compile()` so far (the server's start-up trace reports it). */
export function codegenMilliseconds(): number {
  return compileMs;
}

/** What String() prints for a finite, non-zero-signed double (round-trips exactly). */
const FINITE_LITERAL = /^-?[0-9]+(\.[0-9]+)?(e[+-][0-9]+)?$/;

/**
 * A JavaScript expression for the double `x`: finite numbers as String() prints them (which
 * round-trips), `NaN`, `Infinity`, `-Infinity` and `-0`. Anything else throws.
 */
export function numLit(x: number): string {
  if (typeof x !== 'number') throw new TypeError(`codegen: ${typeof x} is not a number`);
  if (x !== x) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (Object.is(x, -0)) return '-0';
  const s = String(x);
  if (!FINITE_LITERAL.test(s)) throw new Error(`codegen: unexpected numeric literal ${s}`);
  return s;
}

/** A JavaScript literal for an array index or count: a non-negative safe integer, else throws. */
export function indexLit(i: number): string {
  if (typeof i !== 'number' || !Number.isSafeInteger(i) || i < 0) throw new Error(`codegen: ${String(i)} is not a valid index`);
  return String(i);
}

/**
 * Tree nodes per generated function. JSC optimises a function on a background thread, and
 * every garbage collection waits for that compile to reach a safepoint: a 50-tree function
 * takes ~1 s in the optimising tier and stalls requests by tens of ms at the tail meanwhile.
 * Functions of ~500 nodes optimise in 50–450 ms each (the optimising compile of nested
 * conditionals grows with the square of a function's size); smaller ones compile sooner but
 * pay a prologue per call (see XGB_NODES_PER_FUNCTION for XGBoost's).
 */
export const NODES_PER_FUNCTION = 500;

/**
 * One generated function that calls `fns` in order, each from a call site of its own: direct,
 * monomorphic calls the JIT optimises (a loop over the array makes one megamorphic call site,
 * which cost ~10% of a 50-tree forest's time). Each function takes `arity` arguments, which the
 * entry passes on. With `sum`, each function's last argument is a running sum it returns: the
 * entry takes arity − 1 arguments, starts the sum at 0 and returns it.
 */
export function callInOrder<F>(fns: readonly ((...args: never) => unknown)[], arity: number, sum = false): F {
  const args: string[] = [];
  for (let i = 0; i < arity - (sum ? 1 : 0); i++) args.push(`p${indexLit(i)}`);
  const passed = (sum ? [...args, 's'] : args).join(', ');
  let body = sum ? '  let s = 0;\n' : '';
  for (let i = 0; i < fns.length; i++) body += `  ${sum ? 's = ' : ''}fns[${indexLit(i)}](${passed});\n`;
  if (sum) body += '  return s;\n';
  return new Function('fns', `return function callInOrder(${args.join(', ')}) {\n${body}};`)(fns) as F;
}

/**
 * Accumulates generated statements and compiles them into functions of about `nodesPerChunk`
 * nodes each (small enough for the JIT's optimising tiers); `compile` turns one body into a function.
 */
export class ChunkedCode<F> {
  private readonly chunks: F[] = [];
  private body = '';
  private nodes = 0;

  constructor(
    private readonly nodesPerChunk: number,
    private readonly compile: (body: string) => F,
  ) {}

  /** Appends `code` worth `nodes` nodes; starts a new function once the chunk is full. */
  add(code: string, nodes: number): void {
    this.body += code;
    this.nodes += nodes;
    if (this.nodes >= this.nodesPerChunk) this.flush();
  }

  /** The compiled functions, in the order their code was added. */
  finish(): F[] {
    this.flush();
    return this.chunks;
  }

  private flush(): void {
    if (this.body === '') return;
    this.chunks.push(this.compile(this.body));
    this.body = '';
    this.nodes = 0;
  }
}

/** A generated function reading at most this many columns loads them into locals once per call. */
const MAX_COLUMN_LOCALS = 32;

/** The generated column names `x<c>` (columnValue) and level names `k<c>` (columnLevel), matched in generated code only. */
const COLUMN_NAME = /\bx(\d+)\b/g;
const LEVEL_NAME = /\bk(\d+)\b/g;

/** INT_MAX: the level `columnLevel` gives every value that is no level a bitset can hold. */
const NO_LEVEL = '2147483647';

/**
 * The row value of column c as generated code names it: the local `x<c>`, which
 * `declareColumns` declares.
 */
export function columnValue(c: number): string {
  return `x${indexLit(c)}`;
}

/**
 * Column c's categorical level as generated code names it: the local `k<c>` (declareColumns
 * declares it), an int32 that is Java's (int) cast of the value when that lies in [0, INT_MAX),
 * else INT_MAX (NaN, values at or below -1, values at or beyond INT_MAX). Every bitset range
 * [off, end) the tree codegen tests has end <= INT_MAX, so INT_MAX falls outside all of them,
 * as do the values it stands for (their cast is negative, or INT_MAX itself).
 */
export function columnLevel(c: number): string {
  return `k${indexLit(c)}`;
}

/** Source for columnLevel's int of the value expression `v` (a local or an element read). */
function levelOf(v: string): string {
  return `(${v} > -1 && ${v} < ${NO_LEVEL} ? ${v} | 0 : ${NO_LEVEL})`;
}

/**
 * A generated function body that names its column values `x<c>` (columnValue) and levels `k<c>`
 * (columnLevel), preceded by their declarations (`const x3 = row[3], k3 = …;` for the array
 * named `row`): each split then compares a register, not a bounds-checked load (smaller code,
 * fewer loads on the walk). A body reading more than MAX_COLUMN_LOCALS columns would load more
 * than its walk reads: it reads `row[c]` (and computes the level) where it uses them instead.
 */
export function declareColumns(body: string, row: string): string {
  const cols = new Set<number>();
  const levels = new Set<number>();
  for (const m of body.matchAll(COLUMN_NAME)) cols.add(Number(m[1]));
  for (const m of body.matchAll(LEVEL_NAME)) levels.add(Number(m[1]));
  for (const c of levels) cols.add(c);
  if (cols.size + levels.size > MAX_COLUMN_LOCALS)
    return body.replace(COLUMN_NAME, `${row}[$1]`).replace(LEVEL_NAME, (_, c: string) => levelOf(`${row}[${indexLit(Number(c))}]`));
  if (cols.size === 0) return body;
  const decls: string[] = [];
  for (const c of cols) decls.push(`${columnValue(c)} = ${row}[${indexLit(c)}]`);
  for (const c of levels) decls.push(`${columnLevel(c)} = ${levelOf(columnValue(c))}`);
  return `const ${decls.join(', ')};\n${body}`;
}
