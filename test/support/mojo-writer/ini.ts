/**
 * model.ini text as h2o-genmodel parses it: `key = value` lines under [info], column names under
 * [columns], `index: count dNNN.txt` under [domains]. Values are parsed by type sniffing
 * (int, then long, then double, then arrays), so doubles must always look like doubles:
 * `javaDouble` prints them the way Java's Double.toString-based writer would be parsed back.
 */

export type IniValue = string | number | boolean | null | readonly number[] | IniRaw;

/** A value written verbatim (e.g. an int that must not gain ".0", or an int array). */
export interface IniRaw {
  raw: string;
}

export const raw = (s: string): IniRaw => ({ raw: s });
export const int = (n: number): IniRaw => {
  if (!Number.isInteger(n)) throw new RangeError(`not an integer: ${n}`);
  return { raw: String(n) };
};
export const ints = (a: readonly number[]): IniRaw => ({ raw: `[${a.map((n) => int(n).raw).join(', ')}]` });

/** A double in a form Java parses back to the same value and never mistakes for an int. */
export function javaDouble(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (Object.is(x, -0)) return '-0.0';
  const s = String(x); // shortest round-trip representation
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

function formatValue(v: IniValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return javaDouble(v);
  if (typeof v === 'string') {
    if (/[\r\n]/.test(v)) throw new Error(`ini value must be a single line: ${JSON.stringify(v)}`);
    return v;
  }
  if ('raw' in v) return v.raw;
  return `[${(v as readonly number[]).map(javaDouble).join(', ')}]`;
}

export interface IniColumns {
  names: readonly string[];
  /** Per column: its levels, or null for numeric columns. */
  domains: readonly (readonly string[] | null)[];
}

export interface IniDoc {
  /** [info] entries in order; undefined values are skipped. */
  info: readonly (readonly [string, IniValue | undefined])[];
  columns: IniColumns;
}

/** Domain file names in column order of the categorical columns: d000.txt, d001.txt, … */
export function domainFileNames(domains: readonly (readonly string[] | null)[]): Map<number, string> {
  const m = new Map<number, string>();
  let k = 0;
  domains.forEach((d, i) => {
    if (d != null) m.set(i, `d${String(k++).padStart(3, '0')}.txt`);
  });
  return m;
}

export function renderIni(doc: IniDoc): string {
  const lines: string[] = ['[info]'];
  for (const [k, v] of doc.info) if (v !== undefined) lines.push(`${k} = ${formatValue(v)}`);
  lines.push('', '[columns]');
  for (const n of doc.columns.names) {
    if (n.trim() !== n || n === '' || /[\r\n]/.test(n)) throw new Error(`column name not representable in model.ini: ${JSON.stringify(n)}`);
    lines.push(n);
  }
  lines.push('', '[domains]');
  for (const [i, file] of domainFileNames(doc.columns.domains)) lines.push(`${i}: ${doc.columns.domains[i]!.length} ${file}`);
  return `${lines.join('\n')}\n`;
}

/** `domains/dNNN.txt` contents: one level per line, escaped as with escape_domain_values = true. */
export function renderDomain(levels: readonly string[]): string {
  return levels.map((l) => `${l.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}\n`).join('');
}
