/**
 * The text files of a Target Encoder MOJO (TargetEncoderMojoReader), below
 * `feature_engineering/target_encoding/`:
 * - `encoding_map.ini`: a `[column]` line per encoded column, then `level = numerator denominator`
 *   lines (multiclass: `level = numerator denominator targetClass`);
 * - `te_column_name_to_missing_values_presence.ini`: `column = 0|1` (NAs seen in training);
 * - `input_encoding_columns_map.ini` / `input_output_columns_map.ini`: groups of `[from]` input
 *   columns, `[to]` columns and, for interactions, `[to_domain]` (the interaction's levels).
 */
import { MojoFormatError } from '../../errors.ts';
import { splitLines, type MojoSource } from '../../mojo/index.ts';

export const TE_DIR = 'feature_engineering/target_encoding/';
const SECTION = /\[(.*?)\]/;
/** Java's Double.parseDouble accepts these too; the files only ever hold Double.toString output. */
const DOUBLE = /^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)$/;

/** One encoded column: its entries in file order (level, numerator, denominator[, class]). */
export interface RawEncoding {
  column: string;
  entries: { level: number; values: number[] }[];
}

export function parseEncodingMap(text: string, origin: string): RawEncoding[] {
  const out: RawEncoding[] = [];
  let cur: RawEncoding | null = null;
  for (const raw of splitLines(text)) {
    const line = raw.trim();
    if (line === '') continue;
    const m = SECTION.exec(line);
    if (m !== null || cur === null) {
      cur = { column: m === null ? '' : m[1], entries: [] };
      out.push(cur);
      continue;
    }
    const eq = /^(.*?)\s*=\s*(.*)$/.exec(line);
    if (eq === null || !/^[+-]?\d+$/.test(eq[1])) throw new MojoFormatError(`${origin}: malformed encoding line '${line}'`);
    const values = eq[2].split(' ').map((s) => {
      if (!DOUBLE.test(s)) throw new MojoFormatError(`${origin}: '${s}' is not a number in '${line}'`);
      return Number(s);
    });
    cur.entries.push({ level: Number(eq[1]), values });
  }
  return out;
}

export function parseHasNAs(text: string, origin: string): Map<string, boolean> {
  const m = new Map<string, boolean>();
  for (const raw of splitLines(text)) {
    if (raw.trim() === '') continue;
    const kv = /^(.*?)\s*=\s*(.*)$/.exec(raw);
    if (kv === null || !/^[+-]?\d+$/.test(kv[2].trim())) throw new MojoFormatError(`${origin}: malformed line '${raw}'`);
    m.set(kv[1], Number(kv[2]) === 1);
  }
  return m;
}

export interface ColumnsMapping {
  from: string[];
  to: string[];
  toDomain: string[] | null;
}

export function parseColumnsMapping(text: string, origin: string): ColumnsMapping[] {
  const out: ColumnsMapping[] = [];
  let from: string[] | null = null;
  let to: string[] | null = null;
  let toDomain: string[] | null = null;
  const flush = () => {
    if (from !== null && to !== null) out.push({ from, to, toDomain });
  };
  for (const line of splitLines(text)) {
    if (line === '[from]') {
      flush();
      from = [];
      to = null;
      toDomain = null;
    } else if (line === '[to]') to = [];
    else if (line === '[to_domain]') toDomain = [];
    else if (toDomain !== null) toDomain.push(line);
    else if (to !== null) to.push(line);
    else if (from !== null) from.push(line);
    else throw new MojoFormatError(`${origin}: '${line}' before any [from] section`);
  }
  flush();
  return out;
}

/** Reads a file of the TE folder, or null when the artifact does not have it. */
export function teFile(src: MojoSource, name: string): string | null {
  return src.has(TE_DIR + name) ? src.text(TE_DIR + name) : null;
}
