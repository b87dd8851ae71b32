/**
 * The operations of protobuf pipelines: one transformation (op = its oneof field number, the
 * parameters in that field's message) → steps. Status of each op: docs/ARCHITECTURE.md.
 */
import { Mojo2UnsupportedError, MojoFormatError } from '../../errors.ts';
import { type PbMessage, readMessage, readTensor, type Tensor, tensorLength } from '../../mojo2/index.ts';
import type { CompileEnv } from './compile-env.ts';
import type { ColumnSpec, FrameLayout } from './frame.ts';
import { readProtoModel } from './models/index.ts';
import {
  type ArithCode,
  ColumnArithStep,
  ConstArithStep,
  StandardiseStep,
  SumStep,
  isNumeric,
  NumberToTextStep,
  NumericCastStep,
  TextToDateStep,
  TruncateCastStep,
  ConstantStep,
  CopyStep,
  FillMissingStep,
  DatePartStep,
  ForestStep,
  LinearStep,
  SigmoidStep,
  SoftmaxStep,
  IntervalMapStep,
  KeyIndex,
  MapLookupStep,
  ReplaceStep,
  KMeansStep,
  MatrixProductStep,
} from './ops/index.ts';
import { NestedStep, type Program, type Step } from './program.ts';
import { unknownOperation } from './unverified.ts';

const ARITH: Readonly<Record<number, ArithCode>> = { 1: 'add', 2: 'sub', 3: 'mul', 4: 'div' };

/** What compiling one transformation sees. */
export interface OpContext {
  readonly env: CompileEnv;
  readonly layout: FrameLayout;
  readonly origin: string;
  /** "transformer 'X' (operation N, name)" for messages. */
  readonly what: string;
  readonly inputs: string[];
  readonly outputs: string[];
  readonly params: PbMessage;
  readonly depth: number;
  /** Compiles the nested pipeline at a zip path for the given caller columns (op 30). */
  readonly nested: (path: string, inputs: ColumnSpec[], outputs: ColumnSpec[]) => Program;
}

function fail(ctx: OpContext, why: string): never {
  throw new MojoFormatError(`${ctx.origin}: ${ctx.what}: ${why}`);
}

function arity(ctx: OpContext, nIn: number | null, nOut: number | null): void {
  if (nIn !== null && ctx.inputs.length !== nIn) fail(ctx, `expects ${nIn} input(s), has ${ctx.inputs.length}`);
  if (nOut !== null && ctx.outputs.length !== nOut) fail(ctx, `expects ${nOut} output(s), has ${ctx.outputs.length}`);
}

const slots = (ctx: OpContext, names: readonly string[]): Int32Array => Int32Array.from(names, (n) => ctx.layout.slot(n));
const isF32 = (ctx: OpContext, name: string): boolean => ctx.layout.typeOf(name) === 'float32';
const f32Flags = (ctx: OpContext, names: readonly string[]): Uint8Array => Uint8Array.from(names, (n) => (isF32(ctx, n) ? 1 : 0));

/** A typed scalar `{2: int64 | 3: float32 | 4: float64 | 5: string}`. */
function typedScalar(ctx: OpContext, m: PbMessage): number | string {
  const fields = m.numbers();
  if (fields.length > 1) fail(ctx, 'a scalar with several values');
  switch (fields[0]) {
    case undefined:
      return 0;
    case 2:
      return m.int(2);
    case 3:
      return m.float(3);
    case 4:
      return m.double(4);
    case 5:
      return m.string(5);
    default:
      ctx.env.policy.check(ctx.what, `a scalar of kind ${fields[0]}`);
      return m.int(fields[0]);
  }
}

function tensor(ctx: OpContext, ref: PbMessage): Tensor {
  return readTensor(ref, ctx.env.read, ctx.env.origin);
}

/** The steps of one transformation with op field `op`. */
export function compileOp(op: number, ctx: OpContext): Step[] {
  const { layout, params: p, inputs, outputs } = ctx;
  switch (op) {
    case 4: {
      arity(ctx, 1, 1);
      const code = ARITH[p.int(1)];
      if (code === undefined) fail(ctx, `unknown arithmetic code ${p.int(1)}`);
      const side = p.int(2);
      if (side !== 1 && side !== 2) fail(ctx, `unknown operand order ${side}`);
      const c = p.has(5) ? p.float(5) : p.double(6);
      return [new ConstArithStep(code, c, side === 1, layout.slot(inputs[0]), layout.slot(outputs[0]), isF32(ctx, outputs[0]))];
    }
    case 5: {
      arity(ctx, 2, 1);
      const code = ARITH[p.int(1)];
      if (code === undefined) fail(ctx, `unknown arithmetic code ${p.int(1)}`);
      ctx.env.policy.check(ctx.what, 'column arithmetic (and its division epsilon)');
      return [new ColumnArithStep(code, layout.slot(inputs[0]), layout.slot(inputs[1]), layout.slot(outputs[0]), isF32(ctx, outputs[0]))];
    }
    case 6:
      return compileCast(ctx);
    case 9:
      arity(ctx, 1, 1);
      return [new StandardiseStep(p.double(1), p.double(2), layout.slot(inputs[0]), layout.slot(outputs[0]), isF32(ctx, outputs[0]))];
    case 10:
      arity(ctx, 1, 1);
      return [new SigmoidStep(layout.slot(inputs[0]), layout.slot(outputs[0]), isF32(ctx, outputs[0]))];
    case 14:
      arity(ctx, inputs.length, inputs.length);
      if (inputs.length === 0) fail(ctx, 'no inputs');
      return [new SoftmaxStep(slots(ctx, inputs), slots(ctx, outputs), f32Flags(ctx, outputs))];
    case 15:
      arity(ctx, null, 1);
      if (inputs.length === 0) fail(ctx, 'no inputs');
      if (p.int(1) !== 1) ctx.env.policy.check(ctx.what, `aggregation code ${p.int(1)} (only 1, sum, is known)`);
      return [new SumStep(slots(ctx, inputs), layout.slot(outputs[0]), isF32(ctx, outputs[0]))];
    case 17: {
      arity(ctx, 1, 1);
      const part = p.int(1);
      if (layout.typeOf(inputs[0]) !== 'time64') fail(ctx, 'the input is not a date');
      if (part !== 1 && part !== 7) ctx.env.policy.check(ctx.what, `date part code ${part}`);
      if (!(part >= 1 && part <= 7)) fail(ctx, `unknown date part ${part}`);
      return [new DatePartStep(part, layout.slot(inputs[0]), layout.slot(outputs[0]))];
    }
    case 21: {
      arity(ctx, 1, 1);
      const type = layout.typeOf(outputs[0]);
      const v = ctx.env.scalarFor(typedScalar(ctx, p), type, ctx.what);
      return [new FillMissingStep(v, layout.slot(inputs[0]), layout.slot(outputs[0]))];
    }
    case 24:
      return compileKMeans(ctx);
    case 25: {
      arity(ctx, null, null);
      ctx.env.policy.check(ctx.what, 'the matrix layout');
      const m = tensor(ctx, p.message(1));
      if (m.type === 'str' || m.numbers.length !== inputs.length * outputs.length)
        fail(ctx, `matrix has ${tensorLength(m)} values for ${inputs.length}×${outputs.length}`);
      return [new MatrixProductStep(m.numbers, slots(ctx, inputs), slots(ctx, outputs), f32Flags(ctx, outputs))];
    }
    case 27: {
      arity(ctx, 1, 1);
      const keys = ctx.env.valuesFor(tensor(ctx, p.message(1)), layout.typeOf(inputs[0]), ctx.what);
      const values = ctx.env.valuesFor(tensor(ctx, p.message(2)), layout.typeOf(outputs[0]), ctx.what);
      if (keys.length !== values.length) fail(ctx, `${keys.length} keys but ${values.length} values`);
      return [new ReplaceStep(keys, values, layout.slot(inputs[0]), layout.slot(outputs[0]))];
    }
    case 28: {
      arity(ctx, 1, null);
      const b = tensor(ctx, p.message(1));
      if (b.type === 'str') fail(ctx, 'text breakpoints');
      for (let i = 0; i < b.numbers.length; i++) {
        if (Number.isNaN(b.numbers[i]) || (i > 0 && !(b.numbers[i - 1] < b.numbers[i]))) fail(ctx, 'breakpoints are not ascending');
      }
      const refs = p.messages(2);
      if (refs.length !== outputs.length) fail(ctx, `${refs.length} value tensors for ${outputs.length} outputs`);
      const values = refs.map((r, j) => {
        const v = ctx.env.valuesFor(tensor(ctx, r), layout.typeOf(outputs[j]), ctx.what);
        if (v.length !== b.numbers.length + 2) fail(ctx, `${v.length} values for ${b.numbers.length} breakpoints`);
        return v;
      });
      return [new IntervalMapStep(b.numbers, layout.slot(inputs[0]), slots(ctx, outputs), values)];
    }
    case 29:
      return [compileMapLookup(ctx, p, inputs, outputs)];
    case 30:
      return [compileNested(ctx)];
    case 31:
    case 32:
      return [compileTreeModel(op, ctx)];
    case 33: {
      arity(ctx, 0, 1);
      const v = ctx.env.scalarFor(typedScalar(ctx, p), layout.typeOf(outputs[0]), ctx.what);
      if (ctx.depth === 0) ctx.env.contributionSources.push({ kind: 'constant', slot: layout.slot(outputs[0]) });
      return [new ConstantStep(v, layout.slot(outputs[0]))];
    }
    case 43:
      arity(ctx, inputs.length, inputs.length);
      return [new CopyStep(slots(ctx, inputs), slots(ctx, outputs))];
    default:
      throw unknownOperation(ctx.origin, ctx.what);
  }
}

function compileCast(ctx: OpContext): Step[] {
  arity(ctx, 1, 1);
  const { layout, inputs, outputs, params } = ctx;
  const from = layout.typeOf(inputs[0]);
  const to = layout.typeOf(outputs[0]);
  const inSlot = layout.slot(inputs[0]);
  const outSlot = layout.slot(outputs[0]);
  if (isNumeric(from) && isNumeric(to)) {
    const intTo = to === 'int32' || to === 'int64';
    const floatFrom = from === 'float32' || from === 'float64';
    if (intTo && floatFrom) return [new TruncateCastStep(inSlot, outSlot)];
    return [new NumericCastStep(inSlot, outSlot, to === 'float32')];
  }
  if (isNumeric(from) && to === 'str') {
    return [new NumberToTextStep(inSlot, outSlot, from === 'int32' || from === 'int64', ctx.env.strings, from === 'float32')];
  }
  if (from === 'str' && to === 'time64') {
    const format = params.string(1);
    // Only %Y-%m-%d is exercised (G5); another format cannot be scored even when opted in.
    if (format !== '%Y-%m-%d')
      throw new Mojo2UnsupportedError(`${ctx.origin}: ${ctx.what}: date format '${format.slice(0, 40)}' is not supported`);
    ctx.env.parsesDates = true;
    return [new TextToDateStep(inSlot, outSlot, ctx.env.strings)];
  }
  if (from === to) return [new CopyStep(Int32Array.of(inSlot), Int32Array.of(outSlot))];
  throw new Mojo2UnsupportedError(`${ctx.origin}: ${ctx.what}: a cast from ${from} to ${to} is not supported`);
}

/** Op 29: `{1: missing tensor per output, 2: key tensor per input, 3: value tensor per output}`. */
function compileMapLookup(ctx: OpContext, p: PbMessage, inputs: string[], outputs: string[]): Step {
  const { layout } = ctx;
  if (inputs.length === 0 || outputs.length === 0) fail(ctx, 'a lookup needs inputs and outputs');
  const keyRefs = p.messages(2);
  const valRefs = p.messages(3);
  const missRefs = p.messages(1);
  if (keyRefs.length !== inputs.length) fail(ctx, `${keyRefs.length} key tensors for ${inputs.length} inputs`);
  if (valRefs.length !== outputs.length || missRefs.length !== outputs.length)
    fail(ctx, `${valRefs.length} value and ${missRefs.length} missing tensors for ${outputs.length} outputs`);
  const keys = keyRefs.map((r, k) => ctx.env.valuesFor(tensor(ctx, r), layout.typeOf(inputs[k]), ctx.what));
  const n = keys[0].length;
  for (const k of keys) if (k.length !== n) fail(ctx, 'key tensors of different lengths');
  const values = valRefs.map((r, j) => {
    const v = ctx.env.valuesFor(tensor(ctx, r), layout.typeOf(outputs[j]), ctx.what);
    if (v.length !== n) fail(ctx, `${v.length} values for ${n} keys`);
    return v;
  });
  const missing = Float64Array.from(missRefs, (r, j) => {
    const v = ctx.env.valuesFor(tensor(ctx, r), layout.typeOf(outputs[j]), ctx.what);
    return v.length > 0 ? v[0] : Number.NaN;
  });
  return new MapLookupStep(new KeyIndex(keys, n), slots(ctx, inputs), slots(ctx, outputs), values, missing);
}

function compileKMeans(ctx: OpContext): Step[] {
  const { params: p, inputs, outputs } = ctx;
  ctx.env.policy.check(ctx.what, 'the k-means distance and centroid layout');
  const mode = p.int(1);
  const k = p.int(2);
  const c = tensor(ctx, p.message(3));
  if (c.type === 'str' || !(k >= 1) || c.numbers.length !== k * inputs.length)
    fail(ctx, `${tensorLength(c)} centroid values for k = ${k} and ${inputs.length} inputs`);
  if (mode === 1 && outputs.length !== k) fail(ctx, `${outputs.length} outputs for ${k} distances`);
  if (mode === 2 && outputs.length !== 1) fail(ctx, 'a cluster id needs one output');
  if (mode !== 1 && mode !== 2) fail(ctx, `unknown k-means mode ${mode}`);
  return [new KMeansStep(c.numbers, k, slots(ctx, inputs), slots(ctx, outputs), mode === 1 ? 'distances' : 'labels')];
}

function compileNested(ctx: OpContext): Step {
  const col = (n: string): ColumnSpec => ({ name: n, type: ctx.layout.typeOf(n) });
  const program = ctx.nested(ctx.params.string(1), ctx.inputs.map(col), ctx.outputs.map(col));
  return new NestedStep(program, slots(ctx, ctx.inputs), slots(ctx, ctx.outputs));
}

/** Ops 31 (XGBoost) and 32 (LightGBM): `{1: tree count, 2: model file path}`. */
function compileTreeModel(op: 31 | 32 | number, ctx: OpContext): Step {
  const { params: p, inputs, outputs, layout } = ctx;
  const path = p.string(2);
  const model = readProtoModel(readMessage(ctx.env.read(path), `${ctx.env.origin}!/${path}`), inputs.length, `${ctx.env.origin}!/${path}`);
  if (model.nGroups !== outputs.length) fail(ctx, `the model has ${model.nGroups} groups for ${outputs.length} outputs`);
  // Model features name op inputs (G5 uses a subset in another order); without names, by position.
  const inputSlot = new Map(inputs.map((n) => [n, layout.slot(n)]));
  const featureSlots = model.featureNames
    ? Int32Array.from(model.featureNames, (n) => {
        const s = n === null ? undefined : inputSlot.get(n);
        if (s === undefined) fail(ctx, `model feature '${n}' is not an input of the transformation`);
        return s;
      })
    : slots(ctx, inputs);
  if (model.linear) {
    if (op !== 31) fail(ctx, 'a linear LightGBM model');
    for (const o of outputs) if (!isF32(ctx, o)) fail(ctx, 'a linear model output that is not Float32');
    if (ctx.depth === 0) {
      const names = model.featureNames ?? inputs;
      ctx.env.contributionSources.push({ kind: 'linear', model: model.linear, featureSlots, featureNames: names.map((n) => n ?? '') });
    }
    return new LinearStep(model.linear, featureSlots, slots(ctx, outputs));
  }
  const rule = model.comparison === 1 ? 'lt' : model.comparison === 3 ? 'le' : null;
  if (rule === null && model.forest!.nodeCount > model.forest!.roots.length) {
    throw new Mojo2UnsupportedError(
      `${ctx.origin}: ${ctx.what}: split comparison ${model.comparison} is not supported (only 1, x < t, and 3, x <= t, are known)`,
    );
  }
  if (op === 31 && rule === 'le') fail(ctx, 'an XGBoost model with LightGBM splits');
  if (op === 32 && rule === 'lt') fail(ctx, 'a LightGBM model with XGBoost splits');
  // Split.7 values seen: 0 (absent), 1 and 3 (2021 files, on splits no missing value reaches in
  // any case). Another type could route ordinary values (LightGBM's "zero as missing").
  for (const t of model.missingTypes) if (t !== 0 && t !== 1 && t !== 3) ctx.env.policy.check(ctx.what, `LightGBM missing-value type ${t}`);
  const forest = model.forest!;
  if (op === 31) {
    // XGBoost stores each float32 threshold as the double of its shortest decimal; the float32 is the threshold.
    for (let i = 0; i < forest.threshold.length; i++) forest.threshold[i] = Math.fround(forest.threshold[i]);
  }
  return new ForestStep(forest, rule ?? 'lt', model.base, featureSlots, slots(ctx, outputs), f32Flags(ctx, outputs));
}
