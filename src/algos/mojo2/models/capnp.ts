/**
 * A minimal reader of packed Cap'n Proto messages (the XGBoost model files of 2018-08/09 TOML
 * pipelines): unpacking, the segment table, struct and list pointers (far pointers included).
 * No schema is public, so the reader exposes raw words and pointers; every offset is checked
 * against its segment before it is followed.
 */
import { MojoFormatError } from '../../../errors.ts';

/** Most segments and pointer hops accepted (a hostile file could chain far pointers). */
const MAX_SEGMENTS = 1024;
const MAX_HOPS = 8;

/** Expands packed Cap'n Proto (tag byte per word; 0x00 and 0xff runs), within `maxBytes`. */
export function unpack(src: Uint8Array, maxBytes: number, origin: string): Uint8Array {
  let out = new Uint8Array(Math.min(maxBytes, Math.max(64, src.length * 2)));
  let n = 0;
  const grow = (need: number): void => {
    if (need > maxBytes) throw new MojoFormatError(`${origin}: unpacked message exceeds ${maxBytes} bytes`);
    if (need <= out.length) return;
    const next = new Uint8Array(Math.min(maxBytes, Math.max(need, out.length * 2)));
    next.set(out.subarray(0, n));
    out = next;
  };
  let p = 0;
  while (p < src.length) {
    const tag = src[p++];
    grow(n + 8);
    for (let b = 0; b < 8; b++) {
      if (tag & (1 << b)) {
        if (p >= src.length) throw new MojoFormatError(`${origin}: truncated packed word`);
        out[n + b] = src[p++];
      } else out[n + b] = 0;
    }
    n += 8;
    if (tag === 0x00 || tag === 0xff) {
      if (p >= src.length) throw new MojoFormatError(`${origin}: truncated packed run`);
      const count = src[p++];
      if (tag === 0x00) {
        grow(n + count * 8);
        out.fill(0, n, n + count * 8);
        n += count * 8;
      } else {
        if (p + count * 8 > src.length) throw new MojoFormatError(`${origin}: truncated packed run`);
        grow(n + count * 8);
        out.set(src.subarray(p, p + count * 8), n);
        n += count * 8;
        p += count * 8;
      }
    }
  }
  return out.subarray(0, n);
}

/** A struct: its data words and pointer section, located in a segment. */
export interface CapStruct {
  readonly seg: number;
  /** Word index of the data section. */
  readonly data: number;
  readonly dataWords: number;
  readonly ptrs: number;
  readonly ptrCount: number;
}

/** A list: element size code, count, and (composite) the element struct layout. */
export interface CapList {
  readonly seg: number;
  /** Word index of the first element (composite: of the first struct, after the tag). */
  readonly start: number;
  readonly size: number;
  readonly count: number;
  readonly dataWords: number;
  readonly ptrCount: number;
}

export class CapMessage {
  private readonly segs: DataView[] = [];

  constructor(
    bytes: Uint8Array,
    private readonly origin: string,
  ) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.length < 8) this.fail('too short');
    const count = view.getUint32(0, true) + 1;
    if (count > MAX_SEGMENTS) this.fail(`${count} segments`);
    let off = 4 + 4 * count;
    off += off % 8;
    for (let i = 0; i < count; i++) {
      const words = view.getUint32(4 + 4 * i, true);
      if (off + words * 8 > bytes.length) this.fail('a segment runs past the end');
      this.segs.push(new DataView(bytes.buffer, bytes.byteOffset + off, words * 8));
      off += words * 8;
    }
  }

  fail(what: string): never {
    throw new MojoFormatError(`${this.origin}: corrupt Cap'n Proto message (${what})`);
  }

  private words(seg: number): number {
    return this.segs[seg].byteLength / 8;
  }

  u32(seg: number, word: number, index: number): number {
    return this.segs[seg].getUint32(word * 8 + index * 4, true);
  }

  u16(seg: number, word: number, index: number): number {
    return this.segs[seg].getUint16(word * 8 + index * 2, true);
  }

  f64(seg: number, word: number): number {
    return this.segs[seg].getFloat64(word * 8, true);
  }

  /** The root struct. */
  root(): CapStruct {
    return this.struct(0, 0);
  }

  /** Resolves the pointer at word `at` of `seg` (following far pointers) to [seg, pointer word value lo, hi, target word]. */
  private resolve(seg: number, at: number): { seg: number; lo: number; hi: number; target: number } | null {
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      if (seg >= this.segs.length || at >= this.words(seg)) this.fail('a pointer outside its segment');
      const lo = this.u32(seg, at, 0);
      const hi = this.u32(seg, at, 1);
      if (lo === 0 && hi === 0) return null;
      const kind = lo & 3;
      if (kind === 2) {
        if (lo & 4) this.fail('double-far pointer');
        const pad = lo >>> 3;
        seg = hi;
        at = pad;
        continue;
      }
      const offset = (lo | 0) >> 2;
      return { seg, lo, hi, target: at + 1 + offset };
    }
    this.fail('too many far pointers');
  }

  /** The struct the pointer at word `at` points to (null pointer → null). */
  struct(seg: number, at: number): CapStruct {
    const r = this.resolve(seg, at);
    if (r === null) this.fail('a null struct pointer');
    if ((r.lo & 3) !== 0) this.fail('not a struct pointer');
    const dataWords = r.hi & 0xffff;
    const ptrCount = r.hi >>> 16;
    if (r.target < 0 || r.target + dataWords + ptrCount > this.words(r.seg)) this.fail('a struct outside its segment');
    return { seg: r.seg, data: r.target, dataWords, ptrs: r.target + dataWords, ptrCount };
  }

  /** The list pointer `i` of struct `s` points to (null → empty list). */
  list(s: CapStruct, i: number): CapList {
    if (i >= s.ptrCount) return { seg: s.seg, start: 0, size: 0, count: 0, dataWords: 0, ptrCount: 0 };
    const r = this.resolve(s.seg, s.ptrs + i);
    if (r === null) return { seg: s.seg, start: 0, size: 0, count: 0, dataWords: 0, ptrCount: 0 };
    if ((r.lo & 3) !== 1) this.fail('not a list pointer');
    const size = r.hi & 7;
    const count = r.hi >>> 3;
    const words = this.words(r.seg);
    if (size === 7) {
      if (r.target < 0 || r.target + 1 + count > words) this.fail('a list outside its segment');
      const tagLo = this.u32(r.seg, r.target, 0);
      const tagHi = this.u32(r.seg, r.target, 1);
      const n = tagLo >>> 2;
      const dataWords = tagHi & 0xffff;
      const ptrCount = tagHi >>> 16;
      if (n * (dataWords + ptrCount) > count) this.fail('a composite list larger than its words');
      return { seg: r.seg, start: r.target + 1, size, count: n, dataWords, ptrCount };
    }
    const bits = [0, 1, 8, 16, 32, 64, 64, 0][size];
    if (r.target < 0 || r.target + Math.ceil((count * bits) / 64) > words) this.fail('a list outside its segment');
    return { seg: r.seg, start: r.target, size, count, dataWords: 0, ptrCount: 0 };
  }

  /** Element `i` of a composite list, as a struct. */
  element(l: CapList, i: number): CapStruct {
    if (l.size !== 7 || i >= l.count) this.fail('not a struct list element');
    const stride = l.dataWords + l.ptrCount;
    return {
      seg: l.seg,
      data: l.start + i * stride,
      dataWords: l.dataWords,
      ptrs: l.start + i * stride + l.dataWords,
      ptrCount: l.ptrCount,
    };
  }

  /** Element `i` of a pointer list, as the list it points to. */
  listAt(l: CapList, i: number): CapList {
    if (l.size !== 6 || i >= l.count) this.fail('not a list of lists');
    return this.list({ seg: l.seg, data: l.start, dataWords: 0, ptrs: l.start, ptrCount: l.count }, i);
  }

  /** A list of f64. */
  doubles(l: CapList): Float64Array {
    if (l.count === 0) return new Float64Array(0);
    if (l.size !== 5) this.fail('not a list of 64-bit values');
    return Float64Array.from({ length: l.count }, (_, i) => this.f64(l.seg, l.start + i));
  }

  /** A list of u16. */
  u16s(l: CapList): Uint16Array {
    if (l.count === 0) return new Uint16Array(0);
    if (l.size !== 3) this.fail('not a list of 16-bit values');
    return Uint16Array.from({ length: l.count }, (_, i) => this.u16(l.seg, l.start + (i >> 2), i & 3));
  }

  /** Text (a byte list ending in NUL). */
  text(l: CapList): string {
    if (l.count === 0) return '';
    if (l.size !== 2) this.fail('text that is not a byte list');
    const seg = this.segs[l.seg];
    const bytes = new Uint8Array(seg.buffer, seg.byteOffset + l.start * 8, l.count - 1);
    return new TextDecoder().decode(bytes);
  }
}
