/**
 * The categorical-encoding plan: which encoding h2o's Java wrapper applies to a model
 * (`wrapperEncoding`), the original columns the MOJO records (`readOrigColumns`), and the
 * compiled per-column transformation (`compilePlan`) that `encodeRow` applies to each row.
 * The rules are described in index.ts.
 */
import { MojoFormatError, UnsupportedAlgorithmError } from '../../../errors.ts';
import { splitLines, unescapeNewlines, type MojoHeader, type MojoSource } from '../../../mojo/index.ts';
import type { InputColumn } from '../../model.ts';
import { isInt32 } from '../java-int.ts';

export type CategoricalEncoding = 'AUTO' | 'OneHotExplicit' | 'Binary' | 'EnumLimited' | 'Eigen' | 'LabelEncoder';

const TREE_ALGOS = new Set(['gbm', 'drf', 'isolationforest', 'upliftdrf']);

/** The encoding the Java wrapper applies for this model (throws when it would have none). */
export function wrapperEncoding(h: MojoHeader, origin: string): CategoricalEncoding {
  let minVersion: number;
  let table: Readonly<Record<string, CategoricalEncoding>>;
  if (TREE_ALGOS.has(h.algo)) {
    minVersion = 1.4;
    table = {
      AUTO: 'AUTO',
      Enum: 'AUTO',
      SortByResponse: 'AUTO',
      OneHotExplicit: 'OneHotExplicit',
      Binary: 'Binary',
      EnumLimited: 'EnumLimited',
      Eigen: 'Eigen',
      LabelEncoder: 'LabelEncoder',
    };
  } else if (h.algo === 'deeplearning') {
    minVersion = 1.1;
    table = {
      AUTO: 'AUTO',
      SortByResponse: 'AUTO',
      OneHotInternal: 'AUTO',
      Binary: 'Binary',
      Eigen: 'Eigen',
      LabelEncoder: 'LabelEncoder',
    };
  } else return 'AUTO';
  if (h.mojoVersion < minVersion - 1e-9) return 'AUTO';
  const name = h.info.str('_genmodel_encoding', 'AUTO');
  const enc = Object.hasOwn(table, name) ? table[name] : undefined;
  if (enc === undefined) {
    throw new UnsupportedAlgorithmError(
      `${origin}: ${h.algo} with categorical encoding '${name}' cannot be scored (h2o-genmodel has no input mapping for it)`,
    );
  }
  return enc;
}

/** The original (pre-encoding) columns as recorded in the MOJO. */
export interface OrigColumns {
  names: string[];
  /** Per original column: its levels or null; null when the MOJO records none. */
  domains: (string[] | null)[] | null;
  projection: Float64Array;
}

/** A text entry read line by line the way ModelMojoReader.readStringArray does (unescaped, trimmed). */
function stringArray(src: MojoSource, name: string, n: number, origin: string): string[] {
  if (!src.has(name)) throw new MojoFormatError(`${origin}: ${name} is missing`);
  const lines = splitLines(src.text(name)).map((l) => unescapeNewlines(l).trim());
  if (lines.length !== n) throw new MojoFormatError(`${origin}: ${name} has ${lines.length} entries, model.ini says ${n}`);
  return lines;
}

export function readOrigColumns(src: MojoSource, h: MojoHeader): OrigColumns | null {
  const info = h.info;
  const origin = src.origin;
  if (!info.has('_n_orig_names')) return null;
  const n = info.int('_n_orig_names');
  if (n < 0 || n > 1 << 24) throw new MojoFormatError(`${origin}: _n_orig_names = ${n} is out of range`);
  const names = stringArray(src, '_orig_names', n, origin);
  let domains: (string[] | null)[] | null = null;
  if (info.has('_n_orig_domain_values')) {
    const nd = info.int('_n_orig_domain_values');
    if (nd < 0 || nd > 1 << 24) throw new MojoFormatError(`${origin}: _n_orig_domain_values = ${nd} is out of range`);
    domains = [];
    for (let i = 0; i < nd; i++) {
      const m = info.int(`_m_orig_domain_values_${i}`);
      domains.push(m > 0 ? stringArray(src, `_orig_domain_values_${i}`, m, origin) : null);
    }
  }
  const proj = info.nums('_orig_projection_array');
  return { names, domains, projection: Float64Array.from(proj ?? []) };
}

/** How one original column lands in the encoded row. */
const COPY = 0;
const ONE_HOT = 1;
const BINARY = 2;

/** HashMap-like level table: a later duplicate level overwrites an earlier one. */
function codes(levels: readonly string[], value: (j: number) => number): Map<string, number> {
  const m = new Map<string, number>();
  for (let j = 0; j < levels.length; j++) m.set(levels[j], value(j));
  return m;
}

/** java.lang.Integer.parseInt for ASCII text: the int, or undefined when it would throw. */
export function javaParseInt(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const v = Number(s);
  return isInt32(v) ? v : undefined;
}

/** The compiled transformation: per exposed input column, where and how it is written. */
export interface EncodingPlan {
  readonly encoding: CategoricalEncoding;
  readonly inputs: readonly InputColumn[];
  /** Width of the encoded row (the wrapped model's inputs). */
  readonly width: number;
  readonly kind: Uint8Array;
  readonly target: Int32Array;
  /** One-hot: slot count (levels + NA); binary: bit count. */
  readonly size: Int32Array;
}

/** Number of bits of H2O's binary encoding for a column with `levels` levels. */
function binaryBits(levels: number): number {
  return 32 - Math.clz32(levels);
}

export function compilePlan(
  encoding: CategoricalEncoding,
  h: MojoHeader,
  orig: OrigColumns | null,
  width: number,
  origin: string,
): EncodingPlan {
  if (encoding === 'AUTO') throw new Error('compilePlan: AUTO needs no plan');
  if (orig === null) throw new MojoFormatError(`${origin}: categorical encoding ${encoding} without _orig_names`);
  if (orig.domains === null) throw new MojoFormatError(`${origin}: categorical encoding ${encoding} without _orig_domain_values`);
  const names = orig.names;
  const domains = orig.domains;
  const supervised = h.supervised && names.length > 0 && names[names.length - 1] === h.responseColumn;
  const origCols = supervised ? names.length - 1 : names.length;
  const needDomains = encoding === 'LabelEncoder' ? Math.min(width, h.nfeatures) : origCols;
  if (domains.length < needDomains) {
    throw new MojoFormatError(`${origin}: ${domains.length} original domains for ${needDomains} columns`);
  }
  const inputs: InputColumn[] = [];
  const kind: number[] = [];
  const target: number[] = [];
  const size: number[] = [];
  const add = (col: InputColumn, k: number, t: number, s: number): void => {
    if (t >= width) return; // the wrapper skips columns mapped past the encoded row
    if (k !== COPY && t + s > width)
      throw new MojoFormatError(`${origin}: original column '${col.name}' encodes past the model's ${width} columns`);
    inputs.push(col);
    kind.push(k);
    target.push(t);
    size.push(s);
  };
  if (encoding === 'OneHotExplicit' || encoding === 'Binary') {
    // numeric originals first (in order), then every categorical's block
    const start = new Int32Array(origCols);
    let pos = 0;
    for (let i = 0; i < origCols; i++) if (domains[i] === null) start[i] = pos++;
    for (let i = 0; i < origCols; i++) {
      const d = domains[i];
      if (d === null) continue;
      start[i] = pos;
      pos += encoding === 'Binary' ? binaryBits(d.length) : d.length + 1;
    }
    for (let i = 0; i < origCols; i++) {
      const d = domains[i];
      if (d === null) add({ name: names[i], domain: null }, COPY, start[i], 1);
      else if (encoding === 'OneHotExplicit') {
        add({ name: names[i], domain: d, levelCodes: codes(d, (j) => j), unseenCode: d.length }, ONE_HOT, start[i], d.length + 1);
      } else {
        // code = level index + 1; 0 is the NA code
        add({ name: names[i], domain: d, levelCodes: codes(d, (j) => j + 1), unseenCode: 0 }, BINARY, start[i], binaryBits(d.length));
      }
    }
  } else if (encoding === 'Eigen') {
    let pos = 0;
    for (let i = 0; i < names.length; i++) {
      const d = i < origCols ? domains[i] : null;
      if (d === null) {
        add({ name: names[i], domain: null }, COPY, i, 1);
        continue;
      }
      if (pos + d.length > orig.projection.length)
        throw new MojoFormatError(`${origin}: _orig_projection_array is too short for '${names[i]}'`);
      const p = orig.projection;
      const base = pos;
      pos += d.length;
      add({ name: names[i], domain: d, levelCodes: codes(d, (j) => Math.fround(p[base + j])) }, COPY, i, 1);
    }
  } else if (encoding === 'EnumLimited') {
    for (let i = 0; i < names.length; i++) {
      const d = i < origCols ? domains[i] : null;
      if (d === null) {
        add({ name: names[i], domain: null }, COPY, i, 1);
        continue;
      }
      const kept = i < width ? h.domains[i] : null;
      if (kept === null) {
        if (i >= width) continue;
        throw new MojoFormatError(`${origin}: EnumLimited column '${names[i]}' has no reduced domain`);
      }
      const m = codes(kept, (j) => j);
      const other = m.get('other');
      if (other !== undefined) {
        for (const level of d) if (!m.has(level)) m.set(level, other);
        m.delete('other');
      }
      // the wrapper also accepts "<level>" for a kept level named "<column>.top_<level>_levels"
      const pre = `${names[i]}.top_`;
      const aliases: [string, number][] = [];
      for (const [key, v] of m) {
        if (key.length > pre.length + 7 && key.startsWith(pre) && key.endsWith('_levels')) aliases.push([key.slice(pre.length, -7), v]);
      }
      for (const [a, v] of aliases) if (!m.has(a)) m.set(a, v);
      add({ name: names[i], domain: d, levelCodes: m }, COPY, i, 1);
    }
  } else {
    // LabelEncoder: the model's own column names, the original levels
    const n = Math.min(width, h.nfeatures);
    for (let i = 0; i < h.columns.length; i++) {
      const d = i < n ? domains[i] : null;
      if (d === null) {
        add({ name: h.columns[i], domain: null }, COPY, i, 1);
        continue;
      }
      add({ name: h.columns[i], domain: d, levelCodes: codes(d, (j) => javaParseInt(d[j]) ?? j) }, COPY, i, 1);
    }
  }
  return { encoding, inputs, width, kind: Uint8Array.from(kind), target: Int32Array.from(target), size: Int32Array.from(size) };
}

/** Writes the encoded row for `src` (one value per plan input) into `dst` (plan.width). */
export function encodeRow(plan: EncodingPlan, src: Float64Array, dst: Float64Array): void {
  dst.fill(NaN);
  const { kind, target, size } = plan;
  for (let j = 0; j < kind.length; j++) {
    const v = src[j];
    const t = target[j];
    const k = kind[j];
    if (k === COPY) {
      dst[t] = v;
      continue;
    }
    if (v !== v) continue; // absent: the block stays missing
    const s = size[j];
    if (k === ONE_HOT) {
      for (let i = 0; i < s; i++) dst[t + i] = i === v ? 1 : 0;
    } else {
      let bits = v;
      for (let i = 0; i < s; i++) {
        dst[t + i] = bits & 1;
        bits >>>= 1;
      }
    }
  }
}
