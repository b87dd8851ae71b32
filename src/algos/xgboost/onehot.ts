/**
 * H2O's row → XGBoost feature vector (OneHotEncoderFactory): categoricals first, one-hot over
 * `cat_offsets` (the last slot of each column is its NA level), then the numeric columns cast to
 * float32. `sparse` models see a numeric 0 and a cold one-hot slot as missing (NaN); dense ones
 * as 0. MOJO 1.00 non-gbtree boosters use the 1.0 encoder, which also pads short rows with 0.
 */
import { MojoFormatError } from '../../errors.ts';
import { javaInt } from '../common/index.ts';

export interface OneHotSpec {
  cats: number;
  nums: number;
  /** cats + 1 ascending offsets (or empty when there are no categoricals). */
  catOffsets: Int32Array;
  useAllFactorLevels: boolean;
  sparse: boolean;
  compat10: boolean;
  /** Length of the raw row handed to score(). */
  rawLength: number;
}

export class OneHotEncoder {
  readonly cats: number;
  readonly nums: number;
  readonly catOffsets: Int32Array;
  /** Width of the one-hot block (catOffsets[cats]). */
  readonly catWidth: number;
  /** Width of the feature vector: catWidth + nums. */
  readonly width: number;
  /** Column owning each one-hot slot. */
  private readonly catMap: Int32Array;
  private readonly catValues: Int32Array;
  private readonly notHot: number;
  private readonly useAll: boolean;
  private readonly sparse: boolean;
  private readonly compat10: boolean;
  private readonly rawLength: number;
  /** Why every row fails (the reference throws for a raw row of this length), or null. */
  readonly rowError: string | null;

  constructor(s: OneHotSpec, origin: string) {
    this.cats = s.cats;
    this.nums = s.nums;
    this.catOffsets = s.catOffsets;
    if (s.cats < 0 || s.nums < 0) throw new MojoFormatError(`${origin}: bad cats/nums ${s.cats}/${s.nums}`);
    if (s.cats > 0 && s.catOffsets.length !== s.cats + 1) {
      throw new MojoFormatError(`${origin}: cat_offsets has ${s.catOffsets.length} entries for ${s.cats} categorical columns`);
    }
    for (let c = 0; c < s.cats; c++) {
      if (s.catOffsets[c] < 0 || s.catOffsets[c + 1] < s.catOffsets[c]) throw new MojoFormatError(`${origin}: cat_offsets not ascending`);
    }
    this.catWidth = s.cats > 0 ? s.catOffsets[s.cats] : 0;
    this.width = this.catWidth + s.nums;
    this.catMap = new Int32Array(this.catWidth);
    for (let c = 0; c < s.cats; c++) for (let j = s.catOffsets[c]; j < s.catOffsets[c + 1]; j++) this.catMap[j] = c;
    this.catValues = new Int32Array(s.cats);
    this.notHot = s.sparse ? NaN : 0;
    this.useAll = s.useAllFactorLevels;
    this.sparse = s.sparse;
    this.compat10 = s.compat10;
    this.rawLength = s.rawLength;
    const need = s.cats + s.nums;
    this.rowError =
      s.compat10 && s.rawLength > need
        ? 'java.lang.ArrayIndexOutOfBoundsException: Too many input values.'
        : !s.compat10 && s.rawLength < need
          ? `java.lang.ArrayIndexOutOfBoundsException: Index ${s.rawLength} out of bounds for length ${s.rawLength}`
          : null;
  }

  /** Raw value i; the 1.0 encoder pads short rows with zeros. */
  private at(raw: Float64Array, i: number): number {
    return i < this.rawLength ? raw[i] : 0;
  }

  /** Writes the feature vector of `raw` into `fv[0..width)`. Caller checks rowError first. */
  encode(raw: Float64Array, fv: Float64Array): void {
    const cats = this.cats;
    const off = this.catOffsets;
    const cv = this.catValues;
    // GenModel.setCats: NaN → the column's NA level; out-of-range levels clamp to it too.
    for (let i = 0; i < cats; i++) {
      const d = this.at(raw, i);
      const last = off[i + 1] - 1;
      let v: number;
      if (d !== d) v = last;
      else {
        const c = javaInt(d);
        v = this.useAll ? (c + off[i]) | 0 : c !== 0 ? (c - 1 + off[i]) | 0 : -1; // int arithmetic
        if (v >= off[i + 1]) v = last;
      }
      cv[i] = v;
    }
    const notHot = this.notHot;
    const cw = this.catWidth;
    for (let j = 0; j < cw; j++) fv[j] = notHot;
    const map = this.catMap;
    for (let i = 0; i < cats; i++) {
      const v = cv[i];
      if (v < 0 || v >= cw) continue;
      // The default encoder only honours a column's value inside its own slots; the 1.0 one
      // lights any slot some column points at.
      if (this.compat10 || map[v] === i) fv[v] = 1;
    }
    const nums = this.nums;
    const sparse = this.sparse;
    for (let i = 0; i < nums; i++) {
      const x = Math.fround(this.at(raw, cats + i));
      fv[cw + i] = sparse && x === 0 ? NaN : x;
    }
  }
}
