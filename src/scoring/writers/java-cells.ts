/**
 * The Java-compatible output shape: one rule for the `compat` style (the original Java
 * scorer's records) and H2O's REST scorer. Cells are text, numbers as Java's Double.toString
 * prints them:
 * - a classifier whose label is followed by one probability per class: `<response>.<class>`
 *   for each class (the predicted label itself is left out, as the Java scorers do);
 * - a regression with one number: `<response>`;
 * - anything else (clustering, anomaly, dimensionality reduction…): the record's columns,
 *   vectors expanded to `name.0`, `name.1`, … as in CSV.
 */
import { javaDoubleToString } from '../java-double.ts';
import type { RecordLayout } from './record.ts';

export type JavaCellType = 'Float64' | 'Str' | 'Int32';

export interface JavaCells {
  readonly names: readonly string[];
  readonly types: readonly JavaCellType[];
  /** Appends the cells of one scored row (the model's output buffer); null is a missing label or index. */
  write(out: Float64Array, row: (string | null)[]): void;
}

export function javaCells(layout: RecordLayout): JavaCells {
  const header = layout.model.header;
  const cols = layout.columns;
  const response = header.responseColumn ?? 'predict';
  const first = cols[0];
  if (first !== undefined && first.kind === 'label' && probabilitiesFollow(layout, first.domain.length)) {
    const k = first.domain.length;
    const at = layout.starts;
    return {
      names: first.domain.map((level) => `${response}.${level}`),
      types: first.domain.map(() => 'Float64'),
      write(out, row) {
        for (let i = 1; i <= k; i++) row.push(javaDoubleToString(out[at[i]]));
      },
    };
  }
  if (header.category === 'Regression' && cols.length === 1 && first?.kind === 'number') {
    return { names: [response], types: ['Float64'], write: (out, row) => void row.push(javaDoubleToString(out[0])) };
  }
  return columnCells(layout);
}

/** Whether columns 1..k are one number each (the class probabilities). */
function probabilitiesFollow(layout: RecordLayout, k: number): boolean {
  const cols = layout.columns;
  if (cols.length <= k) return false;
  for (let i = 1; i <= k; i++) if (cols[i].kind !== 'number') return false;
  return true;
}

function columnCells(layout: RecordLayout): JavaCells {
  const cols = layout.columns;
  const types: JavaCellType[] = [];
  for (const c of cols) {
    const width = c.kind === 'vector' ? c.size : 1;
    for (let j = 0; j < width; j++) types.push(c.kind === 'label' ? 'Str' : c.kind === 'integer' ? 'Int32' : 'Float64');
  }
  return {
    names: layout.csvHeader(),
    types,
    write(out, row) {
      for (let i = 0; i < cols.length; i++) {
        const c = cols[i];
        const s = layout.starts[i];
        const v = out[s];
        if (c.kind === 'label') row.push(layout.label(i, v));
        else if (c.kind === 'integer') row.push(v === v ? String(v) : null);
        else {
          const width = c.kind === 'vector' ? c.size : 1;
          for (let j = 0; j < width; j++) row.push(javaDoubleToString(out[s + j]));
        }
      }
    },
  };
}
