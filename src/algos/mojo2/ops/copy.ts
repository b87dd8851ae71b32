/** Identity copies (op 43), constant columns (op 33) and fill-missing (op 21, TOML FillNa). */
import type { Step } from '../program.ts';

/** out_i = in_i for each pair. */
export class CopyStep implements Step {
  constructor(
    private readonly inputs: Int32Array,
    private readonly outputs: Int32Array,
  ) {}

  run(f: Float64Array): void {
    for (let i = 0; i < this.inputs.length; i++) f[this.outputs[i]] = f[this.inputs[i]];
  }
}

/** Every row gets the same value. */
export class ConstantStep implements Step {
  constructor(
    private readonly value: number,
    private readonly output: number,
  ) {}

  run(f: Float64Array): void {
    f[this.output] = this.value;
  }
}

/** NA (NaN) → the fill value; other values unchanged. */
export class FillMissingStep implements Step {
  constructor(
    private readonly value: number,
    private readonly input: number,
    private readonly output: number,
  ) {}

  run(f: Float64Array): void {
    const x = f[this.input];
    f[this.output] = x === x ? x : this.value;
  }
}
