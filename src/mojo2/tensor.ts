/**
 * MOJO2 tensors: array parameters stored as separate zip entries, referenced by a TensorRef
 * `{1: dtype, 2: zip path}`; the file is the message `{1: data}` (packed varints for int32 and
 * int64, packed fixed32/fixed64 for float32/float64, one string per element). No shape is
 * stored: the operation that reads a tensor checks its length.
 */
import { MojoFormatError } from '../errors.ts';
import { type PbMessage, readMessage } from './protobuf.ts';

/** Tensor element types by dtype number (column type − 1). */
export type TensorType = 'int32' | 'int64' | 'float32' | 'float64' | 'str';
const DTYPES: Readonly<Record<number, TensorType>> = { 2: 'int32', 3: 'int64', 4: 'float32', 5: 'float64', 6: 'str' };

export type Tensor =
  | { readonly type: 'str'; readonly texts: string[] }
  | { readonly type: Exclude<TensorType, 'str'>; readonly numbers: Float64Array };

/** Integer NA sentinels (INT32_MIN, INT64_MIN) that integer tensors use for "missing". */
const INT_NA = new Set([-2147483648, -9223372036854775808]);

/** Reads entries by zip path; `origin` names the artifact. */
export type EntryReader = (path: string) => Uint8Array;

/** Decodes the tensor a TensorRef names. Integer NA sentinels become NaN. */
export function readTensor(ref: PbMessage, read: EntryReader, origin: string): Tensor {
  const dtype = ref.int(1);
  const type = DTYPES[dtype];
  const path = ref.string(2);
  if (type === undefined) throw new MojoFormatError(`${origin}: tensor '${path}' has unknown element type ${dtype}`);
  const msg = readMessage(read(path), `${origin}!/${path}`);
  if (type === 'str') return { type, texts: msg.strings(1) };
  let numbers: Float64Array;
  if (type === 'float32') numbers = msg.floats(1);
  else if (type === 'float64') numbers = msg.doubles(1);
  else {
    numbers = msg.ints(1);
    for (let i = 0; i < numbers.length; i++) if (INT_NA.has(numbers[i])) numbers[i] = Number.NaN;
    if (type === 'int32') for (let i = 0; i < numbers.length; i++) if (numbers[i] >= 2 ** 31) numbers[i] -= 2 ** 32;
  }
  return { type, numbers };
}

/** Element count of a tensor. */
export function tensorLength(t: Tensor): number {
  return t.type === 'str' ? t.texts.length : t.numbers.length;
}
