/**
 * Multinomial GLM (h2o-genmodel GlmMultinomialMojoModel): `beta` holds nclasses blocks of P
 * coefficients (intercept last in each). Softmax with the row maximum (floored at 0) subtracted;
 * the label is the first class with the highest probability. Like the reference, the offset is
 * not applied.
 */
import { MojoFormatError, RowError } from '../../errors.ts';
import type { MojoHeader } from '../../mojo/index.ts';
import { BadLevel, eta, imputeInto, makeLayout, type Imputation, type LinearLayout } from '../linear/index.ts';
import type { InputColumn, Model, OutputColumn } from '../model.ts';
import { classifierOutputs, featureInputs, slotWidth } from '../outputs.ts';
import { tooManyTermsMessage, type GlmParams } from './params.ts';

/** Splits `beta` into nclasses equal blocks; validates the layout fits one block. */
export function classBlocks(header: MojoHeader, p: GlmParams): { perClass: number; layout: LinearLayout; broken: string | null } {
  const k = header.nclasses;
  const n = p.beta.length;
  if (!(k >= 2) || n % k !== 0) throw new MojoFormatError(`${p.origin}: beta has ${n} entries, not a multiple of ${k} classes`);
  const perClass = n / k;
  const nums = Math.max(0, p.nums);
  const layout = makeLayout(p.cats, p.catOffsets, p.useAllFactorLevels, nums, p.origin);
  const used = layout.catOffsets[p.cats] + nums;
  if (layout.catOffsets[p.cats] > perClass - 1) throw new MojoFormatError(`${p.origin}: categorical block exceeds the ${perClass} coefficients of a class`);
  let broken: string | null = null;
  if (p.cats + nums > header.nfeatures) broken = tooManyTermsMessage(p.origin, p.cats + nums, header.nfeatures);
  // The reference reads the numeric block past the last class's coefficients: it fails every row.
  else if (used > perClass) broken = `${p.origin}: ${nums} numeric coefficients do not fit a class block of ${perClass}`;
  return { perClass, layout, broken };
}

export class GlmMultinomialModel implements Model {
  readonly inputs: readonly InputColumn[];
  readonly outputs: readonly OutputColumn[];
  readonly outWidth: number;
  private readonly layout: LinearLayout;
  private readonly beta: Float64Array;
  private readonly perClass: number;
  private readonly nclasses: number;
  private readonly imputation: Imputation | null;
  private readonly scratch: Float64Array;
  private readonly broken: string | null;

  constructor(readonly header: MojoHeader, p: GlmParams) {
    const b = classBlocks(header, p);
    this.layout = b.layout;
    this.perClass = b.perClass;
    this.broken = b.broken;
    this.beta = p.beta;
    this.nclasses = header.nclasses;
    this.imputation = p.imputation;
    this.inputs = featureInputs(header);
    this.scratch = new Float64Array(this.inputs.length);
    this.outputs = classifierOutputs(header);
    this.outWidth = slotWidth(this.outputs);
  }

  score(raw: Float64Array, out: Float64Array, _offset: number): void {
    if (this.broken !== null) throw new RowError(this.broken);
    const x = this.imputation === null ? raw : imputeInto(this.imputation, raw, this.scratch);
    const K = this.nclasses;
    const P = this.perClass;
    const beta = this.beta;
    const L = this.layout;
    let max = 0;
    for (let c = 0; c < K; c++) {
      const v = eta(L, beta, c * P, c * P + P - 1, x, BadLevel.Throw);
      out[c + 1] = v;
      if (v > max) max = v;
    }
    let sum = 0;
    for (let c = 1; c <= K; c++) {
      const e = Math.exp(out[c] - max);
      out[c] = e;
      sum += e;
    }
    const inv = 1 / sum;
    let best = 0;
    let label = 0;
    for (let c = 1; c <= K; c++) {
      const pr = out[c] * inv;
      out[c] = pr;
      if (pr > best) {
        best = pr;
        label = c - 1;
      }
    }
    out[0] = label;
  }
}
