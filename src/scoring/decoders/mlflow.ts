/**
 * MLflow's scoring-server request bodies (the pyfunc server's /invocations, MLflow 2 and later),
 * which also carry KServe v1's `{"instances": [...]}`. One JSON object holding exactly one of:
 * - `dataframe_split`: pandas' split orientation, `{"columns": [...], "data": [[...]], "index": [...]}`
 *   (rows by position under `columns`; without `columns`, in model input order; `index` unused);
 * - `dataframe_records`: pandas' records orientation, `[{"column": value, …}, …]`;
 * - `instances`: TensorFlow Serving's row format, objects by name or arrays in model input order;
 * - `inputs`: TensorFlow Serving's columnar format `{"column": [values…], …}` (a value that is not
 *   an array is a one-row column), or rows as for `instances`;
 * beside an optional `params` (inference parameters: this scorer has none, so they are ignored).
 * The rows go to the session's row path as they are (objects by name, arrays by position) and
 * the answer is `{"predictions": [...]}`.
 */
import { BadRequestError, echoed } from '../../errors.ts';
import { type CellCount, DecodedItems } from './rows.ts';

/** The keys naming MLflow's input formats. */
export const MLFLOW_INPUT_KEYS = ['dataframe_split', 'dataframe_records', 'instances', 'inputs'] as const;
const OTHER_KEYS = new Set(['params']);

/** What an MLflow body is answered with: `{"predictions": …}` around the JSON array of rows. */
export const PREDICTIONS_ENVELOPE = 'predictions';

/**
 * The rows of an MLflow body, or null when `o` is not one: its keys are one of the input keys
 * (not a column the model reads: a model may have a column named `inputs`) and `params`.
 * `positional` names the cells of an array row; `count` says how many cells one must have.
 */
export function mlflowItems(
  o: Record<string, unknown>,
  model: { reads(column: string): boolean },
  positional: readonly string[],
  count: CellCount,
): DecodedItems | null {
  let key: string | null = null;
  for (const k in o) {
    if (OTHER_KEYS.has(k)) continue;
    if (!(MLFLOW_INPUT_KEYS as readonly string[]).includes(k) || model.reads(k)) return null;
    if (key !== null) throw new BadRequestError(`an MLflow body holds exactly one of ${MLFLOW_INPUT_KEYS.join(', ')}; got ${key} and ${k}`);
    key = k;
  }
  if (key === null) return null;
  const value = o[key];
  switch (key) {
    case 'dataframe_split':
      return dataframeSplit(value, positional, count);
    case 'dataframe_records':
      return new DecodedItems(rowList(value, key), 'objects', positional);
    case 'inputs':
      if (isObject(value)) return columnar(value);
      return rows(rowList(value, key), positional, count);
    default:
      return rows(rowList(value, key), positional, count);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function rowList(value: unknown, key: string): unknown[] {
  if (!Array.isArray(value)) throw new BadRequestError(`${key} must be a list of rows`);
  return value;
}

/** Objects by name, or arrays by position (the first row decides, as for a bare JSON array). */
function rows(items: unknown[], positional: readonly string[], count: CellCount): DecodedItems {
  if (items.length > 0 && Array.isArray(items[0])) return new DecodedItems(items, 'arrays', positional, 0, count);
  return new DecodedItems(items, 'objects', positional);
}

function dataframeSplit(value: unknown, positional: readonly string[], count: CellCount): DecodedItems {
  if (!isObject(value) || !Array.isArray(value.data))
    throw new BadRequestError('dataframe_split must be {"columns": [...], "data": [[...], ...]}');
  const columns = value.columns;
  if (columns === undefined) return new DecodedItems(value.data, 'arrays', positional, 0, count);
  const names = stringList(columns, 'dataframe_split.columns');
  return new DecodedItems(value.data, 'arrays', names, 0, { expected: `columns has ${names.length} name${names.length === 1 ? '' : 's'}` });
}

function stringList(value: unknown, what: string): string[] {
  if (!Array.isArray(value)) throw new BadRequestError(`${what} must be a list of column names`);
  for (let j = 0; j < value.length; j++)
    if (typeof value[j] !== 'string') throw new BadRequestError(`${what}[${j}] must be a column name (string)`);
  return value as string[];
}

/** `{"column": [values…]}`: one row per index, every column as long; scalars make one row. */
function columnar(value: Record<string, unknown>): DecodedItems {
  const names = Object.keys(value);
  const columns = names.map((n) => value[n]);
  const lists = columns.filter(Array.isArray).length;
  if (lists !== 0 && lists !== columns.length)
    throw new BadRequestError('inputs: every column must be a list of values, or every column one value (one row)');
  if (lists === 0) return new DecodedItems([columns], 'arrays', names);
  const n = (columns[0] as unknown[]).length;
  for (let j = 1; j < columns.length; j++) {
    const len = (columns[j] as unknown[]).length;
    if (len !== n)
      throw new BadRequestError(`inputs: column '${echoed(names[j])}' has ${len} values, '${echoed(names[0])}' has ${n}`, {
        column: echoed(names[j]),
      });
  }
  const items = new Array<unknown[]>(n);
  for (let i = 0; i < n; i++) {
    const row = new Array<unknown>(columns.length);
    for (let j = 0; j < columns.length; j++) row[j] = (columns[j] as unknown[])[i];
    items[i] = row;
  }
  return new DecodedItems(items, 'arrays', names);
}
