/**
 * The request row schema for the OpenAPI document, derived from the model's input columns:
 * numbers (or numeric text) for numeric columns, levels for categoricals (numbers and booleans
 * are stringified), every column optional, null = missing, unknown columns allowed (ignored).
 * Documentation only: requests are checked once, by the row encoder (src/scoring).
 */
import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import type { InputColumn, Model } from '../algos/index.ts';

/** Numeric text as parseNumber reads it (Java's trim of chars <= U+0020 around a decimal), for clients. */
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
  // Null prototypes: a column may be named "constructor" or "__proto__".
  const props: Record<string, TSchema> = Object.create(null);
  for (const c of model.inputs) if (!(c.name in props)) props[c.name] = columnSchema(c, lenient, example[c.name]);
  const offset = model.header.offsetColumn;
  if (offset !== null && !(offset in props)) props[offset] = columnSchema({ name: offset, domain: null }, lenient, 0);
  return Type.Object(props, { additionalProperties: true, example, title: 'Row' });
}

/** An example row from the model itself: the first level of each categorical, 0 for numbers. */
export function exampleRow(model: Model): Record<string, string | number> {
  const row: Record<string, string | number> = Object.create(null);
  for (const c of model.inputs) if (!(c.name in row)) row[c.name] = c.domain !== null && c.domain.length > 0 ? c.domain[0] : 0;
  return row;
}
