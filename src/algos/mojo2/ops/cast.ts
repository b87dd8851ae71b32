/**
 * Casts between column types (op 6, TOML AsType) that a published value or structure pins:
 * numeric widening and narrowing to float32 (round to nearest even), integers to floats, numbers
 * to text (integers as plain digits, integral floats as "7.0"), text to a date with
 * `%Y-%m-%d`. Everything else is refused at load by the compiler (see ../unverified.ts).
 */
import { type ColType, type StringTable, UNSEEN_TEXT } from '../frame.ts';
import type { Step } from '../program.ts';
import { DATE_TEXT_OFFSET, parseIsoDate } from './dates.ts';

const NUMERIC: ReadonlySet<ColType> = new Set(['int32', 'int64', 'float32', 'float64']);

export function isNumeric(t: ColType): boolean {
  return NUMERIC.has(t);
}

/** Number → number: float32 rounds, the others keep the value (integers into floats are exact). */
export class NumericCastStep implements Step {
  constructor(
    private readonly input: number,
    private readonly output: number,
    private readonly f32: boolean,
  ) {}

  run(f: Float64Array): void {
    const x = f[this.input];
    f[this.output] = this.f32 ? Math.fround(x) : x;
  }
}

/**
 * Float → integer type: truncation toward zero. Only bin indices (integral values) are cast this
 * way in the known pipelines (G7), so truncation and rounding agree on every value seen.
 */
export class TruncateCastStep implements Step {
  constructor(
    private readonly input: number,
    private readonly output: number,
  ) {}

  run(f: Float64Array): void {
    f[this.output] = Math.trunc(f[this.input]);
  }
}

/**
 * The text a number casts to: integer types as plain digits (`1`), floats with a decimal point
 * (`7.0`; DAI's Python str of an integral float). The spelling of non-integral floats is not
 * pinned by any case; they use the shortest text that reads back as the same value (as a float32
 * for Float32 columns: `0.1`, not `0.10000000149011612`).
 */
export function numberText(v: number, integerType: boolean, float32 = false): string {
  if (integerType) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return `${v}.0`;
  if (float32 && Number.isFinite(v)) {
    for (let p = 1; p <= 9; p++) {
      const s = v.toPrecision(p);
      if (Math.fround(Number(s)) === v) return String(Number(s));
    }
  }
  return String(v);
}

/** Number → text code (missing stays missing); a text the pipeline never names is unseen. */
export class NumberToTextStep implements Step {
  constructor(
    private readonly input: number,
    private readonly output: number,
    private readonly integerType: boolean,
    private readonly strings: StringTable,
    private readonly float32 = false,
  ) {}

  run(f: Float64Array): void {
    const x = f[this.input];
    f[this.output] = x === x ? this.strings.lookup(numberText(x, this.integerType, this.float32)) : Number.NaN;
  }
}

/** Text → date (days since 1970-01-01) with `%Y-%m-%d`; unparsable text is missing. */
export class TextToDateStep implements Step {
  /** Per string code: its date, or NaN. */
  private readonly dates: Float64Array;

  constructor(
    private readonly input: number,
    private readonly output: number,
    strings: StringTable,
  ) {
    this.dates = Float64Array.from(strings.texts, parseIsoDate);
  }

  run(f: Float64Array): void {
    const x = f[this.input];
    if (x !== x || x === UNSEEN_TEXT) f[this.output] = Number.NaN;
    else if (x >= 0 && Number.isInteger(x)) f[this.output] = this.dates[x] ?? Number.NaN;
    else f[this.output] = x - DATE_TEXT_OFFSET; // an input text the encoder parsed as a date
  }
}
