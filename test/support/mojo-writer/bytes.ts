/**
 * A growable little-endian byte sink. h2o-genmodel reads tree blobs with the platform's native
 * byte order, which is little-endian on every machine H2O supports (model.ini says
 * `endianness = LITTLE_ENDIAN`), so everything here is written little-endian.
 */
export class ByteSink {
  private buf = new Uint8Array(64);
  private view = new DataView(this.buf.buffer);
  private len = 0;

  get length(): number {
    return this.len;
  }

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): this {
    checkUnsigned(v, 8);
    this.room(1);
    this.buf[this.len++] = v;
    return this;
  }

  u16(v: number): this {
    checkUnsigned(v, 16);
    this.room(2);
    this.view.setUint16(this.len, v, true);
    this.len += 2;
    return this;
  }

  u24(v: number): this {
    checkUnsigned(v, 24);
    this.room(3);
    this.buf[this.len] = v & 0xff;
    this.buf[this.len + 1] = (v >>> 8) & 0xff;
    this.buf[this.len + 2] = (v >>> 16) & 0xff;
    this.len += 3;
    return this;
  }

  i32(v: number): this {
    if (!Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) throw new RangeError(`not an int32: ${v}`);
    this.room(4);
    this.view.setInt32(this.len, v, true);
    this.len += 4;
    return this;
  }

  u32(v: number): this {
    checkUnsigned(v, 32);
    this.room(4);
    this.view.setUint32(this.len, v, true);
    this.len += 4;
    return this;
  }

  /** A signed 64-bit integer (XGBoost writes string and vector lengths as uint64). */
  i64(v: number): this {
    if (!Number.isSafeInteger(v)) throw new RangeError(`not a safe integer: ${v}`);
    this.room(8);
    this.view.setBigInt64(this.len, BigInt(v), true);
    this.len += 8;
    return this;
  }

  /** IEEE-754 single precision (the value is rounded to float32). */
  f32(v: number): this {
    this.room(4);
    this.view.setFloat32(this.len, v, true);
    this.len += 4;
    return this;
  }

  f64(v: number): this {
    this.room(8);
    this.view.setFloat64(this.len, v, true);
    this.len += 8;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.room(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }

  /** A copy of what has been written. */
  toBytes(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** Big-endian doubles, as h2o's ByteBuffer (writeblob of a double array) writes them. */
export function beDoubles(values: readonly number[]): Uint8Array {
  return bigEndian(values, 8, (v, at, x) => v.setFloat64(at, x, false));
}

/** Big-endian floats. */
export function beFloats(values: readonly number[]): Uint8Array {
  return bigEndian(values, 4, (v, at, x) => v.setFloat32(at, x, false));
}

/** Big-endian 32-bit ints. */
export function beInts(values: readonly number[]): Uint8Array {
  return bigEndian(values, 4, (v, at, x) => v.setInt32(at, x, false));
}

/** Big-endian `int n; double[n]` (h2o's writeblob of a sized double array). */
export function sizedBeDoubles(values: readonly number[]): Uint8Array {
  const out = new Uint8Array(4 + 8 * values.length);
  new DataView(out.buffer).setInt32(0, values.length, false);
  out.set(beDoubles(values), 4);
  return out;
}

function bigEndian(values: readonly number[], width: number, put: (v: DataView, at: number, x: number) => void): Uint8Array {
  const out = new Uint8Array(values.length * width);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) put(view, i * width, values[i]);
  return out;
}

function checkUnsigned(v: number, bits: number): void {
  if (!Number.isInteger(v) || v < 0 || v >= 2 ** bits) throw new RangeError(`not a u${bits}: ${v}`);
}
