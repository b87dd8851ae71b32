/**
 * Typed access to `[info]` values, following how h2o-genmodel reads them: the literal `null`
 * means absent; arrays are written `[a, b, c]`.
 */
import { MojoFormatError } from '../errors.ts';

const NUMBER = /^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)$/;

export class ModelInfo {
  constructor(
    private readonly raw: ReadonlyMap<string, string>,
    private readonly origin: string,
  ) {}

  has(key: string): boolean {
    const v = this.raw.get(key);
    return v !== undefined && v !== 'null';
  }

  /** The raw string, or `def` when absent / `null`. */
  str(key: string): string | undefined;
  str(key: string, def: string): string;
  str(key: string, def?: string): string | undefined {
    const v = this.raw.get(key);
    return v === undefined || v === 'null' ? def : v;
  }

  private fail(key: string, what: string): never {
    throw new MojoFormatError(`${this.origin}: [info] ${key} = '${this.raw.get(key)}' is not ${what}`);
  }

  num(key: string, def?: number): number {
    const v = this.str(key);
    if (v === undefined) {
      if (def === undefined) throw new MojoFormatError(`${this.origin}: [info] ${key} is missing`);
      return def;
    }
    const t = v.trim();
    if (!NUMBER.test(t)) this.fail(key, 'a number');
    return Number(t);
  }

  int(key: string, def?: number): number {
    const n = this.num(key, def);
    if (!Number.isInteger(n)) this.fail(key, 'an integer');
    return n;
  }

  bool(key: string, def = false): boolean {
    const v = this.str(key);
    if (v === undefined) return def;
    if (v === 'true') return true;
    if (v === 'false') return false;
    return this.fail(key, 'true/false');
  }

  /** `[1.0, 2.5]` → [1, 2.5]; absent → undefined. */
  nums(key: string): number[] | undefined {
    const v = this.str(key);
    if (v === undefined) return undefined;
    if (!(v.startsWith('[') && v.endsWith(']'))) this.fail(key, 'an array');
    const body = v.slice(1, -1).trim();
    if (body === '') return [];
    return body.split(',').map((p) => {
      const t = p.trim();
      if (!NUMBER.test(t)) this.fail(key, 'an array of numbers');
      return Number(t);
    });
  }

  /** `[a, b]` → ['a', 'b'] (elements trimmed); absent → undefined. */
  strs(key: string): string[] | undefined {
    const v = this.str(key);
    if (v === undefined) return undefined;
    if (!(v.startsWith('[') && v.endsWith(']'))) this.fail(key, 'an array');
    const body = v.slice(1, -1).trim();
    return body === '' ? [] : body.split(',').map((p) => p.trim());
  }

  keys(): IterableIterator<string> {
    return this.raw.keys();
  }
}
