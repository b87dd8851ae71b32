/**
 * The text of an explanation output row (SHAP contributions, leaf assignments, a model's
 * extras): named values, numbers or strings, written like the prediction records.
 */
import { csvLine, csvNumber, jsonNumber } from './cells.ts';
import type { RowText } from './row-text.ts';

export type ExtraValues = readonly (number | string)[];

export class ExtraRowText implements RowText<ExtraValues> {
  constructor(readonly csvHeader: readonly string[]) {}

  json(values: ExtraValues): string {
    const rec: Record<string, unknown> = {};
    const names = this.csvHeader;
    for (let i = 0; i < names.length; i++) {
      const v = values[i];
      rec[names[i]] = typeof v === 'number' ? jsonNumber(v) : v;
    }
    return JSON.stringify(rec);
  }

  csv(values: ExtraValues): string {
    const cells = new Array<string>(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      cells[i] = typeof v === 'number' ? csvNumber(v) : v;
    }
    return csvLine(cells);
  }
}
