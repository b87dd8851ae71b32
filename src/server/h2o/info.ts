/** H2O's model description routes: /model/schema, /model/sample_request, /model/capabilities. */
import type { Model } from '../../algos/index.ts';
import { exampleRow } from '../schema.ts';
import type { DataType, OutputFields } from './fields.ts';

export interface DataField {
  name: string;
  dataType: DataType;
}

export interface ModelInfo {
  id: string;
  schema: { inputFields: DataField[]; outputFields: DataField[] };
}

export function modelInfo(model: Model, output: OutputFields, id: string): ModelInfo {
  const inputFields: DataField[] = model.inputs.map((c) => ({ name: c.name, dataType: c.domain === null ? 'Float64' : 'Str' }));
  const outputFields: DataField[] = output.names.map((name, i) => ({ name, dataType: output.types[i] }));
  return { id, schema: { inputFields, outputFields } };
}

/** A request that passes every check: numbers 0, each categorical's first level. */
export function sampleRequest(model: Model): { fields: string[]; rows: string[][] } {
  const example = exampleRow(model);
  const fields = Object.keys(example);
  return { fields, rows: [fields.map((f) => String(example[f]))] };
}

export function capabilities(model: Model): string[] {
  return model.explanations.contributions === undefined ? ['SCORE'] : ['SCORE', 'CONTRIBUTION_ORIGINAL'];
}
