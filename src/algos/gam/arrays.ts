/**
 * Decoders for the GAM-specific MOJO entries (h2o-genmodel GamMojoReader): ragged 3-D blobs of
 * big-endian doubles or ints (`knots`, `zTranspose`, `_binvD`, `zTransposeCS`,
 * `polynomialBasisList`) and text files whose lines are dealt out over a ragged 2-D array of
 * names (`gam_columns_sorted`, `gamColNamesCenter`, …).
 */
import { MojoFormatError } from '../../errors.ts';
import { ByteReader, splitLines, type MojoSource } from '../../mojo/index.ts';

/** One `rows × cols` matrix of a ragged 3-D array, row-major. */
export interface Mat {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** Shape of a ragged 3-D array: `count` blocks, block i of `rows[i] × cols[i]` cells. */
export interface RaggedDims {
  readonly count: number;
  readonly rows: readonly number[];
  readonly cols: readonly number[];
}

function checkDims(d: RaggedDims, what: string, origin: string): void {
  if (d.rows.length < d.count || d.cols.length < d.count)
    throw new MojoFormatError(`${origin}: ${what} needs ${d.count} dimension entries`);
  for (let i = 0; i < d.count; i++) {
    if (!(d.rows[i] >= 0) || !(d.cols[i] >= 0)) throw new MojoFormatError(`${origin}: ${what} has a negative dimension`);
  }
}

/**
 * The blocks of a ragged 3-D array of big-endian cells, read back to back, each block checked
 * against the bytes left before it is allocated.
 */
function readBlocks<T extends Float64Array | Int32Array>(
  src: MojoSource,
  name: string,
  d: RaggedDims,
  origin: string,
  cell: { bytes: number; make: (n: number) => T; read: (r: ByteReader) => number },
): T[] {
  checkDims(d, name, origin);
  const r = new ByteReader(src.bytes(name), false, `${origin}: ${name}`);
  const out: T[] = [];
  for (let i = 0; i < d.count; i++) {
    const n = d.rows[i] * d.cols[i];
    if (n * cell.bytes > r.remaining)
      throw new MojoFormatError(`${origin}: ${name} is too short for its ${d.rows[i]}x${d.cols[i]} block ${i}`);
    const data = cell.make(n);
    for (let k = 0; k < n; k++) data[k] = cell.read(r);
    out.push(data);
  }
  return out;
}

const DOUBLE_CELL = { bytes: 8, make: (n: number) => new Float64Array(n), read: (r: ByteReader) => r.f64() };
const INT_CELL = { bytes: 4, make: (n: number) => new Int32Array(n), read: (r: ByteReader) => r.i32() };

/** Matrices of doubles, read back to back (`knots`, `zTranspose`, `_binvD`, `zTransposeCS`). */
export function read3DDoubles(src: MojoSource, name: string, d: RaggedDims, origin: string): Mat[] {
  return readBlocks(src, name, d, origin, DOUBLE_CELL).map((data, i) => ({ rows: d.rows[i], cols: d.cols[i], data }));
}

/** The same layout with big-endian int32 cells (`polynomialBasisList`). */
export function read3DInts(src: MojoSource, name: string, d: RaggedDims, origin: string): Int32Array[] {
  return readBlocks(src, name, d, origin, INT_CELL);
}

/**
 * Lines of a text entry (trimmed) dealt into arrays of the given sizes, moving to the next array
 * when the current one is full. More lines than fit is a load error, as in the reference; slots
 * left unfilled stay null.
 */
export function read2DStrings(src: MojoSource, name: string, sizes: readonly number[], origin: string): (string | null)[][] {
  const out: (string | null)[][] = sizes.map((n) => {
    if (!(n >= 0)) throw new MojoFormatError(`${origin}: ${name} has a negative size`);
    return new Array<string | null>(n).fill(null);
  });
  let a = 0;
  let b = 0;
  for (const line of splitLines(src.text(name))) {
    if (a >= out.length) throw new MojoFormatError(`${origin}: ${name} has more lines than its sizes allow`);
    if (b >= out[a].length) {
      a++;
      b = 0;
    }
    if (a >= out.length || b >= out[a].length) throw new MojoFormatError(`${origin}: ${name} has more lines than its sizes allow`);
    out[a][b++] = line.trim();
  }
  return out;
}

/** Line count check for a flat string list read into a fixed-size array (`_names_no_centering`). */
export function checkStringList(src: MojoSource, name: string, size: number, origin: string): void {
  if (splitLines(src.text(name)).length > size) throw new MojoFormatError(`${origin}: ${name} has more than ${size} lines`);
}
