/**
 * Fast path of the dense layers: `denseRows` (layers.ts) as a WebAssembly SIMD kernel over the
 * weights, copied once at load into the model's own wasm memory.
 *
 * The eight partial sums of h2o's loop (columns ≡ k mod 8) sit in four f64x2 registers, lanes
 * (0,1) (2,3) (4,5) (6,7); a SIMD lane adds exactly what the scalar sum adds, in the same order,
 * and the fold, the leftover columns and the bias follow `denseRows` operation for operation, so
 * the results are bit for bit the interpreter's. Several rows go together, sharing the input
 * loads. The weights are the widened doubles `denseRows` reads: float32 storage with a widening
 * in the register (half the bytes) measured slower under JavaScriptCore.
 *
 * The module is fixed code, assembled below from named opcodes; no model value enters it (the
 * weights are data in its memory). `denseRows` stays the interpreter behind the same contract:
 * MOJO_SCORER_NO_CODEGEN=1, or a runtime without WebAssembly SIMD (or forbidding its
 * compilation), uses it.
 */
import { codegenDisabled } from '../common/index.ts';

// Core opcodes.
const BLOCK = 0x02;
const LOOP = 0x03;
const END = 0x0b;
const BR = 0x0c;
const BR_IF = 0x0d;
const VOID = 0x40;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const I32_CONST = 0x41;
const F64_CONST = 0x44;
const F64_LOAD = 0x2b;
const F64_STORE = 0x39;
const I32_GE_U = 0x4f;
const I32_ADD = 0x6a;
const I32_AND = 0x71;
const I32_SHL = 0x74;
const F64_ADD = 0xa0;
const F64_MUL = 0xa2;
const I32 = 0x7f;
const F64 = 0x7c;
const V128 = 0x7b;
// SIMD opcodes: the 0xfd prefix, then the opcode as LEB128.
const SIMD = 0xfd;
const V128_LOAD = [SIMD, 0x00];
const V128_CONST = [SIMD, 0x0c];
const F64X2_EXTRACT_LANE = [SIMD, 0x21];
const F64X2_ADD = [SIMD, 0xf0, 0x01];
const F64X2_MUL = [SIMD, 0xf2, 0x01];

// Locals of `dense`: its parameters, then the scratch it declares.
const W = 0; // byte address of the float32 weights, row-major (advances as they are read)
const B = 1; // byte address of the float64 biases (advances by row)
const X = 2; // byte address of the float64 input
const PRE = 3; // byte address of the float64 output (advances by row)
const ROWS = 4;
const COLS = 5;
const R = 6;
const COL = 7;
const XP = 8; // the input address of column COL
const BLOCK_END = 9;
const XL = 10; // input address in the leftover loop
const CL = 11; // column in the leftover loop
/** Weight addresses of the rows that go together (the first is W itself). */
const WROW = [W, 12, 13, 14];
/** Rows scored together at most. */
const MAX_GROUP = 4;
/** Rows per group in the main loop (3 and 4 measured alike, 1 about 15% slower). */
const GROUP = MAX_GROUP;
// v128 partial sums, four per row (lanes (0,1), (2,3), (4,5), (6,7)), then the input pair they multiply.
const ACC = Array.from({ length: 4 * MAX_GROUP }, (_, i) => 15 + i);
const XV = 15 + 4 * MAX_GROUP;
const V = XV + 1; // f64 row sum
/** Local declarations: three groups (count, type). */
const LOCALS = [3, 9, I32, 4 * MAX_GROUP + 1, V128, 1, F64];

const u32 = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};
const i32Const = (n: number): number[] => {
  // Signed LEB128 of a small constant.
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
};
const get = (l: number): number[] => [LOCAL_GET, l];
const set = (l: number): number[] => [LOCAL_SET, l];
const addTo = (l: number, n: number): number[] => [...get(l), I32_CONST, ...i32Const(n), I32_ADD, ...set(l)];
/** memarg: log2 alignment, byte offset. */
const mem = (align: number, offset: number): number[] => [align, ...u32(offset)];
/** `block loop <exit test> <body> br 0 end end`: runs body while the test (leaving an i32) is 0. */
const whileNot = (exit: number[], body: number[]): number[] => [BLOCK, VOID, LOOP, VOID, ...exit, BR_IF, 1, ...body, BR, 0, END, END];

/** acc[4 * row + k] += widen(two weights at `w` + 8k) * XV. */
function mac(row: number, k: number, w: number): number[] {
  const acc = ACC[4 * row + k];
  return [...get(acc), ...get(w), ...V128_LOAD, ...mem(3, 16 * k), ...get(XV), ...F64X2_MUL, ...F64X2_ADD, ...set(acc)];
}

/** ((a.0 + a.1) + b.0) + b.1 for partial sums a = ACC[i], b = ACC[i + 1]: one half of the fold. */
function foldHalf(i: number): number[] {
  const lane = (l: number, n: number): number[] => [...get(ACC[l]), ...F64X2_EXTRACT_LANE, n];
  return [...lane(i, 0), ...lane(i, 1), F64_ADD, ...lane(i + 1, 0), F64_ADD, ...lane(i + 1, 1), F64_ADD];
}

/** Finishes one row from its partial sums ACC[4·row…]: fold, leftover columns (weights at `w`), bias. */
function finishRow(row: number, w: number): number[] {
  return [
    // v = 0; v += (s0+s1+s2+s3); v += (s4+…+s7)
    F64_CONST,
    ...new Array<number>(8).fill(0),
    ...foldHalf(4 * row),
    F64_ADD,
    ...foldHalf(4 * row + 2),
    F64_ADD,
    ...set(V),
    ...get(XP),
    ...set(XL),
    ...get(COL),
    ...set(CL),
    ...whileNot(
      [...get(CL), ...get(COLS), I32_GE_U],
      [
        ...get(V),
        ...get(w),
        F64_LOAD,
        ...mem(3, 0),
        ...get(XL),
        F64_LOAD,
        ...mem(3, 0),
        F64_MUL,
        F64_ADD,
        ...set(V),
        ...addTo(w, 8),
        ...addTo(XL, 8),
        ...addTo(CL, 1),
      ],
    ),
    // pre[r] = v + b[r]
    ...get(PRE),
    ...get(V),
    ...get(B),
    F64_LOAD,
    ...mem(3, 0),
    F64_ADD,
    F64_STORE,
    ...mem(3, 0),
    ...addTo(PRE, 8),
    ...addTo(B, 8),
  ];
}

/**
 * Rows `nrows` at a time while that many remain. Rows scored together share each input load and
 * give the out-of-order core independent sets of sum chains (each partial sum is a serial chain
 * of adds, so one row alone waits on add latency).
 */
function rowGroup(nrows: number): number[] {
  const zero128 = [...V128_CONST, ...new Array<number>(16).fill(0)];
  const starts: number[] = [];
  // Row j's weights start cols * 8 bytes after row j - 1's.
  for (let j = 1; j < nrows; j++) starts.push(...get(WROW[j - 1]), ...get(COLS), I32_CONST, 3, I32_SHL, I32_ADD, ...set(WROW[j]));
  for (let a = 0; a < 4 * nrows; a++) starts.push(...zero128, ...set(ACC[a]));
  const block: number[] = [];
  for (let k = 0; k < 4; k++) {
    block.push(...get(XP), ...V128_LOAD, ...mem(3, 16 * k), ...set(XV));
    for (let j = 0; j < nrows; j++) block.push(...mac(j, k, WROW[j]));
  }
  for (let j = 0; j < nrows; j++) block.push(...addTo(WROW[j], 64));
  block.push(...addTo(XP, 64), ...addTo(COL, 8));
  const finish: number[] = [];
  for (let j = 0; j < nrows; j++) finish.push(...finishRow(j, WROW[j]));
  // The last row's weights end where the next group's begin.
  if (nrows > 1) finish.push(...get(WROW[nrows - 1]), ...set(W));
  // Exit when fewer than nrows rows remain: R + nrows > ROWS, i.e. R + nrows - 1 >= ROWS.
  const exit = [...get(R), I32_CONST, ...i32Const(nrows - 1), I32_ADD, ...get(ROWS), I32_GE_U];
  return whileNot(exit, [
    ...starts,
    I32_CONST,
    0,
    ...set(COL),
    ...get(X),
    ...set(XP),
    ...whileNot([...get(COL), ...get(BLOCK_END), I32_GE_U], block),
    ...finish,
    ...addTo(R, nrows),
  ]);
}

/** dense(w, b, x, pre, rows, cols): pre[r] = w_r · x + b[r], in denseRows' order. */
function denseBody(): number[] {
  return [...LOCALS, ...get(COLS), I32_CONST, ...i32Const(-8), I32_AND, ...set(BLOCK_END), ...rowGroup(GROUP), ...rowGroup(1), END];
}

const section = (id: number, content: number[]): number[] => [id, ...u32(content.length), ...content];
const name = (s: string): number[] => [...u32(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

/** The module: imports memory k.m, exports `dense`. */
function moduleBytes(): Uint8Array<ArrayBuffer> {
  const body = denseBody();
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 6, I32, I32, I32, I32, I32, I32, 0]),
    ...section(2, [1, ...name('k'), ...name('m'), 0x02, 0x00, 1]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('dense'), 0x00, 0]),
    ...section(10, [1, ...u32(body.length), ...body]),
  ]);
}

type DenseFn = (w: number, b: number, x: number, pre: number, rows: number, cols: number) => void;

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is unavailable or forbidden. */
function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = typeof WebAssembly === 'object' ? new WebAssembly.Module(moduleBytes()) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** One dense layer's shape and values, as `denseRows` takes them. */
export interface DenseLayerValues {
  readonly w: Float64Array;
  readonly b: Float64Array;
  readonly outSize: number;
  readonly inSize: number;
}

const PAGE = 65536;
const ALIGN = 16;
const align = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;

/**
 * A model's dense layers in one wasm memory: their float32 weights and biases, one input and one
 * output buffer. `forward(i, x, pre)` is `denseRows` of layer i.
 */
export class WasmDense {
  private readonly dense: DenseFn;
  private readonly wAt: Int32Array;
  private readonly bAt: Int32Array;
  private readonly rows: Int32Array;
  private readonly cols: Int32Array;
  private readonly xAt: number;
  private readonly preAt: number;
  private readonly xView: Float64Array;
  private readonly heap: Float64Array;

  private constructor(mod: WebAssembly.Module, layers: readonly (DenseLayerValues | null)[]) {
    const n = layers.length;
    this.wAt = new Int32Array(n);
    this.bAt = new Int32Array(n);
    this.rows = new Int32Array(n);
    this.cols = new Int32Array(n);
    let at = 0;
    let maxIn = 0;
    let maxOut = 0;
    for (let i = 0; i < n; i++) {
      const L = layers[i];
      if (L === null) continue;
      this.rows[i] = L.outSize;
      this.cols[i] = L.inSize;
      this.wAt[i] = at;
      at = align(at + 8 * L.w.length);
      this.bAt[i] = at;
      at = align(at + 8 * L.b.length);
      maxIn = Math.max(maxIn, L.inSize);
      maxOut = Math.max(maxOut, L.outSize);
    }
    this.xAt = at;
    at = align(at + 8 * maxIn);
    this.preAt = at;
    at = align(at + 8 * maxOut);
    const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(at / PAGE)) });
    const buf = memory.buffer;
    for (let i = 0; i < n; i++) {
      const L = layers[i];
      if (L === null) continue;
      new Float64Array(buf, this.wAt[i], L.w.length).set(L.w);
      new Float64Array(buf, this.bAt[i], L.b.length).set(L.b);
    }
    // The memory never grows, so these views stay attached.
    this.xView = new Float64Array(buf, this.xAt, maxIn);
    this.heap = new Float64Array(buf, this.preAt, maxOut);
    const inst = new WebAssembly.Instance(mod, { k: { m: memory } });
    this.dense = inst.exports.dense as DenseFn;
  }

  /**
   * The kernel for the given layers (null entries: layers it will not be asked about), or null
   * when code generation is off or WebAssembly SIMD is unavailable (use `denseRows`).
   */
  static build(layers: readonly (DenseLayerValues | null)[], allowCodegen = !codegenDisabled()): WasmDense | null {
    if (!allowCodegen) return null;
    const mod = kernelModule();
    if (mod === null) return null;
    try {
      return new WasmDense(mod, layers);
    } catch {
      return null;
    }
  }

  /** pre[r] = w_r · x + b[r] for layer i (x: its inSize inputs; pre: its outSize outputs). */
  forward(i: number, x: Float64Array, pre: Float64Array): void {
    const cols = this.cols[i];
    const rows = this.rows[i];
    const xv = this.xView;
    for (let c = 0; c < cols; c++) xv[c] = x[c];
    this.dense(this.wAt[i], this.bAt[i], this.xAt, this.preAt, rows, cols);
    const h = this.heap;
    for (let r = 0; r < rows; r++) pre[r] = h[r];
  }
}
