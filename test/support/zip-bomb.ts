/**
 * Cheap decompression bombs for the archive-limit tests: a raw DEFLATE stream of `n` zero
 * bytes written by hand (one literal, then length-258/distance-1 copies: 13 bits per 258
 * bytes, so 2 GB is ~13 MB and takes well under a second to build), and zip/gzip wrappers
 * that declare whatever sizes a test wants.
 */
import { crc32 } from '../../src/mojo/crc32.ts';

class BitWriter {
  private readonly buf: Uint8Array;
  private byte = 0;
  private bit = 0;
  private pos = 0;
  constructor(capacity: number) {
    this.buf = new Uint8Array(capacity);
  }
  /** Writes `n` bits of `v`, least significant first. */
  bits(v: number, n: number): void {
    for (let i = 0; i < n; i++) {
      this.byte |= ((v >>> i) & 1) << this.bit;
      if (++this.bit === 8) {
        this.buf[this.pos++] = this.byte;
        this.byte = 0;
        this.bit = 0;
      }
    }
  }
  done(): Uint8Array {
    if (this.bit > 0) this.buf[this.pos++] = this.byte;
    return this.buf.subarray(0, this.pos);
  }
}

/** Huffman codes go out most significant bit first: reverse them for the LSB-first writer. */
function reversed(code: number, n: number): number {
  let r = 0;
  for (let i = 0; i < n; i++) r |= ((code >>> i) & 1) << (n - 1 - i);
  return r;
}

const LIT_ZERO = reversed(0x30, 8); // fixed code of literal 0
const LEN_258 = reversed(0xc5, 8); // fixed code 285 (length 258, no extra bits)
const END_OF_BLOCK = reversed(0, 7); // code 256
const MAX_COPY = 258;

/** Raw DEFLATE data that inflates to `n` (≥ 1) zero bytes. */
export function deflateZeros(n: number): Uint8Array {
  const copies = Math.floor((n - 1) / MAX_COPY);
  const tail = (n - 1) % MAX_COPY;
  const w = new BitWriter(Math.ceil((3 + 8 + copies * 13 + tail * 8 + 7) / 8) + 1);
  w.bits(1, 1); // final block
  w.bits(1, 2); // fixed Huffman codes
  w.bits(LIT_ZERO, 8);
  for (let i = 0; i < copies; i++) {
    w.bits(LEN_258, 8);
    w.bits(0, 5); // distance code 0: distance 1
  }
  for (let i = 0; i < tail; i++) w.bits(LIT_ZERO, 8);
  w.bits(END_OF_BLOCK, 7);
  return w.done();
}

export interface RawZipEntry {
  name: string;
  /** Entry data as stored (already deflated when method is 8). */
  data: Uint8Array;
  method: 0 | 8;
  /** Declared uncompressed size (may lie). */
  size: number;
  /** CRC-32 to declare; by default the data's own when stored, 0 when deflated (bombs are never inflated here). */
  crc?: number;
}

function crcOf(e: RawZipEntry): number {
  return e.crc ?? (e.method === 0 ? crc32(e.data) : 0);
}

/**
 * A zip archive with the entries exactly as given (CRC-32 as `crcOf` says).
 * `zip64` writes every size and offset through the zip64 extra field and end records.
 */
export function rawZip(entries: RawZipEntry[], zip64 = false): Uint8Array {
  const enc = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, e.method, true);
    lv.setUint32(14, crcOf(e), true);
    lv.setUint32(18, e.data.length, true);
    lv.setUint32(22, e.size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const extra = zip64 ? 28 : 0;
    const central = new Uint8Array(46 + name.length + extra);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 45, true);
    cv.setUint16(6, 45, true);
    cv.setUint16(10, e.method, true);
    cv.setUint32(16, crcOf(e), true);
    cv.setUint32(20, zip64 ? 0xffffffff : e.data.length, true);
    cv.setUint32(24, zip64 ? 0xffffffff : e.size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint16(30, extra, true);
    cv.setUint32(42, zip64 ? 0xffffffff : offset, true);
    central.set(name, 46);
    if (zip64) {
      const x = 46 + name.length;
      cv.setUint16(x, 1, true);
      cv.setUint16(x + 2, 24, true);
      cv.setBigUint64(x + 4, BigInt(e.size), true);
      cv.setBigUint64(x + 12, BigInt(e.data.length), true);
      cv.setBigUint64(x + 20, BigInt(offset), true);
    }
    locals.push(local, e.data);
    centrals.push(central);
    offset += local.length + e.data.length;
  }
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, zip64 ? 0xffff : entries.length, true);
  ev.setUint16(10, zip64 ? 0xffff : entries.length, true);
  ev.setUint32(12, zip64 ? 0xffffffff : cdSize, true);
  ev.setUint32(16, zip64 ? 0xffffffff : offset, true);
  if (!zip64) return concat([...locals, ...centrals, eocd]);
  const end64 = new Uint8Array(56 + 20);
  const zv = new DataView(end64.buffer);
  zv.setUint32(0, 0x06064b50, true);
  zv.setBigUint64(4, 44n, true);
  zv.setUint16(12, 45, true);
  zv.setUint16(14, 45, true);
  zv.setBigUint64(24, BigInt(entries.length), true);
  zv.setBigUint64(32, BigInt(entries.length), true);
  zv.setBigUint64(40, BigInt(cdSize), true);
  zv.setBigUint64(48, BigInt(offset), true);
  zv.setUint32(56, 0x07064b50, true); // locator
  zv.setBigUint64(64, BigInt(offset + cdSize), true);
  zv.setUint32(72, 1, true);
  return concat([...locals, ...centrals, end64, eocd]);
}

/** A gzip member around raw DEFLATE data (CRC left 0). */
export function gzipWrap(deflated: Uint8Array, size: number): Uint8Array {
  const head = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  const tail = new Uint8Array(8);
  new DataView(tail.buffer).setUint32(4, size >>> 0, true);
  return concat([head, deflated, tail]);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
