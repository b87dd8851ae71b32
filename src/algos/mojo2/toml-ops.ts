/**
 * The transforms of TOML pipelines (`name = '<Op>'` with its parameters) → steps; the same
 * steps as the protobuf ops. Status of each: docs/ARCHITECTURE.md.
 */
import { Mojo2UnsupportedError, MojoFormatError } from '../../errors.ts';
import type { TomlTable, TomlValue } from '../../mojo2/index.ts';
import type { CompileEnv } from './compile-env.ts';
import type { ColType, ColumnSpec, FrameLayout } from './frame.ts';
import { readCapnpXgboost, parseXgbTextDump } from './models/index.ts';
import {
  type ArithCode,
  ClipStep,
  ColumnArithStep,
  ConstArithStep,
  PowerStep,
  StandardiseStep,
  SumStep,
  isNumeric,
  NumberToTextStep,
  NumericCastStep,
  TruncateCastStep,
  CopyStep,
  FillMissingStep,
  Forest,
  ForestStep,
  LinearStep,
  SigmoidStep,
  SoftmaxStep,
  IntervalMapStep,
  KeyIndex,
  MapLookupStep,
  KMeansStep,
  MatrixProductStep,
} from './ops/index.ts';
import { NestedStep, type Program, type Step } from './program.ts';
import { unknownOperation } from './unverified.ts';

const ARITH: Readonly<Record<string, ArithCode>> = { add: 'add', subtract: 'sub', multiply: 'mul', divide: 'div' };

/** What compiling one transform sees. */
export interface TomlContext {
  readonly env: CompileEnv;
  readonly layout: FrameLayout;
  readonly origin: string;
  readonly dir: string;
  readonly t: TomlTable;
  readonly what: string;
  readonly inputs: string[];
  readonly outputs: string[];
  /** Compiles the nested pipeline `<dir><pwd>/<file>` for the given caller columns (ExecPipe). */
  readonly nested: (dir: string, file: string, inputs: ColumnSpec[], outputs: ColumnSpec[]) => Program;
}

function fail(ctx: TomlContext, why: string): never {
  throw new MojoFormatError(`${ctx.origin}: ${ctx.what}: ${why}`);
}

function arity(ctx: TomlContext, nIn: number | null, nOut: number | null): void {
  if (nIn !== null && ctx.inputs.length !== nIn) fail(ctx, `expects ${nIn} input(s), has ${ctx.inputs.length}`);
  if (nOut !== null && ctx.outputs.length !== nOut) fail(ctx, `expects ${nOut} output(s), has ${ctx.outputs.length}`);
}

/** A number parameter; None (null) is NaN. */
function param(ctx: TomlContext, key: string): number {
  const v = ctx.t.get(key);
  if (v === null) return Number.NaN;
  if (typeof v !== 'number') fail(ctx, `'${key}' is not a number`);
  return v;
}

function textParam(ctx: TomlContext, key: string): string {
  const v = ctx.t.get(key);
  if (typeof v !== 'string') fail(ctx, `'${key}' is not text`);
  return v;
}

/** A list of numbers (None → NaN). */
function numbers(ctx: TomlContext, v: TomlValue | undefined, what: string): Float64Array {
  if (!Array.isArray(v)) fail(ctx, `${what} is not a list`);
  return Float64Array.from(v, (x) => {
    if (x === null) return Number.NaN;
    if (typeof x !== 'number') fail(ctx, `${what} holds a non-number`);
    return x;
  });
}

/** A value in a column's representation (strings as codes, None as missing). */
function valueFor(ctx: TomlContext, v: TomlValue, type: ColType): number {
  if (v === null) return Number.NaN;
  if (typeof v === 'string' || typeof v === 'number') return ctx.env.scalarFor(v, type, ctx.what);
  fail(ctx, 'a value that is neither a number nor text');
}

const slots = (ctx: TomlContext, names: readonly string[]): Int32Array => Int32Array.from(names, (n) => ctx.layout.slot(n));
const isF32 = (ctx: TomlContext, name: string): boolean => ctx.layout.typeOf(name) === 'float32';
const f32Flags = (ctx: TomlContext, names: readonly string[]): Uint8Array => Uint8Array.from(names, (n) => (isF32(ctx, n) ? 1 : 0));

/** The step of one `[[transforms]]` entry named `name`. */
export function compileTransform(name: string, ctx: TomlContext): Step {
  const { layout, inputs, outputs } = ctx;
  switch (name) {
    case 'AsType': {
      arity(ctx, 1, 1);
      const from = layout.typeOf(inputs[0]);
      const to = layout.typeOf(outputs[0]);
      const a = layout.slot(inputs[0]);
      const b = layout.slot(outputs[0]);
      if (isNumeric(from) && isNumeric(to)) {
        if ((to === 'int32' || to === 'int64') && (from === 'float32' || from === 'float64')) return new TruncateCastStep(a, b);
        return new NumericCastStep(a, b, to === 'float32');
      }
      if (isNumeric(from) && to === 'str')
        return new NumberToTextStep(a, b, from === 'int32' || from === 'int64', ctx.env.strings, from === 'float32');
      if (from === to) return new CopyStep(Int32Array.of(a), Int32Array.of(b));
      throw new Mojo2UnsupportedError(`${ctx.origin}: ${ctx.what}: a cast from ${from} to ${to} is not supported`);
    }
    case 'FillNa': {
      arity(ctx, 1, 1);
      const v = ctx.t.get('repl');
      if (v === undefined || Array.isArray(v) || typeof v === 'boolean') fail(ctx, "'repl' is not a value");
      return new FillMissingStep(valueFor(ctx, v, layout.typeOf(outputs[0])), layout.slot(inputs[0]), layout.slot(outputs[0]));
    }
    case 'Map':
      return compileMap(ctx);
    case 'Scale':
      arity(ctx, 1, 1);
      return new StandardiseStep(
        param(ctx, 'mean'),
        param(ctx, 'scale'),
        layout.slot(inputs[0]),
        layout.slot(outputs[0]),
        isF32(ctx, outputs[0]),
      );
    case 'KMeans': {
      arity(ctx, null, 1);
      const k = param(ctx, 'k');
      if (ctx.t.get('output') !== 'labels') ctx.env.policy.check(ctx.what, `k-means output '${String(ctx.t.get('output')).slice(0, 20)}'`);
      const rows = ctx.t.get('centroids');
      if (!Array.isArray(rows) || rows.length !== k) fail(ctx, `${Array.isArray(rows) ? rows.length : 0} centroids for k = ${k}`);
      const c = new Float64Array(k * inputs.length);
      rows.forEach((r, i) => {
        const v = numbers(ctx, r, 'a centroid');
        if (v.length !== inputs.length) fail(ctx, `a centroid of ${v.length} values for ${inputs.length} inputs`);
        c.set(v, i * inputs.length);
      });
      return new KMeansStep(c, k, slots(ctx, inputs), slots(ctx, outputs), 'labels');
    }
    case 'IntervalMap': {
      arity(ctx, 1, null);
      const b = numbers(ctx, ctx.t.get('breakpoints'), 'breakpoints');
      for (let i = 1; i < b.length; i++) if (!(b[i - 1] < b[i])) fail(ctx, 'breakpoints are not ascending');
      const rows = ctx.t.get('values');
      if (!Array.isArray(rows) || rows.length !== b.length + 2)
        fail(ctx, `values for ${Array.isArray(rows) ? rows.length : 0} slots, ${b.length + 2} expected`);
      const values = outputs.map(() => new Float64Array(b.length + 2));
      rows.forEach((r, slot) => {
        if (!Array.isArray(r) || r.length !== outputs.length) fail(ctx, 'a slot without one value per output');
        r.forEach((v, j) => {
          values[j][slot] = valueFor(ctx, v, layout.typeOf(outputs[j]));
        });
      });
      return new IntervalMapStep(b, layout.slot(inputs[0]), slots(ctx, outputs), values);
    }
    case 'MatrixProduct': {
      const rows = ctx.t.get('matrix');
      if (!Array.isArray(rows) || rows.length !== outputs.length) fail(ctx, 'a matrix without one row per output');
      const m = new Float64Array(outputs.length * inputs.length);
      rows.forEach((r, i) => {
        const v = numbers(ctx, r, 'a matrix row');
        if (v.length !== inputs.length) fail(ctx, `a matrix row of ${v.length} values for ${inputs.length} inputs`);
        m.set(v, i * inputs.length);
      });
      return new MatrixProductStep(m, slots(ctx, inputs), slots(ctx, outputs), f32Flags(ctx, outputs));
    }
    case 'BinaryOp': {
      arity(ctx, 2, 1);
      const code = ARITH[textParam(ctx, 'op')];
      if (code === undefined) fail(ctx, `unknown op '${textParam(ctx, 'op').slice(0, 20)}'`);
      return new ColumnArithStep(code, layout.slot(inputs[0]), layout.slot(inputs[1]), layout.slot(outputs[0]), isF32(ctx, outputs[0]));
    }
    case 'ConstBinaryOp': {
      arity(ctx, 1, 1);
      const code = ARITH[textParam(ctx, 'op')];
      if (code === undefined) fail(ctx, `unknown op '${textParam(ctx, 'op').slice(0, 20)}'`);
      const pos = textParam(ctx, 'pos');
      if (pos !== 'left' && pos !== 'right') fail(ctx, `unknown pos '${pos.slice(0, 20)}'`);
      return new ConstArithStep(
        code,
        param(ctx, 'const'),
        pos === 'left',
        layout.slot(inputs[0]),
        layout.slot(outputs[0]),
        isF32(ctx, outputs[0]),
      );
    }
    case 'Power':
      arity(ctx, 1, 1);
      return new PowerStep(param(ctx, 'exp'), layout.slot(inputs[0]), layout.slot(outputs[0]), isF32(ctx, outputs[0]));
    case 'Clip':
      arity(ctx, 1, 1);
      return new ClipStep(param(ctx, 'min'), param(ctx, 'max'), layout.slot(inputs[0]), layout.slot(outputs[0]), isF32(ctx, outputs[0]));
    case 'Agg':
      arity(ctx, null, 1);
      if (inputs.length === 0) fail(ctx, 'no inputs');
      if (ctx.t.get('op') !== 'sum') ctx.env.policy.check(ctx.what, `aggregation '${String(ctx.t.get('op')).slice(0, 20)}'`);
      return new SumStep(slots(ctx, inputs), layout.slot(outputs[0]), isF32(ctx, outputs[0]));
    case 'Sigmoid':
      arity(ctx, 1, 1);
      return new SigmoidStep(layout.slot(inputs[0]), layout.slot(outputs[0]), isF32(ctx, outputs[0]));
    case 'Softmax':
      arity(ctx, inputs.length, inputs.length);
      if (inputs.length === 0) fail(ctx, 'no inputs');
      return new SoftmaxStep(slots(ctx, inputs), slots(ctx, outputs), f32Flags(ctx, outputs));
    case 'XGBoost':
      return compileXgboost(ctx);
    case 'ExecPipe': {
      const pwd = textParam(ctx, 'pwd');
      const file = textParam(ctx, 'filename');
      const col = (n: string): ColumnSpec => ({ name: n, type: layout.typeOf(n) });
      const program = ctx.nested(`${ctx.dir}${pwd}/`, file, inputs.map(col), outputs.map(col));
      return new NestedStep(program, slots(ctx, inputs), slots(ctx, outputs));
    }
    default:
      throw unknownOperation(ctx.origin, `${ctx.what} (an operation name no known pipeline uses)`);
  }
}

/** Map: `map = [[[key…], [value…]], …]`, `missing = [value…]`. */
function compileMap(ctx: TomlContext): Step {
  const { layout, inputs, outputs } = ctx;
  if (inputs.length === 0 || outputs.length === 0) fail(ctx, 'a lookup needs inputs and outputs');
  const entries = ctx.t.get('map');
  if (!Array.isArray(entries)) fail(ctx, "'map' is not a list");
  const keys = inputs.map(() => new Float64Array(entries.length));
  const values = outputs.map(() => new Float64Array(entries.length));
  const inTypes = inputs.map((n) => layout.typeOf(n));
  const outTypes = outputs.map((n) => layout.typeOf(n));
  entries.forEach((e, i) => {
    if (!Array.isArray(e) || e.length !== 2 || !Array.isArray(e[0]) || !Array.isArray(e[1]))
      fail(ctx, 'a map entry is not [[keys], [values]]');
    if (e[0].length !== inputs.length || e[1].length !== outputs.length) fail(ctx, 'a map entry has the wrong number of keys or values');
    e[0].forEach((k, j) => {
      keys[j][i] = valueFor(ctx, k, inTypes[j]);
    });
    e[1].forEach((v, j) => {
      values[j][i] = valueFor(ctx, v, outTypes[j]);
    });
  });
  const miss = ctx.t.get('missing');
  if (!Array.isArray(miss) || miss.length !== outputs.length) fail(ctx, "'missing' is not one value per output");
  const missing = Float64Array.from(miss, (v, j) => valueFor(ctx, v, outTypes[j]));
  return new MapLookupStep(new KeyIndex(keys, entries.length), slots(ctx, inputs), slots(ctx, outputs), values, missing);
}

/** XGBoost: a text dump (2018-04) or a Cap'n Proto file (`<filename>.capnp`, 2018-08/09). */
function compileXgboost(ctx: TomlContext): Step {
  const { inputs, outputs, env } = ctx;
  const file = textParam(ctx, 'filename');
  const limit = param(ctx, 'num_tree_limit');
  if (!(Number.isInteger(limit) && limit >= 0)) fail(ctx, `num_tree_limit ${limit} is not a count`);
  const featureIndex = new Map<string, number>();
  inputs.forEach((n, i) => {
    if (!featureIndex.has(n)) featureIndex.set(n, i);
  });
  const path = `${ctx.dir}${file}`;
  const inSlots = slots(ctx, inputs);
  const outSlots = slots(ctx, outputs);
  const f32 = f32Flags(ctx, outputs);
  if (env.has(`${path}.capnp`)) {
    const m = readCapnpXgboost(env.read(`${path}.capnp`), inputs, `${env.origin}!/${path}.capnp`, () =>
      ctx.env.policy.check(ctx.what, "an XGBoost gblinear model in Cap'n Proto form"),
    );
    if (m.nGroups !== outputs.length) fail(ctx, `the model has ${m.nGroups} groups for ${outputs.length} outputs`);
    if (m.linear) {
      return new LinearStep(m.linear, inSlots, outSlots);
    }
    // XGBoost's ntree_limit counts boosting rounds: rounds × groups trees.
    const trees = m.trees.slice(0, limit === 0 ? m.trees.length : limit * m.nGroups);
    const forest = new Forest(trees, m.groups.slice(0, trees.length), m.nGroups, inputs.length, `${env.origin}!/${path}.capnp`);
    return new ForestStep(forest, 'lt', m.base, inSlots, outSlots, f32);
  }
  const dump = parseXgbTextDump(new TextDecoder().decode(env.read(path)), featureIndex, `${env.origin}!/${path}`);
  if (dump.nGroups !== 1 || outputs.length !== 1) {
    ctx.env.policy.check(ctx.what, 'a multi-group XGBoost text dump');
  }
  const trees = dump.trees.slice(0, limit === 0 ? dump.trees.length : limit * dump.nGroups);
  const groups = trees.map((_, t) => t % dump.nGroups);
  const forest = new Forest(trees, groups, dump.nGroups, inputs.length, `${env.origin}!/${path}`);
  return new ForestStep(forest, 'lt', dump.base, inSlots, outSlots, f32);
}
