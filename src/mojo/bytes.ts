/**
 * Bounds-checked sequential reader over a binary MOJO blob. Every read validates the offset so
 * a truncated or corrupt blob fails at load with MOJO_FORMAT, never later while scoring.
 * Java's ByteBuffer defaults to big-endian (readblob arrays); H2O's tree blobs are little-endian.
 */
import { MojoFormatError } from '../errors.ts';

export class ByteReader {
  private readonly view: DataView;
  pos = 0;

  constructor(
    readonly bytes: Uint8Array,
    readonly littleEndian: boolean,
    readonly origin = 'blob',
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }
  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  private need(n: number): number {
    const p = this.pos;
    if (p + n > this.bytes.length) {
      throw new MojoFormatError(`${this.origin}: truncated (need ${n} byte(s) at offset ${p}, length ${this.bytes.length})`);
    }
    this.pos = p + n;
    return p;
  }

  /** Moves to an absolute offset (validated). */
  seek(offset: number): void {
    if (offset < 0 || offset > this.bytes.length) throw new MojoFormatError(`${this.origin}: offset ${offset} out of range`);
    this.pos = offset;
  }
  skip(n: number): void {
    this.need(n);
  }

  u8(): number {
    return this.bytes[this.need(1)];
  }
  i8(): number {
    return this.view.getInt8(this.need(1));
  }
  u16(): number {
    return this.view.getUint16(this.need(2), this.littleEndian);
  }
  i16(): number {
    return this.view.getInt16(this.need(2), this.littleEndian);
  }
  i32(): number {
    return this.view.getInt32(this.need(4), this.littleEndian);
  }
  u32(): number {
    return this.view.getUint32(this.need(4), this.littleEndian);
  }
  /** A 64-bit integer as a JS number; throws when it is beyond 2^53. */
  i64(): number {
    const v = this.view.getBigInt64(this.need(8), this.littleEndian);
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new MojoFormatError(`${this.origin}: 64-bit value ${v} out of range`);
    }
    return Number(v);
  }
  f32(): number {
    return this.view.getFloat32(this.need(4), this.littleEndian);
  }
  f64(): number {
    return this.view.getFloat64(this.need(8), this.littleEndian);
  }
  /** A view (no copy) of the next n bytes. */
  slice(n: number): Uint8Array {
    const p = this.need(n);
    return this.bytes.subarray(p, p + n);
  }
}

/** Reads a big-endian `int size; double[size]` blob (h2o-genmodel's readblobDoubles layout). */
export function readSizedDoubles(bytes: Uint8Array, origin: string): Float64Array {
  const r = new ByteReader(bytes, false, origin);
  const n = r.i32();
  if (n < 0 || n * 8 > r.remaining) throw new MojoFormatError(`${origin}: bad array length ${n}`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = r.f64();
  return out;
}

/** Reads `rows × cols` big-endian doubles (h2o's writeRectangularDoubleArray layout). */
export function readDoubleMatrix(bytes: Uint8Array, rows: number, cols: number, origin: string): Float64Array[] {
  if (bytes.length < rows * cols * 8) throw new MojoFormatError(`${origin}: expected ${rows}x${cols} doubles, got ${bytes.length} bytes`);
  const r = new ByteReader(bytes, false, origin);
  const out: Float64Array[] = [];
  for (let i = 0; i < rows; i++) {
    const row = new Float64Array(cols);
    for (let j = 0; j < cols; j++) row[j] = r.f64();
    out.push(row);
  }
  return out;
}
