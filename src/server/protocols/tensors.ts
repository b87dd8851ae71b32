/**
 * An Open Inference Protocol (v2) inference request over REST: `{"id"?, "parameters"?,
 * "inputs": [{"name", "shape", "datatype", "parameters"?, "data"}], "outputs"?: [{"name"}]}`,
 * decoded to rows for the session's row path. The inputs are either
 * - one tensor per model column (shape [n] or [n, 1]): rows by name, unknown tensor names
 *   beside known ones ignored, as unknown keys of a JSON row are; or
 * - one tensor of rows (shape [n, columns], a name that is not a column, or more than one
 *   column): rows by position in model input order, as a JSON array row.
 * Tensor data may be flat (row-major) or nested as the shape. BYTES carry text (a categorical's
 * level, or a number as text), the number types numbers, BOOL booleans (1/0 for a numeric
 * column, "true"/"false" for a categorical); null is a missing value in any of them.
 */
import { BadRequestError, echoed } from '../../errors.ts';
import { DecodedItems, positionalCount, type Session } from '../../scoring/index.ts';

/** What the JSON of each datatype may hold. */
const NUMBER_TYPES = new Set(['FP16', 'FP32', 'FP64']);
const INTEGER_TYPES = new Set(['INT8', 'INT16', 'INT32', 'INT64', 'UINT8', 'UINT16', 'UINT32', 'UINT64']);

export interface InferRequest {
  id: string | undefined;
  /** Output names asked for, in the request's order (undefined: all). */
  outputs: string[] | undefined;
  items: DecodedItems;
}

interface Tensor {
  name: string;
  shape: number[];
  datatype: string;
  /** Flattened, row-major. */
  values: unknown[];
}

export function parseInferRequest(text: string, session: Session): InferRequest {
  const body = parseJson(text);
  if (!isObject(body)) throw new BadRequestError('an inference request is a JSON object with "inputs"');
  const id = body.id;
  if (id !== undefined && typeof id !== 'string') throw new BadRequestError('"id" must be a string');
  if (!Array.isArray(body.inputs) || body.inputs.length === 0)
    throw new BadRequestError('"inputs" must be a non-empty list of tensors {"name", "shape", "datatype", "data"}');
  const tensors = body.inputs.map((t, i) => tensor(t, i));
  return { id, outputs: requestedOutputs(body.outputs), items: rowsOf(tensors, session) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new BadRequestError(`malformed JSON: ${echoed((e as Error).message)}`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function requestedOutputs(outputs: unknown): string[] | undefined {
  if (outputs === undefined) return undefined;
  if (!Array.isArray(outputs)) throw new BadRequestError('"outputs" must be a list of {"name": …}');
  return outputs.map((o, i) => {
    if (!isObject(o) || typeof o.name !== 'string') throw new BadRequestError(`outputs[${i}] must be {"name": "<output>"}`);
    return o.name;
  });
}

function tensor(t: unknown, i: number): Tensor {
  if (!isObject(t) || typeof t.name !== 'string') throw new BadRequestError(`inputs[${i}] must be a tensor with a "name"`);
  const name = t.name;
  const where = `input '${echoed(name)}'`;
  const shape = t.shape;
  if (!Array.isArray(shape) || shape.length < 1 || shape.length > 2 || !shape.every((d) => Number.isSafeInteger(d) && d >= 0))
    throw new BadRequestError(`${where}: "shape" must be [rows] or [rows, columns]`);
  const datatype = t.datatype;
  if (
    typeof datatype !== 'string' ||
    !(datatype === 'BYTES' || datatype === 'BOOL' || NUMBER_TYPES.has(datatype) || INTEGER_TYPES.has(datatype))
  )
    throw new BadRequestError(`${where}: datatype '${echoed(String(datatype))}' is not one of BYTES, BOOL, FP16/32/64, INT8…64, UINT8…64`);
  if (!Array.isArray(t.data)) throw new BadRequestError(`${where}: "data" must be a JSON list (binary tensor data is not supported)`);
  const values = flatten(t.data, shape.length, where);
  const size = shape.reduce((a: number, b: number) => a * b, 1);
  if (values.length !== size) throw new BadRequestError(`${where}: ${values.length} values, but shape [${shape.join(', ')}] holds ${size}`);
  checkValues(values, datatype, where);
  return { name, shape: shape as number[], datatype, values };
}

/** Row-major values of data nested at most `rank` deep. */
function flatten(data: unknown[], rank: number, where: string): unknown[] {
  if (!data.some(Array.isArray)) return data;
  if (rank < 2) throw new BadRequestError(`${where}: data nested deeper than its shape`);
  const out: unknown[] = [];
  for (const v of data) {
    if (!Array.isArray(v)) {
      out.push(v);
      continue;
    }
    for (const w of v) {
      if (Array.isArray(w)) throw new BadRequestError(`${where}: data nested deeper than its shape`);
      out.push(w);
    }
  }
  return out;
}

function checkValues(values: unknown[], datatype: string, where: string): void {
  const bytes = datatype === 'BYTES';
  const bool = datatype === 'BOOL';
  const integer = INTEGER_TYPES.has(datatype);
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v === null) continue;
    const ok = bytes
      ? typeof v === 'string' || typeof v === 'number'
      : bool
        ? typeof v === 'boolean'
        : typeof v === 'number' && (!integer || Number.isInteger(v));
    if (!ok) throw new BadRequestError(`${where}: value ${k} (${echoed(JSON.stringify(v) ?? String(v))}) is not ${datatype} data`);
  }
}

/** The tensors' rows: one tensor of rows by position, else one tensor per column by name. */
function rowsOf(tensors: Tensor[], session: Session): DecodedItems {
  const encoder = session.encoder;
  const only = tensors.length === 1 ? tensors[0] : undefined;
  if (only !== undefined && only.shape.length === 2 && (only.shape[1] !== 1 || !encoder.reads(only.name))) {
    const names = session.decode.positional;
    const [n, width] = only.shape;
    const rows = new Array<unknown[]>(n);
    for (let i = 0; i < n; i++) {
      const row = only.values.slice(i * width, (i + 1) * width);
      if (only.datatype === 'BOOL') for (let j = 0; j < row.length && j < names.length; j++) row[j] = boolCell(row[j], names[j], session);
      rows[i] = row;
    }
    return new DecodedItems(rows, 'arrays', names, 0, positionalCount(session.decode));
  }
  const names: string[] = [];
  const seen = new Set<string>();
  let n = -1;
  for (const t of tensors) {
    if (t.shape.length === 2 && t.shape[1] !== 1)
      throw new BadRequestError(
        `input '${echoed(t.name)}' has shape [${t.shape.join(', ')}]: a column tensor holds one value per row ([n] or [n, 1]); a tensor of rows must be the only input`,
      );
    if (seen.has(t.name)) throw new BadRequestError(`input '${echoed(t.name)}' is given twice`);
    seen.add(t.name);
    if (n >= 0 && t.shape[0] !== n)
      throw new BadRequestError(`input '${echoed(t.name)}' has ${t.shape[0]} rows, input '${echoed(names[0])}' has ${n}`);
    n = t.shape[0];
    names.push(t.name);
    if (t.datatype === 'BOOL') for (let i = 0; i < t.values.length; i++) t.values[i] = boolCell(t.values[i], t.name, session);
  }
  const rows = new Array<unknown[]>(n);
  for (let i = 0; i < n; i++) {
    const row = new Array<unknown>(tensors.length);
    for (let j = 0; j < tensors.length; j++) row[j] = tensors[j].values[i];
    rows[i] = row;
  }
  return new DecodedItems(rows, 'arrays', names);
}

/** A BOOL value for `column`: a categorical's level text, else 1 or 0. */
function boolCell(v: unknown, column: string, session: Session): unknown {
  if (typeof v !== 'boolean') return v;
  return session.encoder.isCategorical(session.encoder.slotOf(column)) ? String(v) : v ? 1 : 0;
}
