/**
 * The request row schema for the OpenAPI document, derived from the model's input columns:
 * numeric columns are numbers (nullable), categoricals list their levels as an `enum` (a
 * dropdown in Swagger UI) while any other text, number or boolean is also accepted. Every
 * column optional, null = missing, unknown columns allowed (ignored). Documentation only:
 * requests are checked once, by the row encoder (src/scoring), which also reads numeric text.
 */
import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import type { InputColumn, Model } from '../algos/index.ts';
import type { OutputRecord, Session } from '../scoring/index.ts';

/** Beyond this many columns, columns carry no description or example (wide models stay small). */
export const DESCRIBED_COLUMNS = 50;
/** Levels listed in a categorical's enum; a longer domain is documented as plain text. */
const MAX_ENUM_LEVELS = 1000;

function columnSchema(c: InputColumn, lenient: boolean, example: unknown, described: boolean): TSchema {
  if (c.domain !== null) {
    const levels = c.domain.length <= MAX_ENUM_LEVELS ? [Type.Unsafe<string>({ type: 'string', enum: [...c.domain] })] : [];
    return Type.Optional(
      Type.Union(
        [...levels, Type.String(), Type.Number(), Type.Boolean(), Type.Null()],
        described
          ? {
              description:
                c.valueType === 'str'
                  ? 'text (a Driverless AI str feature)'
                  : `categorical: ${c.domain.length} levels; other values score as missing`,
              example,
            }
          : {},
      ),
    );
  }
  return Type.Optional(
    Type.Union(
      [Type.Number(), Type.Null()],
      described
        ? {
            description: `${c.valueType ?? 'numeric'} (${lenient ? 'numeric text is read; other text is missing' : 'numeric text is read'})`,
            example,
          }
        : {},
    ),
  );
}

/** One row object; every column optional; unknown columns allowed. */
export function rowSchema(model: Model, lenient: boolean): TObject {
  const example = exampleInputs(model);
  const described = model.inputs.length <= DESCRIBED_COLUMNS;
  // Null prototypes: a column may be named "constructor" or "__proto__".
  const props: Record<string, TSchema> = Object.create(null);
  for (const c of model.inputs) if (!(c.name in props)) props[c.name] = columnSchema(c, lenient, example[c.name], described);
  const offset = model.header.offsetColumn;
  if (offset !== null && !(offset in props)) props[offset] = columnSchema({ name: offset, domain: null }, lenient, 0, described);
  return Type.Object(props, { additionalProperties: true, example, title: 'Row' });
}

/** An example row from the model itself: the first level of each categorical, 0 for numbers. */
export function exampleInputs(model: Model): Record<string, string | number> {
  const row: Record<string, string | number> = Object.create(null);
  for (const c of model.inputs) if (!(c.name in row)) row[c.name] = c.domain !== null && c.domain.length > 0 ? c.domain[0] : 0;
  return row;
}

/** The record of the example row, shown as the documented response (none if the model cannot score it). */
export function exampleRecord(session: Session): OutputRecord | undefined {
  // Scoring an example would move a stateful model (GLRM) one row on for every real request.
  if (session.model.stateful) return undefined;
  try {
    return session.record(exampleInputs(session.model), true);
  } catch {
    return undefined;
  }
}
