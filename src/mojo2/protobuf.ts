/**
 * A minimal protobuf wire-format reader for MOJO2 `pipeline.pb`, model and tensor files.
 * No schema for these messages is public (field numbers are read from the bytes, see
 * docs/ARCHITECTURE.md), so a generated-code library would add a dependency without adding a
 * schema; this reader decodes a message once into a field table and checks every length
 * against the bytes it holds.
 */
import { MojoFormatError } from '../errors.ts';

/** Wire types of the protobuf encoding. */
const VARINT = 0;
const FIXED64 = 1;
const LENGTH = 2;
const FIXED32 = 5;

/** One field occurrence: varint value, or the byte range of a length-delimited / fixed payload. */
interface Field {
  readonly wire: number;
  /** Varint value (as a double; exact up to 2^53, enough for every count and id seen). */
  readonly value: number;
  readonly start: number;
  readonly end: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
const TWO_32 = 4294967296;

/** A decoded message: its fields by number, each in file order. */
export class PbMessage {
  private readonly fields = new Map<number, Field[]>();
  private readonly view: DataView;

  /** Decodes bytes[start, end) as a message; `origin` names the file in errors. */
  constructor(
    readonly bytes: Uint8Array,
    readonly origin: string,
    start = 0,
    end = bytes.length,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let p = start;
    while (p < end) {
      const [tag, afterTag] = this.varint(p, end);
      p = afterTag;
      const wire = tag % 8;
      const num = Math.floor(tag / 8);
      if (num === 0) this.fail('field number 0');
      let f: Field;
      if (wire === VARINT) {
        const [v, q] = this.varint(p, end);
        f = { wire, value: v, start: p, end: q };
        p = q;
      } else if (wire === FIXED64 || wire === FIXED32) {
        const n = wire === FIXED64 ? 8 : 4;
        if (p + n > end) this.fail('truncated fixed-size field');
        f = { wire, value: 0, start: p, end: p + n };
        p += n;
      } else if (wire === LENGTH) {
        const [len, q] = this.varint(p, end);
        if (len > end - q) this.fail(`field ${num} says ${len} bytes, ${end - q} remain`);
        f = { wire, value: len, start: q, end: q + len };
        p = q + len;
      } else this.fail(`unsupported wire type ${wire}`);
      let list = this.fields.get(num);
      if (list === undefined) this.fields.set(num, (list = []));
      list.push(f);
    }
  }

  private fail(what: string): never {
    throw new MojoFormatError(`${this.origin}: corrupt protobuf (${what})`);
  }

  /** Reads a varint at p; returns [value, next position]. Negative int64s come back as their two's complement bits. */
  private varint(p: number, end: number): [number, number] {
    let lo = 0;
    let hi = 0;
    let shift = 0;
    for (let i = 0; i < 10; i++) {
      if (p >= end) this.fail('truncated varint');
      const b = this.bytes[p++];
      if (shift < 28) lo |= (b & 0x7f) << shift;
      else if (shift === 28) {
        lo |= (b & 0x0f) << 28;
        hi |= (b & 0x7f) >>> 4;
      } else hi |= (b & 0x7f) << (shift - 32);
      shift += 7;
      if ((b & 0x80) === 0) return [signed64(lo >>> 0, hi >>> 0), p];
    }
    this.fail('varint longer than 10 bytes');
  }

  /** Field numbers present. */
  numbers(): number[] {
    return [...this.fields.keys()];
  }

  has(num: number): boolean {
    return this.fields.has(num);
  }

  private all(num: number): readonly Field[] {
    return this.fields.get(num) ?? [];
  }

  private last(num: number): Field | undefined {
    const l = this.fields.get(num);
    return l === undefined ? undefined : l[l.length - 1];
  }

  /** An integer field (proto3: absent is 0). */
  int(num: number): number {
    const f = this.last(num);
    if (f === undefined) return 0;
    if (f.wire !== VARINT) this.fail(`field ${num} is not an integer`);
    return f.value;
  }

  /** A double field (absent is 0). */
  double(num: number): number {
    const f = this.last(num);
    if (f === undefined) return 0;
    if (f.wire !== FIXED64) this.fail(`field ${num} is not a double`);
    return this.view.getFloat64(f.start, true);
  }

  /** A float field widened to double (absent is 0). */
  float(num: number): number {
    const f = this.last(num);
    if (f === undefined) return 0;
    if (f.wire !== FIXED32) this.fail(`field ${num} is not a float`);
    return this.view.getFloat32(f.start, true);
  }

  /** A string field (absent is ""). */
  string(num: number): string {
    const f = this.last(num);
    if (f === undefined) return '';
    return this.text(f, num);
  }

  private text(f: Field, num: number): string {
    if (f.wire !== LENGTH) this.fail(`field ${num} is not a string`);
    return utf8.decode(this.bytes.subarray(f.start, f.end));
  }

  /** Every occurrence of a repeated string field. */
  strings(num: number): string[] {
    return this.all(num).map((f) => this.text(f, num));
  }

  /** A nested message (absent: an empty one). */
  message(num: number): PbMessage {
    const f = this.last(num);
    if (f === undefined) return new PbMessage(this.bytes, this.origin, 0, 0);
    return this.sub(f, num);
  }

  /** Every occurrence of a repeated message field. */
  messages(num: number): PbMessage[] {
    return this.all(num).map((f) => this.sub(f, num));
  }

  /** How many occurrences a field has (no decoding). */
  count(num: number): number {
    return this.all(num).length;
  }

  private sub(f: Field, num: number): PbMessage {
    if (f.wire !== LENGTH) this.fail(`field ${num} is not a message`);
    return new PbMessage(this.bytes, this.origin, f.start, f.end);
  }

  /** A repeated double field, packed or not. */
  doubles(num: number): Float64Array {
    return this.fixedArray(num, 8, (p) => this.view.getFloat64(p, true));
  }

  /** A repeated float field, packed or not, widened to double. */
  floats(num: number): Float64Array {
    return this.fixedArray(num, 4, (p) => this.view.getFloat32(p, true));
  }

  private fixedArray(num: number, size: number, read: (p: number) => number): Float64Array {
    const fields = this.all(num);
    let n = 0;
    for (const f of fields) {
      if (f.wire === LENGTH) {
        if ((f.end - f.start) % size !== 0) this.fail(`packed field ${num} is not a multiple of ${size} bytes`);
        n += (f.end - f.start) / size;
      } else if (f.end - f.start === size) n++;
      else this.fail(`field ${num} has the wrong element size`);
    }
    const out = new Float64Array(n);
    let k = 0;
    for (const f of fields) for (let p = f.start; p < f.end; p += size) out[k++] = read(p);
    return out;
  }

  /** A repeated integer field, packed or not (two's-complement int64, not zigzag). */
  ints(num: number): Float64Array {
    const fields = this.all(num);
    const out: number[] = [];
    for (const f of fields) {
      if (f.wire === VARINT) out.push(f.value);
      else if (f.wire === LENGTH) {
        let p = f.start;
        while (p < f.end) {
          const [v, q] = this.varint(p, f.end);
          out.push(v);
          p = q;
        }
      } else this.fail(`field ${num} is not an integer list`);
    }
    return Float64Array.from(out);
  }
}

/** Two's-complement 64-bit value from its halves (exact when |v| < 2^53; else the nearest double). */
function signed64(lo: number, hi: number): number {
  if (hi & 0x80000000) {
    // negative: -(~v + 1)
    const nlo = (~lo >>> 0) + 1;
    const nhi = (~hi >>> 0) + (nlo > 0xffffffff ? 1 : 0);
    return -((nhi >>> 0) * TWO_32 + (nlo >>> 0));
  }
  return hi * TWO_32 + lo;
}

/** Decodes a whole file as one message. */
export function readMessage(bytes: Uint8Array, origin: string): PbMessage {
  return new PbMessage(bytes, origin);
}
