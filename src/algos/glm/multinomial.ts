/**
 * Multinomial GLM (h2o-genmodel GlmMultinomialMojoModel): `beta` holds nclasses blocks of P
 * coefficients (intercept last in each). Softmax with the row maximum (floored at 0) subtracted;
 * the label is the first class with the highest probability. Like the reference, the offset is
 * not applied (ordinal adds it to each cumulative logit). `ClassBlockGlm` is the part shared with the ordinal GLM.
 */
import { MojoFormatError } from '../../errors.ts';
import type { MojoHeader } from '../../mojo/index.ts';
import { BadLevel, classifierOutputs, etaBlocks, type LinearLayout, makeLayout, softmax } from '../common/index.ts';
import type { OutputColumn } from '../model.ts';
import { GlmBase } from './glm-base.ts';
import { tooManyTermsMessage, type GlmParams } from './params.ts';

/** Splits `beta` into nclasses equal blocks; validates the layout fits one block. */
export function classBlocks(header: MojoHeader, p: GlmParams): { perClass: number; layout: LinearLayout; broken: string | null } {
  const k = header.nclasses;
  const n = p.beta.length;
  if (!(k >= 2) || n % k !== 0) throw new MojoFormatError(`${p.origin}: beta has ${n} entries, not a multiple of ${k} classes`);
  const perClass = n / k;
  const nums = Math.max(0, p.nums);
  const layout = makeLayout(p.cats, p.catOffsets, p.useAllFactorLevels, nums, p.origin, p.imputation);
  const used = layout.catOffsets[p.cats] + nums;
  if (layout.catOffsets[p.cats] > perClass - 1)
    throw new MojoFormatError(`${p.origin}: categorical block exceeds the ${perClass} coefficients of a class`);
  let broken: string | null = null;
  if (p.cats + nums > header.nfeatures) broken = tooManyTermsMessage(p.origin, p.cats + nums, header.nfeatures);
  // The reference reads the numeric block past the last class's coefficients: it fails every row.
  else if (used > perClass) broken = `${p.origin}: ${nums} numeric coefficients do not fit a class block of ${perClass}`;
  return { perClass, layout, broken };
}

/** A GLM with one block of coefficients per class (multinomial, ordinal). */
export abstract class ClassBlockGlm extends GlmBase {
  override readonly outputs: readonly OutputColumn[];
  protected readonly nclasses: number;
  private readonly layout: LinearLayout;
  private readonly perClass: number;

  constructor(header: MojoHeader, p: GlmParams) {
    super(header, p);
    const b = classBlocks(header, p);
    this.layout = b.layout;
    this.perClass = b.perClass;
    this.loadError = b.broken;
    this.nclasses = header.nclasses;
    this.outputs = classifierOutputs(header);
  }

  /** Linear predictors of classes 0 … count-1 into out[1 … count], in the reference's order. */
  protected etas(raw: Float64Array, out: Float64Array, count: number): void {
    etaBlocks(this.layout, this.beta, this.perClass, count, raw, BadLevel.Throw, out);
  }
}

export class GlmMultinomialModel extends ClassBlockGlm {
  protected override scoreRow(raw: Float64Array, out: Float64Array): void {
    const K = this.nclasses;
    this.etas(raw, out, K);
    softmax(out, K);
  }
}
