/**
 * Zip reader (PKWARE APPNOTE): the central directory is read once; an entry is inflated only
 * when asked for, into a buffer of its declared size, and inflation stops as soon as the data
 * runs past that size. fflate's unzipSync would inflate every entry up front, so a zip bomb in
 * an entry nobody reads would still cost its full size. Every entry read is checked against
 * its CRC-32 from the central directory, so a changed byte is MOJO_FORMAT, never a changed score.
 */
import { Inflate, inflateSync } from 'fflate';
import { MojoFormatError, ScorerError } from '../errors.ts';
import { crc32 } from './crc32.ts';
import type { LoadBudget } from './limits.ts';

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  /** Declared uncompressed size. */
  readonly size: number;
  readonly localHeaderOffset: number;
  /** CRC-32 of the uncompressed data, from the central directory. */
  readonly crc: number;
}

const EOCD_SIG = 0x06054b50;
const EOCD_LEN = 22;
const MAX_COMMENT = 0xffff;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const CENTRAL_LEN = 46;
const LOCAL_SIG = 0x04034b50;
const LOCAL_LEN = 30;
const ZIP64_EXTRA_ID = 0x0001;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;
const FLAG_ENCRYPTED = 1;
const FLAG_UTF8 = 1 << 11;
const STORED = 0;
const DEFLATED = 8;
/** Compressed bytes handed to the inflater per step; bounds the output of one step (~1000x). */
const INFLATE_STEP = 64 * 1024;

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

function u64(view: DataView, off: number, origin: string): number {
  const v = view.getBigUint64(off, true);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new MojoFormatError(`${origin}: corrupt zip (64-bit field out of range)`);
  return Number(v);
}

function findEocd(view: DataView, origin: string): number {
  const stop = Math.max(0, view.byteLength - EOCD_LEN - MAX_COMMENT);
  for (let off = view.byteLength - EOCD_LEN; off >= stop; off--) if (view.getUint32(off, true) === EOCD_SIG) return off;
  throw new MojoFormatError(`${origin}: not a readable zip archive (no end of central directory)`);
}

/** Reads the central directory: name → entry (directories left out, last duplicate wins). */
export function readZipDirectory(bytes: Uint8Array, origin: string): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEocd(view, origin);
  let count = view.getUint16(eocd + 10, true);
  let cdSize = view.getUint32(eocd + 12, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  if (count === U16_MAX || cdSize === U32_MAX || cdOffset === U32_MAX) {
    const loc = eocd - 20;
    if (loc < 0 || view.getUint32(loc, true) !== ZIP64_LOCATOR_SIG) throw new MojoFormatError(`${origin}: corrupt zip64 directory`);
    const z = u64(view, loc + 8, origin);
    if (z + 56 > bytes.length || view.getUint32(z, true) !== ZIP64_EOCD_SIG)
      throw new MojoFormatError(`${origin}: corrupt zip64 directory`);
    count = u64(view, z + 32, origin);
    cdSize = u64(view, z + 40, origin);
    cdOffset = u64(view, z + 48, origin);
  }
  if (cdOffset + cdSize > bytes.length || count * CENTRAL_LEN > cdSize) {
    throw new MojoFormatError(`${origin}: corrupt zip (central directory out of bounds)`);
  }
  const entries = new Map<string, ZipEntry>();
  let off = cdOffset;
  for (let i = 0; i < count; i++) {
    if (off + CENTRAL_LEN > cdOffset + cdSize || view.getUint32(off, true) !== CENTRAL_SIG) {
      throw new MojoFormatError(`${origin}: corrupt zip (central directory entry ${i})`);
    }
    const flags = view.getUint16(off + 8, true);
    const method = view.getUint16(off + 10, true);
    const crc = view.getUint32(off + 16, true);
    let compressedSize = view.getUint32(off + 20, true);
    let size = view.getUint32(off + 24, true);
    const nameLen = view.getUint16(off + 28, true);
    const extraLen = view.getUint16(off + 30, true);
    const commentLen = view.getUint16(off + 32, true);
    let localHeaderOffset = view.getUint32(off + 42, true);
    const nameStart = off + CENTRAL_LEN;
    const extraEnd = nameStart + nameLen + extraLen;
    if (extraEnd + commentLen > cdOffset + cdSize) throw new MojoFormatError(`${origin}: corrupt zip (central directory entry ${i})`);
    const raw = bytes.subarray(nameStart, nameStart + nameLen);
    const name = (flags & FLAG_UTF8 ? utf8 : latin1).decode(raw);
    for (let x = nameStart + nameLen; x + 4 <= extraEnd; ) {
      const id = view.getUint16(x, true);
      const len = view.getUint16(x + 2, true);
      if (id === ZIP64_EXTRA_ID) {
        let p = x + 4;
        const end = Math.min(p + len, extraEnd);
        if (size === U32_MAX && p + 8 <= end) {
          size = u64(view, p, origin);
          p += 8;
        }
        if (compressedSize === U32_MAX && p + 8 <= end) {
          compressedSize = u64(view, p, origin);
          p += 8;
        }
        if (localHeaderOffset === U32_MAX && p + 8 <= end) localHeaderOffset = u64(view, p, origin);
      }
      x += 4 + len;
    }
    if (!name.endsWith('/')) entries.set(name, { name, method, flags, compressedSize, size, localHeaderOffset, crc });
    off = extraEnd + commentLen;
  }
  return entries;
}

/** The bytes of one entry, after reserving its declared size in `budget`, checked against its CRC-32. */
export function readZipEntry(bytes: Uint8Array, e: ZipEntry, budget: LoadBudget, origin: string): Uint8Array {
  const out = entryBytes(bytes, e, budget, origin);
  if (crc32(out) !== e.crc) throw new MojoFormatError(`${origin}: zip entry '${e.name}' fails its CRC-32 check (the file is corrupt)`);
  return out;
}

function entryBytes(bytes: Uint8Array, e: ZipEntry, budget: LoadBudget, origin: string): Uint8Array {
  const fail = (why: string): never => {
    throw new MojoFormatError(`${origin}: zip entry '${e.name}' ${why}`);
  };
  if (e.flags & FLAG_ENCRYPTED) fail('is encrypted');
  if (e.method !== STORED && e.method !== DEFLATED) fail(`uses unsupported compression method ${e.method}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const h = e.localHeaderOffset;
  if (h + LOCAL_LEN > bytes.length || view.getUint32(h, true) !== LOCAL_SIG) fail('has a corrupt local header');
  const start = h + LOCAL_LEN + view.getUint16(h + 26, true) + view.getUint16(h + 28, true);
  if (start + e.compressedSize > bytes.length) fail('is truncated');
  const data = bytes.subarray(start, start + e.compressedSize);
  budget.reserve(e.name, e.size);
  if (e.method === STORED) {
    if (e.compressedSize !== e.size) fail('is stored with inconsistent sizes');
    return data;
  }
  if (data.length <= INFLATE_STEP) return inflateWhole(data, e, fail, origin);
  const out = new Uint8Array(e.size);
  let at = 0;
  const inflater = new Inflate((chunk) => {
    if (at + chunk.length > out.length) fail(`inflates to more than its declared ${e.size} bytes`);
    out.set(chunk, at);
    at += chunk.length;
  });
  try {
    for (let i = 0; i < data.length; i += INFLATE_STEP) {
      budget.checkDeadline();
      inflater.push(data.subarray(i, i + INFLATE_STEP), i + INFLATE_STEP >= data.length);
    }
    if (data.length === 0) inflater.push(data, true);
  } catch (cause) {
    if (cause instanceof ScorerError) throw cause;
    throw new MojoFormatError(`${origin}: zip entry '${e.name}' is not valid deflate data (${(cause as Error).message})`, { cause });
  }
  if (at !== out.length) fail(`inflates to ${at} bytes, not its declared ${e.size}`);
  return out;
}

/**
 * An entry of one inflate step, inflated in one call straight into a buffer of its declared
 * size plus one spare byte (filled only by an entry that runs past its size). fflate's
 * streaming inflater would first allocate a 32 KB window and grow and copy its output for
 * each entry, which for the hundreds of small entries of a tree model was most of the time
 * spent reading it. A fixed buffer never grows, so the bound on the work of one step holds.
 */
function inflateWhole(data: Uint8Array, e: ZipEntry, fail: (why: string) => never, origin: string): Uint8Array {
  const out = new Uint8Array(e.size + 1);
  let got: Uint8Array;
  try {
    got = inflateSync(data, { out });
  } catch (cause) {
    // A stored block past the end of `out` cannot be copied into it.
    if (cause instanceof RangeError) fail(`inflates to more than its declared ${e.size} bytes`);
    throw new MojoFormatError(`${origin}: zip entry '${e.name}' is not valid deflate data (${(cause as Error).message})`, { cause });
  }
  if (got.length > e.size) fail(`inflates to more than its declared ${e.size} bytes`);
  if (got.length !== e.size) fail(`inflates to ${got.length} bytes, not its declared ${e.size}`);
  return out.subarray(0, e.size);
}
