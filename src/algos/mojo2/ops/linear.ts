/**
 * XGBoost gblinear (op 31 with a linear model). Predictions accumulate in float32 as the
 * daimojo runtime does — s = f32(bias) + f32(base); s = f32(s + f32(w)·x) per feature in
 * feature order — which reproduces G4 bit for bit (the same sum in double misses by one ulp).
 * Contributions are w·x and bias + base in double (G2).
 */
import type { Step } from '../program.ts';

export interface LinearModel {
  /** Per group: one weight per feature. */
  readonly weights: readonly Float64Array[];
  readonly bias: Float64Array;
  readonly base: number;
}

export class LinearStep implements Step {
  private readonly w32: Float64Array[];
  private readonly start: Float64Array;

  constructor(
    model: LinearModel,
    private readonly featureSlots: Int32Array,
    private readonly outputs: Int32Array,
  ) {
    this.w32 = model.weights.map((w) => Float64Array.from(w, Math.fround));
    this.start = Float64Array.from(model.bias, (b) => Math.fround(Math.fround(b) + Math.fround(model.base)));
  }

  run(f: Float64Array): void {
    const slots = this.featureSlots;
    for (let g = 0; g < this.outputs.length; g++) {
      const w = this.w32[g];
      let s = this.start[g];
      for (let j = 0; j < w.length; j++) s = Math.fround(s + Math.fround(w[j] * f[slots[j]]));
      f[this.outputs[g]] = s;
    }
  }
}
