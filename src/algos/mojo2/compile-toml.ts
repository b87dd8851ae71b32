/**
 * Compiles a TOML pipeline (`mojo/pipeline.toml`, nested `mojo/<pwd>/pipeline.toml`; DAI 1.0–1.4)
 * into a Program. `[columns]` lists features, outputs and interims as `[name, type]`;
 * `[[transforms]]` are executed in order, each `name = '<Op>'` with its inputs, outputs and
 * parameters (docs/ARCHITECTURE.md, "MOJO2 pipelines").
 */
import { MojoFormatError } from '../../errors.ts';
import { parseToml, type TomlTable, type TomlValue } from '../../mojo2/index.ts';
import { type CompileEnv, MAX_PIPELINE_DEPTH } from './compile-env.ts';
import { type ColType, type ColumnSpec, FrameLayout } from './frame.ts';
import { Program, type Step } from './program.ts';
import { compileTransform, type TomlContext } from './toml-ops.ts';

const TYPES: ReadonlySet<string> = new Set(['int32', 'int64', 'float32', 'float64', 'str']);

export interface TomlPipeline {
  readonly program: Program;
  readonly root: TomlTable;
  readonly features: readonly ColumnSpec[];
  readonly outputs: readonly ColumnSpec[];
}

function columns(v: TomlValue | undefined, origin: string, what: string): ColumnSpec[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new MojoFormatError(`${origin}: [columns] ${what} is not a list`);
  return v.map((c) => {
    if (!Array.isArray(c) || c.length !== 2 || typeof c[0] !== 'string' || typeof c[1] !== 'string') {
      throw new MojoFormatError(`${origin}: [columns] ${what} holds an entry that is not [name, type]`);
    }
    if (!TYPES.has(c[1])) throw new MojoFormatError(`${origin}: column '${c[0]}' has type '${c[1].slice(0, 20)}', which is not supported`);
    return { name: c[0], type: c[1] as ColType };
  });
}

/** Compiles the TOML pipeline in folder `dir` (`mojo/` or `mojo/<pwd>/`). */
export function compileTomlPipeline(
  env: CompileEnv,
  dir: string,
  file: string,
  depth: number,
  caller?: { inputs: ColumnSpec[]; outputs: ColumnSpec[] },
): TomlPipeline {
  if (depth > MAX_PIPELINE_DEPTH) throw new MojoFormatError(`${env.origin}: pipelines nested more than ${MAX_PIPELINE_DEPTH} deep`);
  const path = `${dir}${file}`;
  const origin = `${env.origin}!/${path}`;
  const doc = parseToml(new TextDecoder().decode(env.read(path)), origin);
  const cols = doc.tables.get('columns') ?? new Map<string, TomlValue>();
  let features = columns(cols.get('features'), origin, 'features');
  let outputs = columns(cols.get('outputs'), origin, 'outputs');
  const interims = columns(cols.get('interim'), origin, 'interim');
  if (caller !== undefined) {
    // Nested files may leave their lists empty (2018-04): the caller's columns. Either way
    // columns are matched with the caller's by name.
    features = byCallerNames(features.length === 0 ? caller.inputs : features, caller.inputs, origin, 'features');
    outputs = byCallerNames(outputs.length === 0 ? caller.outputs : outputs, caller.outputs, origin, 'outputs');
  }
  const layout = new FrameLayout(origin);
  for (const c of [...features, ...outputs, ...interims]) layout.add(c);
  const steps: Step[] = [];
  const transforms = doc.arrays.get('transforms') ?? [];
  for (let i = 0; i < transforms.length; i++) {
    env.countTransformation();
    const t = transforms[i];
    const name = str(t, 'name', origin, i);
    const ctx: TomlContext = {
      env,
      layout,
      origin,
      dir,
      t,
      what: `transformation ${i + 1} ('${name.slice(0, 40)}')`,
      inputs: strList(t, 'inputs', origin, i),
      outputs: strList(t, 'outputs', origin, i),
      nested: (d, f, ins, outs) => compileTomlPipeline(env, d, f, depth + 1, { inputs: ins, outputs: outs }).program,
    };
    steps.push(compileTransform(name, ctx));
  }
  // A nested pipeline's features are the caller's inputs by position (names may differ).
  const program = new Program(
    layout,
    steps,
    Int32Array.from(features, (c) => layout.slot(c.name)),
    Int32Array.from(outputs, (c) => layout.slot(c.name)),
  );
  return { program, root: doc.root, features, outputs };
}

/** `mine` reordered to the caller's names (every caller name must be one of mine). */
function byCallerNames(mine: readonly ColumnSpec[], theirs: readonly ColumnSpec[], origin: string, what: string): ColumnSpec[] {
  const byName = new Map(mine.map((c) => [c.name, c]));
  if (mine.length !== theirs.length)
    throw new MojoFormatError(`${origin}: the nested pipeline's ${what} do not match the calling transformation's`);
  return theirs.map((c) => {
    const m = byName.get(c.name);
    if (m === undefined) throw new MojoFormatError(`${origin}: the nested pipeline has no column '${c.name}' the caller passes`);
    return m;
  });
}

function str(t: TomlTable, key: string, origin: string, i: number): string {
  const v = t.get(key);
  if (typeof v !== 'string') throw new MojoFormatError(`${origin}: transformation ${i + 1}: '${key}' is not text`);
  return v;
}

function strList(t: TomlTable, key: string, origin: string, i: number): string[] {
  const v = t.get(key) ?? [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
    throw new MojoFormatError(`${origin}: transformation ${i + 1}: '${key}' is not a list of names`);
  return v as string[];
}
