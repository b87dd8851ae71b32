/**
 * A decoded deep-learning network and its scoring path (h2o-genmodel DeeplearningMojoModel):
 * categorical one-hot (missing → the column's extra level), standardised numerics (missing → 0),
 * the layers, then the per-category output step: class probabilities + predicted class,
 * de-standardised and inverse-linked regression value, or the AutoEncoder reconstruction.
 */
import { RowError } from '../../errors.ts';
import type { MojoHeader } from '../../mojo/index.ts';
import { type InputColumn, ModelBase, type OutputColumn } from '../model.ts';
import {
  cappedLinkInverse,
  classifierOutputs,
  correctProbabilities,
  featureInputs,
  type Link,
  predictClass as predictedClass,
  regressionOutputs,
} from '../common/index.ts';
import { WasmDense } from './dense-wasm.ts';
import { activate, Act, denseForward, denseRows, maxoutForward, type Layer } from './layers.ts';

/**
 * Name of the AutoEncoder's per-row reconstruction error column. h2o's own scorer
 * (DeepLearningModel.scoreAutoEncoder / h2o.anomaly) calls it `Reconstruction.MSE`; the value is
 * EasyPredictModelWrapper's `mse` (squared error on the expanded row, numerics scaled by
 * norm_mul, averaged over the expanded width).
 */
export const RECONSTRUCTION_MSE = 'Reconstruction.MSE';

export interface DeepLearningSpec {
  nums: number;
  cats: number;
  catOffsets: Int32Array;
  normMul: Float64Array | null;
  normSub: Float64Array;
  respMul: number | undefined;
  respSub: number | undefined;
  useAllFactorLevels: boolean;
  /** The distribution's inverse link (GBM's capped arithmetic). */
  link: Link;
  modifiedHuber: boolean;
  layers: Layer[];
  autoEncoder: boolean;
  classifier: boolean;
}

const NAN_PROBABILITY = 'Predicted class probability NaN!';
const NAN_TARGET = 'Predicted regression target NaN!';

/** AutoEncoder output names as GenModel.getOutputNames: levels + missing(NA) per categorical, then numerics. */
function autoEncoderOutputs(h: MojoHeader, cats: number): OutputColumn[] {
  const cols: OutputColumn[] = [];
  for (let i = 0; i < cats; i++) {
    for (const level of h.domains[i] ?? []) cols.push({ name: `reconstr_${h.columns[i]}.${level}`, kind: 'number' });
    cols.push({ name: `reconstr_${h.columns[i]}.missing(NA)`, kind: 'number' });
  }
  for (let i = cats; i < h.nfeatures; i++) cols.push({ name: `reconstr_${h.columns[i]}`, kind: 'number' });
  return cols;
}

export class DeepLearningModel extends ModelBase {
  /** A non-zero offset is taken and not applied. */
  override readonly acceptsOffset = true;
  override readonly inputs: readonly InputColumn[];
  override readonly outputs: readonly OutputColumn[];
  private readonly s: DeepLearningSpec;
  private readonly active: Int32Array;
  private readonly numsBuf: Float64Array;
  /** Dense input row, only when layer 0 has non-finite weights (the fused path would be inexact). */
  private readonly dense0: Float64Array | null;
  private readonly nclasses: number;
  private readonly prior: readonly number[] | undefined;
  private readonly threshold: number;
  /** The dense layers' fast path (null: `denseRows`, the interpreter). */
  private readonly kernel: WasmDense | null;

  constructor(
    override readonly header: MojoHeader,
    spec: DeepLearningSpec,
  ) {
    super();
    this.s = spec;
    this.inputs = featureInputs(header);
    if (spec.autoEncoder) {
      const cols = autoEncoderOutputs(header, spec.cats);
      cols.push({ name: RECONSTRUCTION_MSE, kind: 'number' });
      this.outputs = cols;
    } else {
      this.outputs = spec.classifier ? classifierOutputs(header) : regressionOutputs();
    }
    this.active = new Int32Array(spec.cats);
    this.numsBuf = new Float64Array(spec.nums);
    const l0 = spec.layers[0];
    let finite = true;
    for (let i = 0; i < l0.w.length; i++) if (!Number.isFinite(l0.w[i])) finite = false;
    this.dense0 = finite ? null : new Float64Array(l0.inSize);
    // Layers that see a plain dense input: every later non-Maxout layer, and the first when it has
    // no one-hot block to fuse (no one-hot slots, or the dense row materialised above).
    const plainFirst = !finite || spec.catOffsets[spec.cats] === 0;
    const denseInput = (L: Layer, i: number): boolean => L.act !== Act.Maxout && (i > 0 || plainFirst);
    this.kernel = WasmDense.build(spec.layers.map((L, i) => (denseInput(L, i) ? L : null)));
    let maxoutError: string | null = null;
    for (const L of spec.layers) {
      if (L.act !== Act.Maxout) continue;
      const last = (L.outSize - 1) * L.maxK + L.maxoutPick[L.maxK - 1];
      if (last >= L.pre.length)
        maxoutError ??= `java.lang.ArrayIndexOutOfBoundsException: Index ${last} out of bounds for length ${L.pre.length}`;
    }
    // The reference indexes outside a Maxout layer on every row.
    this.loadError = maxoutError;
    this.nclasses = header.nclasses;
    this.prior = header.priorClassDistrib;
    this.threshold = header.defaultThreshold;
  }

  protected override scoreRow(raw: Float64Array, out: Float64Array): void {
    const s = this.s;
    const off = s.catOffsets;
    const act = this.active;
    let nAct = 0;
    for (let i = 0; i < s.cats; i++) {
      const v = raw[i];
      const hi = off[i + 1];
      let p: number;
      if (v !== v) p = hi - 1;
      else {
        const c = Math.trunc(v);
        p = s.useAllFactorLevels ? c + off[i] : c === 0 ? -1 : c - 1 + off[i];
        if (p >= hi) p = hi - 1;
      }
      if (p >= 0) act[nAct++] = p;
    }
    const x = this.numsBuf;
    const nm = s.normMul;
    const ns = s.normSub;
    for (let i = 0; i < s.nums; i++) {
      let d = raw[s.cats + i];
      if (nm !== null) d = (d - ns[i]) * nm[i];
      x[i] = d !== d ? 0 : d;
    }
    const layers = s.layers;
    const numStart = off[s.cats];
    const L0 = layers[0];
    if (this.dense0 === null) {
      if (L0.act === Act.Maxout) maxoutForward(L0, x, numStart, act, nAct);
      else if (numStart === 0) this.dense(0, L0, x);
      else denseForward(L0, x, numStart, act, nAct);
    } else {
      const d = this.dense0;
      d.fill(0);
      for (let a = 0; a < nAct; a++) d[act[a]] = 1;
      for (let i = 0; i < s.nums; i++) d[numStart + i] = x[i];
      if (L0.act === Act.Maxout) maxoutForward(L0, d, 0, act, 0);
      else this.dense(0, L0, d);
    }
    activate(L0);
    for (let l = 1; l < layers.length; l++) {
      const L = layers[l];
      const input = layers[l - 1].out;
      if (L.act === Act.Maxout) maxoutForward(L, input, 0, act, 0);
      else this.dense(l, L, input);
      activate(L);
    }
    const res = layers[layers.length - 1].out;
    if (s.autoEncoder) this.reconstruct(raw, res, out);
    else if (s.modifiedHuber) this.modifiedHuber(out);
    else if (s.classifier) this.classify(raw, res, out);
    else {
      let v = res[0];
      if (s.respMul !== undefined) v = v / s.respMul + s.respSub!;
      v = cappedLinkInverse(s.link, v);
      if (v !== v) throw new RowError(NAN_TARGET);
      out[0] = v;
    }
  }

  /** L.pre = L's weights · x + bias for a dense input x (layer i): the kernel, else the interpreter. */
  private dense(i: number, L: Layer, x: Float64Array): void {
    const k = this.kernel;
    if (k !== null) k.forward(i, x, L.pre);
    else denseRows(L.w, L.b, x, L.pre, L.outSize, L.inSize);
  }

  private classify(raw: Float64Array, res: Float64Array, out: Float64Array): void {
    const k = this.nclasses;
    for (let i = 0; i < k; i++) {
      const p = res[i];
      if (p !== p) throw new RowError(NAN_PROBABILITY);
      out[i + 1] = p;
    }
    if (this.header.balanceClasses) correctProbabilities(out, k, this.header.priorClassDistrib!, this.header.modelClassDistrib!);
    out[0] = predictedClass(out, k, this.prior, raw, this.threshold);
  }

  /** The reference sets class -1 for modified_huber, which its wrapper cannot turn into a label. */
  private modifiedHuber(out: Float64Array): void {
    if (this.s.classifier) {
      throw new RowError(`java.lang.ArrayIndexOutOfBoundsException: Index -1 out of bounds for length ${this.nclasses}`);
    }
    out[0] = -1;
  }

  /** Reconstruction (numerics de-standardised) followed by the row's reconstruction MSE. */
  private reconstruct(raw: Float64Array, res: Float64Array, out: Float64Array): void {
    const s = this.s;
    const n = res.length;
    const numStart = n - s.nums;
    const nm = s.normMul;
    for (let k = 0; k < numStart; k++) out[k] = res[k];
    if (nm !== null) for (let k = 0; k < s.nums; k++) out[numStart + k] = res[numStart + k] / nm[k] + s.normSub[k];
    else for (let k = numStart; k < n; k++) out[k] = res[k];
    // Error against the expanded original row: one-hot (missing → the extra level), raw numerics.
    let l2 = 0;
    const off = s.catOffsets;
    for (let i = 0; i < s.cats; i++) {
      const v = raw[i];
      const lo = off[i];
      const hot = v !== v ? off[i + 1] - 1 : lo + Math.trunc(v);
      for (let p = lo; p < off[i + 1]; p++) {
        const d = out[p] - (p === hot ? 1 : 0);
        l2 += d * d;
      }
    }
    for (let k = 0; k < s.nums; k++) {
      const norm = nm !== null ? nm[k] : 1;
      const d = (out[numStart + k] - raw[s.cats + k]) * norm;
      l2 += d * d;
    }
    out[n] = l2 / n;
  }
}
