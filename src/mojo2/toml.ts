/**
 * The TOML subset of MOJO2 `pipeline.toml` files (DAI 1.0–1.4): `key = value` lines, `[table]`
 * and `[[array-of-tables]]` headers, strings in single or double quotes, numbers, booleans,
 * nested arrays spanning lines, and a bare date-time (kept as text). Not strict TOML: Python's
 * `None` appears as a bare word inside arrays and is read as null (missing).
 */
import { MojoFormatError } from '../errors.ts';

export type TomlValue = string | number | boolean | null | TomlValue[];
export type TomlTable = Map<string, TomlValue>;

export interface TomlDocument {
  /** Keys before the first header. */
  readonly root: TomlTable;
  /** `[name]` tables. */
  readonly tables: ReadonlyMap<string, TomlTable>;
  /** `[[name]]` arrays of tables, in file order. */
  readonly arrays: ReadonlyMap<string, TomlTable[]>;
}

/** Deepest array nesting accepted (the files use 3: a map of key and value lists). */
const MAX_DEPTH = 8;

class Cursor {
  pos = 0;
  constructor(
    readonly text: string,
    readonly origin: string,
  ) {}

  fail(what: string): never {
    const line = this.text.slice(0, this.pos).split('\n').length;
    throw new MojoFormatError(`${this.origin}: line ${line}: ${what}`);
  }

  /** Skips spaces, tabs and (when `newlines`) line ends and comments. */
  skip(newlines: boolean): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (newlines && c === '\n') this.pos++;
      else if (c === '#') while (this.pos < t.length && t[this.pos] !== '\n') this.pos++;
      else break;
    }
  }

  value(depth: number): TomlValue {
    this.skip(false);
    const t = this.text;
    const c = t[this.pos];
    if (c === '[') return this.array(depth + 1);
    if (c === "'" || c === '"') return this.string(c);
    const start = this.pos;
    while (this.pos < t.length && !/[,\]\n\r#]/.test(t[this.pos])) this.pos++;
    const word = t.slice(start, this.pos).trim();
    if (word === '') this.fail('a value is missing');
    if (word === 'None') return null;
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'nan' || word === '+nan' || word === '-nan') return Number.NaN;
    if (word === 'inf' || word === '+inf') return Number.POSITIVE_INFINITY;
    if (word === '-inf') return Number.NEGATIVE_INFINITY;
    if (/^[+-]?(\d[\d_]*)(\.\d[\d_]*)?([eE][+-]?\d+)?$/.test(word)) return Number(word.replace(/_/g, ''));
    // A bare date-time (time_created) is informational: kept as text.
    if (/^\d{4}-\d\d-\d\d[T ][\d:.+-Z]*$/.test(word)) return word;
    this.fail(`cannot read value '${word.slice(0, 40)}'`);
  }

  private string(q: string): string {
    const t = this.text;
    this.pos++;
    let out = '';
    while (true) {
      if (this.pos >= t.length || t[this.pos] === '\n') this.fail('unterminated string');
      const c = t[this.pos++];
      if (c === q) return out;
      if (c === '\\' && q === '"') {
        const e = t[this.pos++];
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', b: '\b', f: '\f' };
        if (e in simple) out += simple[e];
        else if (e === 'u' || e === 'U') {
          const n = e === 'u' ? 4 : 8;
          const hex = t.slice(this.pos, this.pos + n);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) this.fail('bad unicode escape');
          const cp = Number.parseInt(hex, 16);
          if (cp > 0x10ffff) this.fail('bad unicode escape');
          out += String.fromCodePoint(cp);
          this.pos += n;
        } else this.fail('bad escape');
      } else out += c;
    }
  }

  private array(depth: number): TomlValue[] {
    if (depth > MAX_DEPTH) this.fail('arrays nested too deeply');
    this.pos++; // [
    const out: TomlValue[] = [];
    while (true) {
      this.skip(true);
      if (this.pos >= this.text.length) this.fail('unterminated array');
      if (this.text[this.pos] === ']') {
        this.pos++;
        return out;
      }
      out.push(this.value(depth));
      this.skip(true);
      const c = this.text[this.pos];
      if (c === ',') this.pos++;
      else if (c !== ']') this.fail('expected , or ] in an array');
    }
  }
}

/** Parses a pipeline.toml text; `origin` names it in errors. */
export function parseToml(text: string, origin: string): TomlDocument {
  const cur = new Cursor(text, origin);
  const root: TomlTable = new Map();
  const tables = new Map<string, TomlTable>();
  const arrays = new Map<string, TomlTable[]>();
  let current = root;
  while (true) {
    cur.skip(true);
    if (cur.pos >= text.length) break;
    if (text[cur.pos] === '[') {
      const double = text[cur.pos + 1] === '[';
      const close = text.indexOf(double ? ']]' : ']', cur.pos);
      const eol = text.indexOf('\n', cur.pos);
      if (close < 0 || (eol >= 0 && close > eol)) cur.fail('unterminated table header');
      const name = text.slice(cur.pos + (double ? 2 : 1), close).trim();
      cur.pos = close + (double ? 2 : 1);
      current = new Map();
      if (double) {
        let list = arrays.get(name);
        if (list === undefined) arrays.set(name, (list = []));
        list.push(current);
      } else {
        if (tables.has(name)) cur.fail(`table [${name}] defined twice`);
        tables.set(name, current);
      }
      continue;
    }
    const eq = text.indexOf('=', cur.pos);
    const eol = text.indexOf('\n', cur.pos);
    if (eq < 0 || (eol >= 0 && eq > eol)) cur.fail('expected key = value');
    let key = text.slice(cur.pos, eq).trim();
    if (/^(['"]).*\1$/.test(key)) key = key.slice(1, -1);
    if (key === '') cur.fail('empty key');
    cur.pos = eq + 1;
    const v = cur.value(0);
    if (current.has(key)) cur.fail(`key '${key}' defined twice`);
    current.set(key, v);
    cur.skip(false);
    if (cur.pos < text.length && text[cur.pos] !== '\n') cur.fail('unexpected text after a value');
  }
  return { root, tables, arrays };
}
