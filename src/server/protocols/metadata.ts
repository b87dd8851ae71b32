/**
 * Open Inference Protocol metadata: the server's (`GET /v2`) and a model's
 * (`GET /v2/models/{name}`): its inputs (numeric columns FP64, categoricals BYTES, one value per
 * row) and outputs (labels BYTES, numbers FP64, integers INT64, vectors FP64 [n, size]).
 * A row dimension is -1 (any number of rows).
 */
import type { Model, OutputColumn } from '../../algos/index.ts';
import pkg from '../../../package.json' with { type: 'json' };

/** Platform reported in model metadata. */
export const PLATFORM = 'h2o_mojo';

export interface TensorMetadata {
  name: string;
  datatype: string;
  shape: number[];
}

export function serverMetadata() {
  return { name: pkg.name, version: pkg.version, extensions: [] as string[] };
}

/** The tensor an output column is answered as. */
export function outputTensor(c: OutputColumn): TensorMetadata {
  switch (c.kind) {
    case 'label':
      return { name: c.name, datatype: 'BYTES', shape: [-1] };
    case 'integer':
      return { name: c.name, datatype: 'INT64', shape: [-1] };
    case 'number':
      return { name: c.name, datatype: 'FP64', shape: [-1] };
    case 'vector':
      return { name: c.name, datatype: 'FP64', shape: [-1, c.size] };
  }
}

export function modelMetadata(name: string, model: Model) {
  const inputs: TensorMetadata[] = model.inputs.map((c) => ({ name: c.name, datatype: c.domain === null ? 'FP64' : 'BYTES', shape: [-1] }));
  const offset = model.header.offsetColumn;
  if (offset !== null && !model.inputs.some((c) => c.name === offset)) inputs.push({ name: offset, datatype: 'FP64', shape: [-1] });
  return { name, versions: [] as string[], platform: PLATFORM, inputs, outputs: model.outputs.map(outputTensor) };
}
