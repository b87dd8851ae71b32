/**
 * The fields of JSON Lines read by hand (json-lines-rows.ts), kept in flat arrays per piece, and
 * the piece's rows encoded from them: each value through the RowEncoder method encodeObject uses
 * for it, in key order, so messages, offsets and unknown columns come out as from JSON.parse.
 */
import { clearRow, OFFSET_SLOT, type RowEncoder } from '../row-encoder.ts';
import type { EncodedRows } from './rows.ts';

/** What a field's value is. */
export const NUMBER = 0;
export const STRING = 1;
export const TRUE = 2;
export const FALSE = 3;
export const NULL = 4;
/** A key the model does not read: only reported (as encodeObject does when it meets it). */
export const UNKNOWN = 5;

/** Stands in the piece's item list for a line read here (not an array: no cell count to check). */
export const READ_HERE: Readonly<Record<string, never>> = Object.freeze({});

/** The fields of a piece's lines read here, one entry per distinct key, in key order. */
export class Fields {
  /** (slot << 3) | kind. */
  code: Int32Array;
  /** Numbers: the value; strings: where the text starts; unknown keys: the index in `keys`. */
  num: Float64Array;
  /** Strings: where the text ends. */
  end: Int32Array;
  length = 0;
  readonly keys: string[] = [];

  constructor(capacity: number) {
    this.code = new Int32Array(capacity);
    this.num = new Float64Array(capacity);
    this.end = new Int32Array(capacity);
  }

  /** Index of a new entry (grown by doubling). */
  add(): number {
    const e = this.length++;
    if (e === this.code.length) {
      const n = e * 2;
      this.code = grow(this.code, new Int32Array(n));
      this.num = grow(this.num, new Float64Array(n));
      this.end = grow(this.end, new Int32Array(n));
    }
    return e;
  }
}

function grow<T extends Uint8Array | Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** A piece's rows: lines read here are encoded from their fields, the others as parsed items. */
export class JsonLinesRows implements EncodedRows {
  readonly count: number;

  constructor(
    private readonly text: string,
    private readonly items: readonly unknown[],
    /** Entries of row i are [firstField[i], firstField[i + 1]). */
    private readonly firstField: Int32Array,
    private readonly fields: Fields,
    private readonly parsed: EncodedRows,
    private readonly encoder: RowEncoder,
    private readonly unknown: Set<string>,
    private readonly firstRow: number,
  ) {
    this.count = items.length;
  }

  encode(i: number, raw: Float64Array, lenient: boolean): number {
    if (this.items[i] !== READ_HERE) return this.parsed.encode(i, raw, lenient);
    const f = this.fields;
    const encoder = this.encoder;
    const to = this.firstField[i + 1];
    clearRow(raw);
    let offset = 0;
    let known = 0;
    for (let e = this.firstField[i]; e < to; e++) {
      const code = f.code[e];
      const kind = code & 7;
      const slot = code >> 3;
      let o: number | undefined;
      if (kind === UNKNOWN) {
        this.unknown.add(f.keys[f.num[e]]);
        continue;
      }
      known++;
      if (kind === NUMBER) o = encoder.encodeNumber(slot, f.num[e], raw);
      else {
        const name = slot === OFFSET_SLOT ? (encoder.offsetColumn as string) : encoder.names[slot];
        const row = this.firstRow + i;
        if (kind === STRING) o = encoder.encodeText(slot, name, this.text.slice(f.num[e], f.end[e]), raw, lenient, row);
        else o = encoder.encodeValue(slot, name, kind === NULL ? null : kind === TRUE, raw, lenient, row);
      }
      if (o !== undefined) offset = o;
    }
    // As encodeObject: a line whose keys are all unknown is refused, not scored as all-missing.
    if (known === 0 && to > this.firstField[i]) throw encoder.noKnownColumn(this.firstRow + i, this.unknownKeys(i));
    return Number.isNaN(offset) ? 0 : offset;
  }

  /** The keys of row `i` the model does not read, in key order. */
  private unknownKeys(i: number): string[] {
    const f = this.fields;
    const keys: string[] = [];
    for (let e = this.firstField[i]; e < this.firstField[i + 1]; e++) if ((f.code[e] & 7) === UNKNOWN) keys.push(f.keys[f.num[e]]);
    return keys;
  }
}
