/**
 * Element-wise arithmetic of MOJO2 pipelines, in double, rounded to float32 when the output
 * column is Float32 (for + − × ÷ of two float32 values, double-then-round equals float32
 * arithmetic): constant arithmetic (op 4, TOML ConstBinaryOp), column arithmetic (TOML
 * BinaryOp), power, clip, sum aggregation (op 15, TOML Agg), standardisation (op 9, TOML Scale).
 */
import type { Step } from '../program.ts';

export type ArithCode = 'add' | 'sub' | 'mul' | 'div';

function apply(code: ArithCode, a: number, b: number): number {
  switch (code) {
    case 'add':
      return a + b;
    case 'sub':
      return a - b;
    case 'mul':
      return a * b;
    case 'div':
      return a / b;
  }
}

/** `c ∘ x` (constantLeft) or `x ∘ c`. */
export class ConstArithStep implements Step {
  constructor(
    private readonly code: ArithCode,
    private readonly c: number,
    private readonly constantLeft: boolean,
    private readonly input: number,
    private readonly output: number,
    private readonly f32: boolean,
  ) {}

  run(f: Float64Array): void {
    const x = f[this.input];
    const v = this.constantLeft ? apply(this.code, this.c, x) : apply(this.code, x, this.c);
    f[this.output] = this.f32 ? Math.fround(v) : v;
  }
}

/** `a ∘ b` of two columns. */
export class ColumnArithStep implements Step {
  constructor(
    private readonly code: ArithCode,
    private readonly a: number,
    private readonly b: number,
    private readonly output: number,
    private readonly f32: boolean,
  ) {}

  run(f: Float64Array): void {
    const v = apply(this.code, f[this.a], f[this.b]);
    f[this.output] = this.f32 ? Math.fround(v) : v;
  }
}

/** `x ^ e` (Math.pow; e = 2 is exact as x·x). */
export class PowerStep implements Step {
  constructor(
    private readonly e: number,
    private readonly input: number,
    private readonly output: number,
    private readonly f32: boolean,
  ) {}

  run(f: Float64Array): void {
    const v = f[this.input] ** this.e;
    f[this.output] = this.f32 ? Math.fround(v) : v;
  }
}

/** Clamps to [min, max]; NaN stays NaN. */
export class ClipStep implements Step {
  constructor(
    private readonly min: number,
    private readonly max: number,
    private readonly input: number,
    private readonly output: number,
    private readonly f32: boolean,
  ) {}

  run(f: Float64Array): void {
    const x = f[this.input];
    const v = x < this.min ? this.min : x > this.max ? this.max : x;
    f[this.output] = this.f32 ? Math.fround(v) : v;
  }
}

/** Sum of the inputs, left to right, in double (one input: a copy). */
export class SumStep implements Step {
  constructor(
    private readonly inputs: Int32Array,
    private readonly output: number,
    private readonly f32: boolean,
  ) {}

  run(f: Float64Array): void {
    const ins = this.inputs;
    let s = f[ins[0]];
    for (let i = 1; i < ins.length; i++) s += f[ins[i]];
    f[this.output] = this.f32 ? Math.fround(s) : s;
  }
}

/** `(x − mean) / sd` in double. */
export class StandardiseStep implements Step {
  constructor(
    private readonly mean: number,
    private readonly sd: number,
    private readonly input: number,
    private readonly output: number,
    private readonly f32: boolean,
  ) {}

  run(f: Float64Array): void {
    const v = (f[this.input] - this.mean) / this.sd;
    f[this.output] = this.f32 ? Math.fround(v) : v;
  }
}
