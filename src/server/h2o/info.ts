/** H2O's model description routes: /model/schema, /model/sample_request, /model/capabilities. */
import type { Model } from '../../algos/index.ts';
import { exampleInputs } from '../schema.ts';
import type { JavaCellType, JavaCells } from '../../scoring/index.ts';

export interface DataField {
  name: string;
  dataType: JavaCellType;
}

export interface H2oModelInfo {
  id: string;
  schema: { inputFields: DataField[]; outputFields: DataField[] };
}

export function modelInfo(model: Model, output: JavaCells, id: string): H2oModelInfo {
  const inputFields: DataField[] = model.inputs.map((c) => ({ name: c.name, dataType: c.domain === null ? 'Float64' : 'Str' }));
  const outputFields: DataField[] = output.names.map((name, i) => ({ name, dataType: output.types[i] }));
  return { id, schema: { inputFields, outputFields } };
}

/** A request that passes every check: numbers 0, each categorical's first level. */
export function sampleRequest(model: Model): { fields: string[]; rows: string[][] } {
  const example = exampleInputs(model);
  const fields = Object.keys(example);
  return { fields, rows: [fields.map((f) => String(example[f]))] };
}

export function capabilities(model: Model): string[] {
  return model.explanations.contributions === undefined ? ['SCORE'] : ['SCORE', 'CONTRIBUTION_ORIGINAL'];
}
