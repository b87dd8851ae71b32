/**
 * Compiles a protobuf pipeline (`mojo/pipeline.pb`, nested `pipeline.pb`) into a Program.
 * Pipeline `{5: missing texts, 6: features, 7: outputs, 8: interims, 9: transformations,
 * 12: transformer names}`; Transformation `{1: transformer id, 2: inputs, 3: outputs, <op>: params}`
 * with exactly one op field numbered 4 or higher. Each op's parameters and status are in
 * docs/ARCHITECTURE.md (MOJO2 section); what no case pins goes through UnverifiedPolicy.
 */
import { MojoFormatError } from '../../errors.ts';
import { type PbMessage, readMessage } from '../../mojo2/index.ts';
import { type CompileEnv, MAX_PIPELINE_DEPTH } from './compile-env.ts';
import { type ColType, type ColumnSpec, FrameLayout } from './frame.ts';
import { compileOp, type OpContext } from './pb-ops.ts';
import { Program, type Step } from './program.ts';
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
    const ctx: OpContext = {
      env,
      layout,
      origin,
      what,
      inputs: t.strings(2),
      outputs: t.strings(3),
      params: t.message(op),
      depth,
      nested: (p, ins, outs) => compilePbPipeline(env, p, depth + 1, { inputs: ins, outputs: outs }).program,
    };
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
