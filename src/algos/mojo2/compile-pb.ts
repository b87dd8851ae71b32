/**
 * Compiles a protobuf pipeline (`mojo/pipeline.pb`, nested `pipeline.pb`) into a Program.
 * Pipeline `{5: missing texts, 6: features, 7: outputs, 8: interims, 9: transformations,
 * 12: transformer names}`; Transformation `{1: transformer id, 2: inputs, 3: outputs, <op>: params}`
 * with exactly one op field numbered 4 or higher. Each op's parameters and status are in
 * docs/ARCHITECTURE.md (MOJO2 section); what no case pins goes through UnverifiedPolicy.
 */
import { Mojo2UnsupportedError, MojoFormatError } from '../../errors.ts';
import { type PbMessage, readMessage, readTensor, type Tensor, tensorLength } from '../../mojo2/index.ts';
import { MAX_PIPELINE_DEPTH, type CompileEnv } from './compile-env.ts';
import { type ColType, type ColumnSpec, FrameLayout } from './frame.ts';
import { readProtoModel } from './models/proto-model.ts';
import { type ArithCode, ColumnArithStep, ConstArithStep, StandardiseStep, SumStep } from './ops/arithmetic.ts';
import { isNumeric, NumberToTextStep, NumericCastStep, TextToDateStep, TruncateCastStep } from './ops/cast.ts';
import { ConstantStep, CopyStep, FillMissingStep } from './ops/copy.ts';
import { DatePartStep } from './ops/dates.ts';
import { ForestStep } from './ops/forest.ts';
import { LinearStep } from './ops/linear.ts';
import { SigmoidStep, SoftmaxStep } from './ops/link.ts';
import { IntervalMapStep, KeyIndex, MapLookupStep, ReplaceStep } from './ops/lookup.ts';
import { KMeansStep, MatrixProductStep } from './ops/models.ts';
import { NestedStep, Program, type Step } from './program.ts';
import { unknownOperation } from './unverified.ts';

/** Column type by the field number of its empty type message. */
const COLUMN_TYPES: Readonly<Record<number, ColType>> = {
  2: 'bool',
  3: 'int32',
  4: 'int64',
  5: 'float32',
  6: 'float64',
  7: 'str',
  8: 'time64',
};

/** Operation names by oneof field number (descriptive; used in messages). */
export const OP_NAMES: Readonly<Record<number, string>> = {
  4: 'constant arithmetic',
  5: 'column arithmetic',
  6: 'cast',
  9: 'standardise',
  10: 'sigmoid',
  14: 'softmax',
  15: 'aggregate',
  17: 'date part',
  21: 'fill missing',
  24: 'k-means',
  25: 'matrix product',
  27: 'replace values',
  28: 'interval map',
  29: 'map lookup',
  30: 'nested pipeline',
  31: 'XGBoost',
  32: 'LightGBM',
  33: 'constant column',
  43: 'identity copy',
};

const ARITH: Readonly<Record<number, ArithCode>> = { 1: 'add', 2: 'sub', 3: 'mul', 4: 'div' };

/** Parameter fields each op is known to carry; any other field is a parameter nothing explains. */
const KNOWN_PARAMS: Readonly<Record<number, readonly number[]>> = {
  4: [1, 2, 5, 6],
  5: [1, 3],
  6: [1],
  9: [1, 2],
  10: [],
  14: [],
  15: [1],
  17: [1],
  21: [1, 2, 3, 4, 5],
  24: [1, 2, 3],
  25: [1],
  27: [1, 2],
  28: [1, 2],
  29: [1, 2, 3],
  30: [1],
  31: [1, 2],
  32: [1, 2],
  33: [1, 2, 3, 4, 5],
  43: [],
};

/** The parts of a Pipeline message the model needs beyond its program. */
export interface PbPipeline {
  readonly program: Program;
  readonly message: PbMessage;
  readonly features: readonly ColumnSpec[];
  readonly outputs: readonly ColumnSpec[];
  /** The first transformation of each op number, with its transformer, by op → description. */
  readonly ops: ReadonlyMap<number, string>;
}

/** Reads a Frame message's columns. */
export function readFrame(frame: PbMessage, origin: string, what: string): ColumnSpec[] {
  return frame.messages(1).map((c) => {
    const name = c.string(1);
    const kinds = c.numbers().filter((n) => n !== 1);
    if (kinds.length !== 1) throw new MojoFormatError(`${origin}: ${what} column '${name}' has ${kinds.length} types`);
    const type = COLUMN_TYPES[kinds[0]];
    if (type === undefined) throw new MojoFormatError(`${origin}: ${what} column '${name}' has unknown type ${kinds[0]} (not supported)`);
    return { name, type };
  });
}

/**
 * Compiles the pipeline at zip path `path`. A nested pipeline gets its caller's columns (`caller`):
 * its features and outputs are matched with them by position, and must carry the same names.
 */
export function compilePbPipeline(
  env: CompileEnv,
  path: string,
  depth: number,
  caller?: { inputs: ColumnSpec[]; outputs: ColumnSpec[] },
): PbPipeline {
  if (depth > MAX_PIPELINE_DEPTH) throw new MojoFormatError(`${env.origin}: pipelines nested more than ${MAX_PIPELINE_DEPTH} deep`);
  const origin = `${env.origin}!/${path}`;
  const msg = readMessage(env.read(path), origin);
  let features = readFrame(msg.message(6), origin, 'feature');
  let outputs = readFrame(msg.message(7), origin, 'output');
  const interims = readFrame(msg.message(8), origin, 'interim');
  if (caller !== undefined) {
    if (features.length === 0) features = caller.inputs;
    if (outputs.length === 0) outputs = caller.outputs;
    checkSameNames(features, caller.inputs, origin, 'features');
    checkSameNames(outputs, caller.outputs, origin, 'outputs');
  }
  const layout = new FrameLayout(origin);
  for (const c of [...features, ...outputs, ...interims]) layout.add(c);
  for (const c of [...features, ...outputs, ...interims]) {
    if (c.type === 'bool')
      throw new MojoFormatError(`${origin}: column '${c.name}' has type Bool, which is not supported (no known pipeline uses it)`);
  }
  const groups = new Map<number, string>();
  for (const g of msg.messages(12)) groups.set(g.int(1), g.string(2));
  const steps: Step[] = [];
  const ops = new Map<number, string>();
  const transformations = msg.messages(9);
  for (let i = 0; i < transformations.length; i++) {
    env.countTransformation();
    const t = transformations[i];
    const opFields = t.numbers().filter((n) => n >= 4);
    const group = t.has(1) ? groups.get(t.int(1)) : undefined;
    const transformer = group !== undefined ? `transformer '${group}'` : `transformation ${i + 1}`;
    if (opFields.length !== 1) throw new MojoFormatError(`${origin}: ${transformer} has ${opFields.length} operations`);
    const op = opFields[0];
    const what = `${transformer} (operation ${op}${OP_NAMES[op] ? `, ${OP_NAMES[op]}` : ''})`;
    if (OP_NAMES[op] === undefined) throw unknownOperation(origin, `${transformer} (operation ${op})`);
    if (!ops.has(op)) ops.set(op, what);
    const unknownParams = t
      .message(op)
      .numbers()
      .filter((n) => !KNOWN_PARAMS[op].includes(n));
    if (unknownParams.length > 0) env.policy.check(what, `parameter field ${unknownParams.join(', ')}`);
    const ctx: OpContext = { env, layout, origin, what, inputs: t.strings(2), outputs: t.strings(3), params: t.message(op), depth, path };
    steps.push(...compileOp(op, ctx));
  }
  const program = new Program(
    layout,
    steps,
    Int32Array.from(features, (c) => layout.slot(c.name)),
    Int32Array.from(outputs, (c) => layout.slot(c.name)),
  );
  return { program, message: msg, features, outputs, ops };
}

function checkSameNames(mine: readonly ColumnSpec[], theirs: readonly ColumnSpec[], origin: string, what: string): void {
  if (mine.length !== theirs.length || mine.some((c, i) => c.name !== theirs[i].name)) {
    throw new MojoFormatError(`${origin}: the nested pipeline's ${what} do not match the calling transformation's`);
  }
}

interface OpContext {
  readonly env: CompileEnv;
  readonly layout: FrameLayout;
  readonly origin: string;
  /** "transformer 'X' (operation N, name)" for messages. */
  readonly what: string;
  readonly inputs: string[];
  readonly outputs: string[];
  readonly params: PbMessage;
  readonly depth: number;
  /** Zip path of the pipeline being compiled. */
  readonly path: string;
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

function compileOp(op: number, ctx: OpContext): Step[] {
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
  const path = ctx.params.string(1);
  const col = (n: string): ColumnSpec => ({ name: n, type: ctx.layout.typeOf(n) });
  const nested = compilePbPipeline(ctx.env, path, ctx.depth + 1, { inputs: ctx.inputs.map(col), outputs: ctx.outputs.map(col) });
  return new NestedStep(nested.program, slots(ctx, ctx.inputs), slots(ctx, ctx.outputs));
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
  const forest = model.forest!;
  if (op === 31) {
    // XGBoost stores each float32 threshold as the double of its shortest decimal; the float32 is the threshold.
    for (let i = 0; i < forest.threshold.length; i++) forest.threshold[i] = Math.fround(forest.threshold[i]);
  }
  return new ForestStep(forest, rule ?? 'lt', model.base, featureSlots, slots(ctx, outputs), f32Flags(ctx, outputs));
}
