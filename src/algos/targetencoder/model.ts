/**
 * Target Encoder scoring: each encoded column group (one input column, or an interaction of
 * several) writes its encoding — one value, or one per class after the first — in group order.
 * Interaction levels are computed as the reference's InteractionsEncoder does: Σ level_i · Π(card_j + 1)
 * over earlier columns (a missing or unseen level counts as card), then looked up in the
 * interaction's domain; an absent combination is missing.
 */
import { RowError } from '../../errors.ts';
import type { MojoHeader } from '../../mojo/index.ts';
import { javaInt } from '../common/index.ts';
import { type InputColumn, ModelBase, type OutputColumn } from '../model.ts';
import type { ColumnEncoding } from './column-encoding.ts';

export interface EncodedGroup {
  readonly name: string;
  /** Input column indices (one, or the interaction's columns). */
  readonly cols: Int32Array;
  /** Level counts of the interaction's columns. */
  readonly cards: Int32Array;
  /** Sorted interaction codes (their positions are the interaction's levels); null for one column. */
  readonly codes: Float64Array | null;
  readonly enc: ColumnEncoding;
  /** Output column names, one per encoded value (`enc.width`). */
  readonly outputNames: readonly string[];
}

export class TargetEncoderModel extends ModelBase {
  override readonly outputs: readonly OutputColumn[];
  private readonly n: number;

  constructor(
    override readonly header: MojoHeader,
    override readonly inputs: readonly InputColumn[],
    private readonly groups: readonly EncodedGroup[],
  ) {
    super();
    this.n = groups.length;
    this.outputs = groups.flatMap((g) => g.outputNames.map((name): OutputColumn => ({ name, kind: 'number' })));
  }

  protected override scoreRow(raw: Float64Array, out: Float64Array): void {
    let p = 0;
    for (let g = 0; g < this.n; g++) {
      const grp = this.groups[g];
      const enc = grp.enc;
      const w = enc.width;
      const level = grp.codes === null ? raw[grp.cols[0]] : interactionLevel(raw, grp);
      if (level !== level) {
        const na = enc.na;
        if (na === null) throw new RowError(enc.naProblem);
        for (let t = 0; t < w; t++) out[p + t] = na[t];
      } else {
        const c = javaInt(level);
        if (!(c >= 0 && c < enc.known.length && enc.known[c] === 1))
          throw new RowError(`target encoder: no encoding for level ${c} of column '${grp.name}'`);
        const b = c * w;
        for (let t = 0; t < w; t++) out[p + t] = enc.values[b + t];
      }
      p += w;
    }
  }
}

function interactionLevel(raw: Float64Array, grp: EncodedGroup): number {
  const cols = grp.cols;
  const cards = grp.cards;
  let code = 0;
  let mult = 1;
  for (let i = 0; i < cols.length; i++) {
    let v = raw[cols[i]];
    const card = cards[i];
    if (v !== v || v >= card) v = card;
    code = Math.trunc(code + mult * v); // Java: long += long * double
    mult *= card + 1;
  }
  const pos = searchSorted(grp.codes!, code);
  return pos < 0 ? NaN : pos;
}

/** Arrays.binarySearch(long[], long): index of key or a negative number. */
function searchSorted(a: Float64Array, key: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = a[mid];
    if (v < key) lo = mid + 1;
    else if (v > key) hi = mid - 1;
    else return mid;
  }
  return -(lo + 1);
}
