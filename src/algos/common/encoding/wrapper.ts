/**
 * The model as h2o's Java wrapper presents a model trained with a non-AUTO categorical encoding:
 * the original columns in, the wrapped model's outputs out. Every member of the Model contract
 * is forwarded (a test lists them), the explanations and a re-bound model included.
 */
import type { MojoHeader, MojoSource } from '../../../mojo/index.ts';
import type { ExtraOutput, InputColumn, Model, OutputColumn } from '../../model.ts';
import { compilePlan, encodeRow, type EncodingPlan, type OrigColumns, readOrigColumns, wrapperEncoding } from './plan.ts';

/**
 * A model behind the input transformation of `plan` (inputs: the original columns). `orig` and
 * `origin` are what the plan was compiled from, to compile it again for a re-bound model.
 */
export class EncodedModel implements Model {
  readonly header: MojoHeader;
  readonly inputs: readonly InputColumn[];
  readonly outputs: readonly OutputColumn[];
  readonly outWidth: number;
  readonly acceptsOffset?: boolean;
  readonly stateful?: boolean;
  readonly explanations: Readonly<Record<string, ExtraOutput>>;
  readonly bindInputs?: (columns: readonly string[]) => Model;
  /** The encoded row handed to the model (`plan.width` slots). */
  private readonly buf: Float64Array;

  constructor(
    private readonly model: Model,
    private readonly plan: EncodingPlan,
    orig: OrigColumns | null,
    origin: string,
  ) {
    this.header = model.header;
    this.inputs = plan.inputs;
    this.outputs = model.outputs;
    this.outWidth = model.outWidth;
    if (model.acceptsOffset !== undefined) this.acceptsOffset = model.acceptsOffset;
    if (model.stateful !== undefined) this.stateful = model.stateful;
    this.buf = new Float64Array(plan.width);
    // Explanations encode into their own buffer: one may run between a score and its use of buf.
    const explainBuf = new Float64Array(plan.width);
    const explanations: Record<string, ExtraOutput> = {};
    for (const [name, x] of Object.entries(model.explanations)) explanations[name] = encodedExtra(x, plan, explainBuf);
    this.explanations = explanations;
    const bind = model.bindInputs;
    if (bind !== undefined) {
      this.bindInputs = (columns) => {
        const bound = bind.call(model, columns);
        const same = bound.header === model.header && bound.inputs.length === plan.width;
        const p = same ? plan : compilePlan(plan.encoding, bound.header, orig, bound.inputs.length, origin);
        return new EncodedModel(bound, p, orig, origin);
      };
    }
  }

  score(raw: Float64Array, out: Float64Array, offset: number): void {
    encodeRow(this.plan, raw, this.buf);
    this.model.score(this.buf, out, offset);
  }
}

function encodedExtra(x: ExtraOutput, plan: EncodingPlan, buf: Float64Array): ExtraOutput {
  return {
    names: x.names,
    compute(raw: Float64Array, offset: number) {
      encodeRow(plan, raw, buf);
      return x.compute(buf, offset);
    },
  };
}

/**
 * The model as the Java wrapper presents it: original columns in, the wrapped model's outputs
 * out. Returns `model` itself when its encoding needs no input transformation.
 */
export function withCategoricalEncoding(model: Model, src: MojoSource): Model {
  const h = model.header;
  const encoding = wrapperEncoding(h, src.origin);
  if (encoding === 'AUTO') return model;
  const orig = readOrigColumns(src, h);
  const plan = compilePlan(encoding, h, orig, model.inputs.length, src.origin);
  return new EncodedModel(model, plan, orig, src.origin);
}
