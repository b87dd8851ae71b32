/**
 * A compiled pipeline: steps over one frame (see ./frame.ts). Nested pipelines are steps that
 * copy their inputs into their own frame, run, and copy their outputs back; every frame is
 * allocated once at load, so a run allocates nothing but what an operation needs for text.
 */
import type { FrameLayout } from './frame.ts';

/** One compiled transformation. */
export interface Step {
  run(frame: Float64Array): void;
}

export class Program {
  readonly frame: Float64Array;

  constructor(
    readonly layout: FrameLayout,
    readonly steps: readonly Step[],
    /** Slots of the features, in feature order. */
    readonly featureSlots: Int32Array,
    /** Slots of the outputs, in output order. */
    readonly outputSlots: Int32Array,
  ) {
    this.frame = new Float64Array(layout.width);
  }

  /** Runs every step on the frame (features already written). */
  run(): void {
    const f = this.frame;
    const steps = this.steps;
    for (let i = 0; i < steps.length; i++) steps[i].run(f);
  }
}

/**
 * Runs a nested pipeline: caller columns → its features (rounded to float32 where its feature
 * is Float32), its outputs → caller columns.
 */
export class NestedStep implements Step {
  private readonly f32: Uint8Array;

  constructor(
    private readonly program: Program,
    private readonly inSlots: Int32Array,
    private readonly outSlots: Int32Array,
  ) {
    this.f32 = Uint8Array.from(program.featureSlots, (s) => (program.layout.types[s] === 'float32' ? 1 : 0));
  }

  run(frame: Float64Array): void {
    const p = this.program;
    const inner = p.frame;
    inner.fill(Number.NaN);
    const fs = p.featureSlots;
    for (let i = 0; i < fs.length; i++) {
      const x = frame[this.inSlots[i]];
      inner[fs[i]] = this.f32[i] === 1 ? Math.fround(x) : x;
    }
    p.run();
    const os = p.outputSlots;
    for (let i = 0; i < os.length; i++) frame[this.outSlots[i]] = inner[os[i]];
  }
}
