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

function dims(first: number, second: readonly number[], third: readonly number[], what: string, origin: string): void {
  if (second.length < first || third.length < first) throw new MojoFormatError(`${origin}: ${what} needs ${first} dimension entries`);
  for (let i = 0; i < first; i++) {
    if (!(second[i] >= 0) || !(third[i] >= 0)) throw new MojoFormatError(`${origin}: ${what} has a negative dimension`);
  }
}

/** `first` matrices of `second[i] × third[i]` doubles, read back to back. */
export function read3DDoubles(
  src: MojoSource,
  name: string,
  first: number,
  second: readonly number[],
  third: readonly number[],
  origin: string,
): Mat[] {
  dims(first, second, third, name, origin);
  const r = new ByteReader(src.bytes(name), false, `${origin}: ${name}`);
  const out: Mat[] = [];
  for (let i = 0; i < first; i++) {
    const rows = second[i];
    const cols = third[i];
    if (rows * cols * 8 > r.remaining) throw new MojoFormatError(`${origin}: ${name} is too short for its ${rows}x${cols} block ${i}`);
    const data = new Float64Array(rows * cols);
    for (let k = 0; k < data.length; k++) data[k] = r.f64();
    out.push({ rows, cols, data });
  }
  return out;
}

/** Same layout with big-endian int32 cells (`polynomialBasisList`). */
export function read3DInts(
  src: MojoSource,
  name: string,
  first: number,
  second: readonly number[],
  third: readonly number[],
  origin: string,
): Int32Array[] {
  dims(first, second, third, name, origin);
  const r = new ByteReader(src.bytes(name), false, `${origin}: ${name}`);
  const out: Int32Array[] = [];
  for (let i = 0; i < first; i++) {
    const n = second[i] * third[i];
    if (n * 4 > r.remaining) throw new MojoFormatError(`${origin}: ${name} is too short for block ${i}`);
    const data = new Int32Array(n);
    for (let k = 0; k < n; k++) data[k] = r.i32();
    out.push(data);
  }
  return out;
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
