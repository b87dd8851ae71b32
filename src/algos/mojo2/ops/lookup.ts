/**
 * Table operations of MOJO2 pipelines: map lookup (op 29, TOML Map: target, frequency and
 * one-hot encodings; composite keys), interval map (op 28, TOML IntervalMap: binning) and value
 * replacement (op 27). Keys are compared in the input column's representation (string codes,
 * float32-rounded numbers), prepared once at load.
 */
import type { Step } from '../program.ts';

/** Keys → row index; composite keys as nested maps (no allocation per lookup). */
export class KeyIndex {
  private readonly root = new Map<number, unknown>();

  /** `keys[k][i]` is component k of key i; NaN components never match. First occurrence wins. */
  constructor(keys: readonly Float64Array[], count: number) {
    const depth = keys.length;
    for (let i = 0; i < count; i++) {
      let m = this.root;
      let ok = true;
      for (let k = 0; k < depth; k++) {
        const v = keys[k][i];
        if (v !== v) {
          ok = false;
          break;
        }
        if (k === depth - 1) {
          if (!m.has(v)) m.set(v, i);
        } else {
          let next = m.get(v) as Map<number, unknown> | undefined;
          if (next === undefined) m.set(v, (next = new Map()));
          m = next;
        }
      }
      if (!ok) continue;
    }
  }

  /** Row of the key held in `slots` of frame `f`, -1 when unseen, -2 when a component is missing. */
  find(f: Float64Array, slots: Int32Array): number {
    let m: Map<number, unknown> = this.root;
    const n = slots.length;
    for (let k = 0; k < n; k++) {
      const v = f[slots[k]];
      if (v !== v) return -2;
      const hit = m.get(v);
      if (hit === undefined) return -1;
      if (k === n - 1) return hit as number;
      m = hit as Map<number, unknown>;
    }
    return -1;
  }
}

/** Found key i → values_j[i]; a missing or unseen key → missing_j. */
export class MapLookupStep implements Step {
  constructor(
    private readonly index: KeyIndex,
    private readonly inputs: Int32Array,
    private readonly outputs: Int32Array,
    /** Per output: its values, one per key. */
    private readonly values: readonly Float64Array[],
    /** Per output: the value for a missing or unseen key. */
    private readonly missing: Float64Array,
  ) {}

  run(f: Float64Array): void {
    const row = this.index.find(f, this.inputs);
    const outs = this.outputs;
    if (row < 0) for (let j = 0; j < outs.length; j++) f[outs[j]] = this.missing[j];
    else for (let j = 0; j < outs.length; j++) f[outs[j]] = this.values[j][row];
  }
}

/**
 * Slot = number of breakpoints strictly below x (right-closed intervals), `n` above the last,
 * `n + 1` for NaN; output j = values_j[slot].
 */
export class IntervalMapStep implements Step {
  constructor(
    private readonly breakpoints: Float64Array,
    private readonly input: number,
    private readonly outputs: Int32Array,
    private readonly values: readonly Float64Array[],
  ) {}

  run(f: Float64Array): void {
    const x = f[this.input];
    const b = this.breakpoints;
    let slot: number;
    if (x !== x) slot = b.length + 1;
    else {
      let lo = 0;
      let hi = b.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (b[mid] < x) lo = mid + 1;
        else hi = mid;
      }
      slot = lo;
    }
    for (let j = 0; j < this.outputs.length; j++) f[this.outputs[j]] = this.values[j][slot];
  }
}

/** x equal to keys[i] → values[i], else unchanged. */
export class ReplaceStep implements Step {
  private readonly index: Map<number, number>;

  constructor(
    keys: Float64Array,
    private readonly values: Float64Array,
    private readonly input: number,
    private readonly output: number,
  ) {
    this.index = new Map();
    for (let i = 0; i < keys.length; i++) if (!this.index.has(keys[i])) this.index.set(keys[i], i);
  }

  run(f: Float64Array): void {
    const x = f[this.input];
    const i = this.index.get(x);
    f[this.output] = i === undefined ? x : this.values[i];
  }
}
