/**
 * A model's object-row encoder as generated code: one straight-line read per model column
 * (`rec[k3]`, the name passed in as a closure value, never written into the source), so each
 * read is a property access the engine caches per row shape, instead of a for-in over the
 * row's keys that resolves every key to its slot. It answers only rows it can encode exactly
 * as the RowEncoder's general loop would: a plain object (or a prototype-less one) with a key
 * for every column (the offset column may be left out) and no other, every value a plain
 * decimal, a level, a number for a numeric column, empty or null. For anything else (columns
 * left out, padding, "NaN", hex floats, wrong types, unknown keys, keys whose value is
 * undefined, class instances) it answers `undefined` and the general loop encodes the row, with
 * its messages and errors. The source holds only validated slot indices.
 *
 * The key check counts the values read against `Object.keys(rec).length`: on a plain object the
 * two agree exactly when every own enumerable key is a column with a value, the keys for-in
 * visits. (An own non-enumerable property named like a column, beside an unknown key, is the
 * one case the count cannot see: for-in would skip it.)
 */
import { indexLit } from '../algos/index.ts';
import { quickNumber } from './parse-number.ts';

/** Encodes `rec` into `raw` and returns its offset, or undefined when the general loop must encode it. */
export type ObjectRowEncode = (rec: Record<string, unknown>, raw: Float64Array) => number | undefined;

/** Beyond this many columns the general loop is used (a row of hundreds of keys is a dictionary: no shape to cache). */
const MAX_COMPILED_OBJECT_COLUMNS = 128;

/** How one column's value is read, as the general loop's plan for its text. */
export type ColumnRead =
  /** Numeric: text must be a plain decimal (quickNumber), numbers taken as they are. */
  | { readonly kind: 'number'; readonly name: string; readonly slot: number }
  /** Numeric with texts that read as missing. */
  | { readonly kind: 'number-or-missing'; readonly name: string; readonly slot: number; readonly missing: ReadonlySet<string> }
  /** Categorical: text is looked up (`table` first when there is one, then `level`); numbers go to the general loop. */
  | {
      readonly kind: 'level';
      readonly name: string;
      readonly slot: number;
      readonly table: Readonly<Record<string, number | undefined>> | null;
    }
  /** The offset column: a number or a plain decimal text. */
  | { readonly kind: 'offset'; readonly name: string };

/**
 * The generated encoder for these column reads (each name once); `unread` are the input slots
 * no name reaches (a repeated column name), always missing. Throws when code generation fails.
 */
export function compileObjectEncoder(
  reads: readonly ColumnRead[],
  unread: readonly number[],
  level: (slot: number, text: string) => number,
): ObjectRowEncode {
  if (reads.length > MAX_COMPILED_OBJECT_COLUMNS) throw new Error('codegen: too many input columns');
  const params: string[] = ['P', 'G', 'K', 'Q', 'L'];
  const args: unknown[] = [Object.prototype, Object.getPrototypeOf, Object.keys, quickNumber, level];
  // Rows that leave columns out go to the general loop before any read: each read then sees the
  // one shape of complete rows (rows of many shapes would make every read a megamorphic look-up).
  // (The offset column may be left out.)
  const all = indexLit(reads.length);
  const some = reads.some((r) => r.kind === 'offset') ? indexLit(reads.length - 1) : all;
  let body = `const p = G(rec);\nif (p !== P && p !== null) return undefined;\nconst c = K(rec).length;\nif (c !== ${all} && c !== ${some}) return undefined;\nlet v, x, n = 0, off = 0;\n`;
  // An absent key is missing; null is a missing value of a key the row has; any other type is the general loop's.
  const rest = 'else if (v === undefined) x = NaN;\nelse if (v === null) {\nx = NaN;\nn++;\n} else return undefined;\n';
  for (let i = 0; i < reads.length; i++) {
    const r = reads[i];
    const k = `k${indexLit(i)}`;
    params.push(k);
    args.push(r.name);
    body += `v = rec[${k}];\n`;
    switch (r.kind) {
      case 'number':
        body += 'if (typeof v === "string") {\nx = Q(v);\nif (x !== x && v !== "") return undefined;\nn++;\n}\n';
        body += `else if (typeof v === "number") {\nx = v;\nn++;\n}\n${rest}raw[${indexLit(r.slot)}] = x;\n`;
        break;
      case 'number-or-missing': {
        const m = `m${indexLit(i)}`;
        params.push(m);
        args.push(r.missing);
        body += `if (typeof v === "string") {\nif (v === "" || ${m}.has(v)) x = NaN;\nelse {\nx = Q(v);\nif (x !== x) return undefined;\n}\nn++;\n}\n`;
        body += `else if (typeof v === "number") {\nx = v;\nn++;\n}\n${rest}raw[${indexLit(r.slot)}] = x;\n`;
        break;
      }
      case 'level': {
        const s = indexLit(r.slot);
        let lookUp = `x = L(${s}, v);\n`;
        if (r.table !== null) {
          const t = `t${indexLit(i)}`;
          params.push(t);
          args.push(r.table);
          lookUp = `x = ${t}[v];\nif (x === undefined) x = L(${s}, v);\n`;
        }
        body += `if (typeof v === "string") {\nif (v === "") x = NaN;\nelse {\n${lookUp}}\nn++;\n}\n${rest}raw[${s}] = x;\n`;
        break;
      }
      case 'offset':
        body += 'if (typeof v === "string") {\nif (v !== "") {\noff = Q(v);\nif (off !== off) return undefined;\n}\nn++;\n}\n';
        body +=
          'else if (typeof v === "number") {\noff = v;\nn++;\n}\nelse if (v === null) n++;\nelse if (v !== undefined) return undefined;\n';
        break;
      default:
        throw new Error('codegen: unknown column read');
    }
  }
  for (const s of unread) body += `raw[${indexLit(s)}] = NaN;\n`;
  // Every own enumerable key must be a column read above: otherwise the general loop collects the unknown keys.
  body += 'if (n !== c) return undefined;\nreturn off === off ? off : 0;\n';
  const factory = new Function(...params, `return function encodeObjectRow(rec, raw) {\n${body}};`) as (...a: unknown[]) => ObjectRowEncode;
  return factory(...args);
}
