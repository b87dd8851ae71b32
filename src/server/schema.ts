/**
 * The request row schema, derived from the model's input columns: numbers (or numeric text)
 * for numeric columns, levels for categoricals (numbers and booleans are stringified), every
 * column optional, null = missing, unknown columns allowed (ignored). Compiled once with
 * TypeCompiler; the row encoder remains the final authority on values.
 */
import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { InputColumn, Model } from '../algos/index.ts';
import { BadRequestError } from '../errors.ts';

/** Numeric text as parseNumber reads it (Java's trim of chars <= U+0020 around a decimal). */
const NUMERIC_TEXT = '^[\\u0000-\\u0020]*[+-]?(?:NaN|Infinity|(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)[\\u0000-\\u0020]*$|^$';

function columnSchema(c: InputColumn, lenient: boolean, example: unknown): TSchema {
  if (c.domain !== null) {
    return Type.Optional(
      Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()], {
        description: `categorical: ${c.domain.length} levels${c.domain.length <= 20 ? ` (${c.domain.join(', ')})` : ''}; unseen levels score as missing`,
        example,
      }),
    );
  }
  const text = lenient ? Type.String() : Type.String({ pattern: NUMERIC_TEXT });
  return Type.Optional(Type.Union([Type.Number(), text, Type.Null()], { description: 'numeric (a number or numeric text)', example }));
}

/** One row object; every column optional; unknown columns allowed. */
export function rowSchema(model: Model, lenient: boolean): TObject {
  const example = exampleRow(model);
  const props: Record<string, TSchema> = {};
  for (const c of model.inputs) if (!(c.name in props)) props[c.name] = columnSchema(c, lenient, example[c.name]);
  const offset = model.header.offsetColumn;
  if (offset !== null && !(offset in props)) props[offset] = columnSchema({ name: offset, domain: null }, lenient, 0);
  return Type.Object(props, { additionalProperties: true, example, title: 'Row' });
}

/** An example row from the model itself: the first level of each categorical, 0 for numbers. */
export function exampleRow(model: Model): Record<string, string | number> {
  const row: Record<string, string | number> = {};
  for (const c of model.inputs) if (!(c.name in row)) row[c.name] = c.domain !== null && c.domain.length > 0 ? c.domain[0] : 0;
  return row;
}

/** Compiled strict and lenient checkers plus precise error reporting. */
export class RowValidator {
  private readonly strict: TypeCheck<TObject>;
  private readonly lenient: TypeCheck<TObject>;
  private readonly categorical = new Set<string>();

  constructor(model: Model) {
    this.strict = TypeCompiler.Compile(rowSchema(model, false));
    this.lenient = TypeCompiler.Compile(rowSchema(model, true));
    for (const c of model.inputs) if (c.domain !== null) this.categorical.add(c.name);
  }

  /** Throws INVALID_VALUE naming the row, column and problem when `rec` does not fit the schema. */
  check(rec: Record<string, unknown>, lenient: boolean, row: number): void {
    const checker = lenient ? this.lenient : this.strict;
    if (checker.Check(rec)) return;
    const first = checker.Errors(rec).First();
    const column = first === undefined ? '' : pointerHead(first.path);
    throw new BadRequestError(`row ${row}, column '${column}': ${this.problem(column, rec[column])}`, { row, column }, 'INVALID_VALUE');
  }

  private problem(column: string, v: unknown): string {
    const kind = v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : typeof v;
    if (this.categorical.has(column)) return `a categorical level must be a string, number or boolean, got ${kind}`;
    if (typeof v === 'string') return `'${v.length > 40 ? `${v.slice(0, 40)}…` : v}' is not a number`;
    return `expected a number, got ${kind}`;
  }
}

/** First segment of a JSON pointer ("/a~1b/0" → "a/b"). */
function pointerHead(path: string): string {
  const seg = path.split('/')[1] ?? '';
  return seg.replace(/~1/g, '/').replace(/~0/g, '~');
}
