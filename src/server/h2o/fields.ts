/**
 * The output columns of H2O's REST scorer for an H2O-3 model. Classifiers give one
 * probability per class named `<response>.<class>` (the predicted label is left out, as H2O's
 * pipeline output has none); regressions one column named after the response; other models
 * (clustering, anomaly, dimensionality reduction…) their record columns, vectors expanded to
 * `name.0`, `name.1`, …. Cells are text, numbers as Java's Double.toString prints them.
 */
import type { Model } from '../../algos/index.ts';
import { javaDoubleToString, RecordLayout } from '../../scoring/index.ts';

export type DataType = 'Float64' | 'Str' | 'Int32';

export interface OutputFields {
  names: string[];
  types: DataType[];
  /** Writes the cells of one scored row (the model's output buffer) to `row`. */
  write(out: Float64Array, row: string[]): void;
}

export function outputFields(model: Model): OutputFields {
  const outs = model.outputs;
  const response = model.header.responseColumn ?? 'predict';
  const first = outs[0];
  if (first !== undefined && first.kind === 'label' && outs.length > first.domain.length) {
    const k = first.domain.length;
    let probabilities = true;
    for (let i = 1; i <= k; i++) if (outs[i].kind !== 'number') probabilities = false;
    if (probabilities) {
      return {
        names: first.domain.map((level) => `${response}.${level}`),
        types: first.domain.map(() => 'Float64'),
        write(out, row) {
          for (let i = 1; i <= k; i++) row.push(javaDoubleToString(out[i]));
        },
      };
    }
  }
  if (model.header.category === 'Regression' && outs.length === 1 && first?.kind === 'number') {
    return { names: [response], types: ['Float64'], write: (out, row) => void row.push(javaDoubleToString(out[0])) };
  }
  return recordFields(model);
}

function recordFields(model: Model): OutputFields {
  const layout = new RecordLayout(model);
  const types: DataType[] = [];
  for (const c of model.outputs) {
    const width = c.kind === 'vector' ? c.size : 1;
    for (let j = 0; j < width; j++) types.push(c.kind === 'label' ? 'Str' : c.kind === 'integer' ? 'Int32' : 'Float64');
  }
  return {
    names: layout.csvHeader(),
    types,
    write(out, row) {
      const cols = model.outputs;
      for (let i = 0; i < cols.length; i++) {
        const c = cols[i];
        const s = layout.starts[i];
        if (c.kind === 'label') {
          const v = out[s];
          row.push(v === v ? (c.domain[v] ?? '') : '');
        } else if (c.kind === 'integer') row.push(out[s] === out[s] ? String(out[s]) : '');
        else {
          const width = c.kind === 'vector' ? c.size : 1;
          for (let j = 0; j < width; j++) row.push(javaDoubleToString(out[s + j]));
        }
      }
    },
  };
}
