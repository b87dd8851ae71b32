/**
 * CoxPH linear predictor (h2o-genmodel CoxPHMojoModel):
 *   lp = Σ categorical coefficients + Σ numeric coef·x − lpBase[stratum] + offset,
 * where lpBase[s] = coef · (column means of stratum s). Strata columns lead the row and shift
 * every feature index by `strataLen`. Interaction columns left empty are computed from their
 * two source columns (enum×enum via the combined "a_b" domain, enum×num selecting a per-level
 * coefficient, num×num as a product), exactly as the reference does.
 */
import { MojoFormatError, RowError } from '../../errors.ts';
import type { MojoHeader } from '../../mojo/index.ts';
import { featureInputs, javaInt } from '../common/index.ts';
import { type InputColumn, ModelBase, type OutputColumn } from '../model.ts';
import type { CoxPHParams } from './params.ts';

const enum Kind {
  EnumEnum = 0,
  EnumNum = 1,
  NumNum = 2,
}

const OUT_OF_RANGE = 'categorical value out of range';

export class CoxPHModel extends ModelBase {
  override readonly acceptsOffset = true;
  override readonly inputs: readonly InputColumn[];
  override readonly outputs: readonly OutputColumn[] = [{ name: 'lp', kind: 'number' }];
  private readonly p: CoxPHParams;
  private readonly lpBase: Float64Array;
  private readonly strataCount: number;
  private readonly isInteraction: Uint8Array;
  private readonly kinds: Uint8Array;
  private readonly enumFirst: Uint8Array;
  /** Per enum×enum interaction: level(a)·|domain b| + level(b) → index in the target domain, or -1. */
  private readonly combined: (Int32Array | null)[];
  private readonly combinedWidth: Int32Array;
  private readonly row: Float64Array;
  private readonly enumOffset: Int32Array;

  constructor(
    override readonly header: MojoHeader,
    p: CoxPHParams,
  ) {
    super();
    this.p = p;
    const origin = p.origin;
    this.inputs = featureInputs(header);
    const width = this.inputs.length;
    this.row = new Float64Array(width);
    let broken: string | null = null;

    // Distinct strata keys decide how many baselines exist (later duplicates win the lookup).
    const distinct = new Set<string>();
    for (let i = 0; i < p.strataKeyLen.length; i++)
      distinct.add(`${p.strataKeyLen[i]}:${p.strataKeys.subarray(i * p.strataLen, (i + 1) * p.strataLen).join(',')}`);
    this.strataCount = p.strataKeyLen.length;
    this.lpBase = computeLpBase(p, Math.max(1, distinct.size), origin);

    const cats = p.cats;
    const coefLen = p.coef.length;
    const off = p.catOffsets;
    const nCatBlocks = p.useAllFactorLevels ? off.length - 1 : cats;
    if (p.strataLen + nCatBlocks > width) broken = `${origin}: ${nCatBlocks} categorical columns do not fit ${width} features`;
    for (let i = 0; i <= nCatBlocks; i++) if (off[i] > coefLen) throw new MojoFormatError(`${origin}: cat_offsets reach past coef`);
    if (p.nums === -1) {
      const diff = off[cats] - cats;
      if (coefLen - diff + p.strataLen > width) broken ??= `${origin}: ${coefLen} coefficients reach past the ${width} features`;
    } else {
      if (p.numOffsets === null || p.numOffsets.length < p.nums) broken ??= `${origin}: num_offsets is missing or short`;
      if (cats + p.nums + p.strataLen > width) broken ??= `${origin}: ${p.nums} numeric columns do not fit ${width} features`;
    }

    this.isInteraction = new Uint8Array(Math.max(cats, 0));
    const t = p.interactionTargets;
    const n = t === null ? 0 : t.length;
    this.kinds = new Uint8Array(n);
    this.enumFirst = new Uint8Array(n);
    this.combined = [];
    this.combinedWidth = new Int32Array(n);
    this.enumOffset = new Int32Array(Math.max(p.nums, 0));
    if (t !== null) {
      const i1 = p.interactions1;
      const i2 = p.interactions2;
      if (i1 === null || i2 === null || i1.length < n || i2.length < n)
        throw new MojoFormatError(`${origin}: interactions_1/interactions_2 missing or short`);
      const doms = header.domains;
      for (let k = 0; k < n; k++) {
        const target = t[k];
        const a = i1[k];
        const b = i2[k];
        if (target < 0 || target >= width || a < 0 || a >= width || b < 0 || b >= width) {
          throw new MojoFormatError(`${origin}: interaction ${k} refers to a column outside the features`);
        }
        if (target < cats) this.isInteraction[target] = 1;
        const da = doms[a];
        const db = doms[b];
        if (da != null && db != null) {
          this.kinds[k] = Kind.EnumEnum;
          this.enumFirst[k] = 1;
          this.combined.push(combineDomains(da, db, doms[target]));
          this.combinedWidth[k] = db.length;
          continue;
        }
        this.combined.push(null);
        if (da == null && db == null) this.kinds[k] = Kind.NumNum;
        else {
          this.kinds[k] = Kind.EnumNum;
          this.enumFirst[k] = da != null ? 1 : 0;
          if (target < cats || target - cats >= p.nums) broken ??= `${origin}: enum×num interaction ${k} does not target a numeric column`;
        }
      }
    }
    this.loadError = broken;
  }

  protected override scoreRow(raw: Float64Array, out: Float64Array, offset: number): void {
    const p = this.p;
    const row = this.row;
    row.set(raw);
    let useEnumOffset = false;
    if (p.nums !== -1 && p.interactionTargets !== null) {
      this.evaluateInteractions(row);
      useEnumOffset = true;
    }
    const lp = this.categories(row) + (p.nums === -1 ? this.oldNumerics(row) : this.numerics(row, useEnumOffset));
    out[0] = lp - this.lpBase[this.stratum(row)] + offset;
  }

  private categories(row: Float64Array): number {
    const p = this.p;
    const s = p.strataLen;
    let result = 0.0;
    if (!p.useAllFactorLevels) {
      for (let c = 0; c < p.cats; c++) {
        const v = row[c + s];
        if (v !== v) result = NaN;
        else if (v >= 0) result += this.oneCategory(v, c, this.isInteraction[c] === 1 ? 0 : 1);
      }
    } else {
      const n = p.catOffsets.length - 1;
      for (let c = 0; c < n; c++) result += this.oneCategory(row[c + s], c, 0);
    }
    return result;
  }

  private oneCategory(v: number, c: number, lowest: number): number {
    const value = javaInt(v) - lowest;
    if (value !== v - lowest) throw new RowError(OUT_OF_RANGE);
    const off = this.p.catOffsets;
    const x = value + off[c];
    return value >= 0 && x < off[c + 1] ? this.p.coef[x] : 0;
  }

  /** MOJOs without `num_numerical_columns`: every coefficient after the one-hot block is numeric. */
  private oldNumerics(row: Float64Array): number {
    const p = this.p;
    const coef = p.coef;
    const diff = p.catOffsets[p.cats] - p.cats;
    const s = p.strataLen;
    let result = 0.0;
    for (let i = p.cats; i + diff < coef.length; i++) result += coef[diff + i] * row[i + s];
    return result;
  }

  private numerics(row: Float64Array, useEnumOffset: boolean): number {
    const p = this.p;
    const coef = p.coef;
    const n = coef.length;
    const numOff = p.numOffsets as Int32Array;
    const enumOff = this.enumOffset;
    const base = p.cats + p.strataLen;
    let result = 0.0;
    for (let i = 0; i < p.nums; i++) {
      const e = useEnumOffset ? enumOff[i] : -1;
      const k = e < 0 ? numOff[i] : e;
      if (k >= n) break;
      result += coef[k] * row[i + base];
    }
    return result;
  }

  private evaluateInteractions(row: Float64Array): void {
    const p = this.p;
    const t = p.interactionTargets as Int32Array;
    const i1 = p.interactions1 as Int32Array;
    const i2 = p.interactions2 as Int32Array;
    this.enumOffset.fill(-1);
    for (let k = 0; k < t.length; k++) {
      const target = t[k];
      if (row[target] === row[target]) continue; // supplied by the caller
      const kind = this.kinds[k];
      if (kind === Kind.EnumEnum) {
        const table = this.combined[k];
        if (table === null) throw new RowError(`interaction column ${this.header.columns[target]} has no domain`);
        const w = this.combinedWidth[k];
        const a = javaInt(row[i1[k]]);
        const b = javaInt(row[i2[k]]);
        if (a < 0 || b < 0 || b >= w || a * w + b >= table.length) throw new RowError(OUT_OF_RANGE);
        row[target] = table[a * w + b];
      } else if (kind === Kind.NumNum) {
        row[target] = row[i1[k]] * row[i2[k]];
      } else {
        const enumIdx = this.enumFirst[k] === 1 ? i1[k] : i2[k];
        const numIdx = this.enumFirst[k] === 1 ? i2[k] : i1[k];
        const level = javaInt(row[enumIdx]) - (p.useAllFactorLevels ? 0 : 1);
        row[target] = level < 0 ? 0 : row[numIdx];
        const j = target - p.cats;
        this.enumOffset[j] = level + (p.numOffsets as Int32Array)[j];
      }
    }
  }

  private stratum(row: Float64Array): number {
    const n = this.strataCount;
    if (n === 0) return 0;
    const p = this.p;
    const len = p.strataLen;
    const keys = p.strataKeys;
    // Later duplicates overwrite earlier ones in the reference's map: search from the end.
    for (let i = n - 1; i >= 0; i--) {
      if (p.strataKeyLen[i] !== len) continue;
      let j = 0;
      while (j < len && keys[i * len + j] === javaInt(row[j])) j++;
      if (j === len) {
        if (i >= this.lpBase.length) throw new RowError('stratum index beyond the stored baselines');
        return i;
      }
    }
    throw new RowError('the row belongs to a stratum the model was not trained on');
  }
}

function computeLpBase(p: CoxPHParams, size: number, origin: string): Float64Array {
  const numStart = p.xMeanCat.length >= 1 ? p.xMeanCat[0].length : 0;
  const out = new Float64Array(size);
  if (p.xMeanCat.length < size || p.xMeanNum.length < size)
    throw new MojoFormatError(`${origin}: x_mean_cat/x_mean_num have fewer rows than strata`);
  for (let s = 0; s < size; s++) {
    const mc = p.xMeanCat[s];
    const mn = p.xMeanNum[s];
    if (mc.length > p.coef.length || numStart + mn.length > p.coef.length)
      throw new MojoFormatError(`${origin}: column means reach past coef`);
    let v = 0.0;
    for (let i = 0; i < mc.length; i++) v += mc[i] * p.coef[i];
    for (let i = 0; i < mn.length; i++) v += mn[i] * p.coef[i + numStart];
    out[s] = v;
  }
  return out;
}

/** Index of "a_b" in the target domain for every (a, b) level pair; -1 when absent. */
function combineDomains(da: readonly string[], db: readonly string[], target: readonly string[] | null): Int32Array | null {
  if (target == null) return null;
  const index = new Map<string, number>();
  for (let i = target.length - 1; i >= 0; i--) index.set(target[i], i);
  const table = new Int32Array(da.length * db.length);
  for (let a = 0; a < da.length; a++) for (let b = 0; b < db.length; b++) table[a * db.length + b] = index.get(`${da[a]}_${db[b]}`) ?? -1;
  return table;
}
