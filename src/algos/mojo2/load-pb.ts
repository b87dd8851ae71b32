/** Loads a protobuf-container pipeline (`mojo/pipeline.pb`) into a Mojo2Model. */
import { MojoFormatError } from '../../errors.ts';
import { MOJO2_PROTOBUF_ENTRY, type PbMessage, readTensor } from '../../mojo2/index.ts';
import type { CompileEnv } from './compile-env.ts';
import { compilePbPipeline, readFrame } from './compile-pb.ts';
import { type ContribMapEntry, contributionsOutput, planContributions } from './contributions.ts';
import { mojo2Header, type ProblemFacts } from './header.ts';
import { inputColumns, numericMissing } from './inputs.ts';
import { type IntervalSpec, Mojo2Model } from './model.ts';

export function loadPbPipeline(env: CompileEnv): Mojo2Model {
  const top = compilePbPipeline(env, MOJO2_PROTOBUF_ENTRY, 0);
  const msg = top.message;
  const origin = `${env.origin}!/${MOJO2_PROTOBUF_ENTRY}`;
  const missingTexts = msg.strings(5);
  const problem = readProblem(msg.message(17));
  const interval = readInterval(env, msg.message(17), top.outputs.length, origin);
  const map: ContribMapEntry[] = msg.messages(16).map((e) => ({
    transformed: e.string(1),
    originals: e.messages(2).map((o) => ({ name: o.string(1), weight: o.double(2) })),
  }));
  const transformed = readFrame(msg.message(14), origin, 'transformed feature').map((c) => c.name);
  const plan = planContributions(
    env.contributionSources,
    map,
    transformed,
    top.features.map((c) => c.name),
    origin,
  );
  return new Mojo2Model({
    header: mojo2Header(top.features, top.outputs, problem, msg.string(2), msg.string(13), 'protobuf'),
    program: top.program,
    features: top.features,
    outputs: top.outputs,
    inputs: inputColumns(top.features, env.strings, missingTexts, env.parsesDates, origin),
    numericMissing: numericMissing(missingTexts),
    interval,
    contributions: plan ? (model) => contributionsOutput(plan, (raw) => model.run(raw)) : null,
    unverified: env.policy.used,
    container: 'protobuf',
  });
}

/** ProblemInfo `{1: {1: {1: target, 2: labels}, 2: Regression, 4: Classification}}`. */
function readProblem(p: PbMessage): ProblemFacts {
  const inner = p.message(1);
  const names = inner.message(1);
  const target = names.string(1);
  return {
    target: target === '' ? null : target,
    labels: names.strings(2),
    regression: inner.has(2) ? true : inner.has(4) ? false : null,
  };
}

/**
 * The prediction interval of a regression (ProblemInfo.1.2.1.2, an op-29 lookup with no keys):
 * every row takes the "missing" value of each bound, added to the prediction.
 */
function readInterval(env: CompileEnv, p: PbMessage, nOutputs: number, origin: string): IntervalSpec | null {
  const spec = p.message(1).message(2).message(1);
  if (!spec.has(2)) return null;
  const map = spec.message(2);
  const missing = map.messages(1);
  if (missing.length !== 2 || nOutputs !== 1)
    throw new MojoFormatError(`${origin}: a prediction interval with ${missing.length} bounds for ${nOutputs} outputs`);
  for (const k of map.messages(2)) {
    const keys = readTensor(k, env.read, env.origin);
    if ((keys.type === 'str' ? keys.texts.length : keys.numbers.length) !== 0) {
      env.policy.check('the prediction interval', 'an interval keyed by columns');
    }
  }
  const bound = (ref: PbMessage): number => {
    const t = readTensor(ref, env.read, env.origin);
    if (t.type === 'str' || t.numbers.length !== 1 || !Number.isFinite(t.numbers[0]))
      throw new MojoFormatError(`${origin}: a prediction interval bound is not one number`);
    return t.numbers[0];
  };
  return { output: 0, lower: bound(missing[0]), upper: bound(missing[1]) };
}
