/** Sigmoid (op 10) and softmax (op 14) in double; a Float32 output is rounded after. */
import type { Step } from '../program.ts';

export class SigmoidStep implements Step {
  constructor(
    private readonly input: number,
    private readonly output: number,
    private readonly f32: boolean,
  ) {}

  run(f: Float64Array): void {
    const v = 1 / (1 + Math.exp(-f[this.input]));
    f[this.output] = this.f32 ? Math.fround(v) : v;
  }
}

/** e^(x_i − max) / Σ e^(x_j − max) over the n inputs → n outputs. */
export class SoftmaxStep implements Step {
  private readonly tmp: Float64Array;

  constructor(
    private readonly inputs: Int32Array,
    private readonly outputs: Int32Array,
    private readonly f32: Uint8Array,
  ) {
    this.tmp = new Float64Array(inputs.length);
  }

  run(f: Float64Array): void {
    const ins = this.inputs;
    const n = ins.length;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) if (f[ins[i]] > max) max = f[ins[i]];
    let sum = 0;
    const t = this.tmp;
    for (let i = 0; i < n; i++) {
      t[i] = Math.exp(f[ins[i]] - max);
      sum += t[i];
    }
    for (let i = 0; i < n; i++) {
      const v = t[i] / sum;
      f[this.outputs[i]] = this.f32[i] === 1 ? Math.fround(v) : v;
    }
  }
}
