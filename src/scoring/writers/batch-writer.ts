/**
 * Frames scored rows as a body in one format, appending to a TextSink:
 * - CSV: an optional header line, one line per row, and always a last `error` column (empty
 *   for rows that scored), so the columns are known before any row is scored and every batch
 *   of one model has the same shape;
 * - JSON Lines: one object per line, `{"error": "…"}` for a row that failed;
 * - JSON: an array of the same objects.
 * One writer per batch (it counts rows for the JSON separators).
 */
import { csvField, csvLine } from './cells.ts';
import { ERROR_COLUMN, type OutputFormat } from './formats.ts';
import type { RowText } from './row-text.ts';
import type { TextSink } from './sink.ts';

export class BatchWriter<T> {
  private rows = 0;
  /** CSV cells before the error column, as commas: what a failed row leaves empty. */
  private readonly emptyCells: string;

  constructor(
    private readonly format: OutputFormat,
    private readonly text: RowText<T>,
    private readonly sink: TextSink,
  ) {
    this.emptyCells = ','.repeat(text.csvHeader.length);
  }

  /** Opens the body: the CSV header line (when `header`), or the JSON array's bracket. */
  begin(header: boolean): void {
    if (this.format === 'json') this.sink.write('[');
    else if (this.format === 'csv' && header) this.sink.write(`${csvLine([...this.text.csvHeader, ERROR_COLUMN])}\n`);
  }

  row(row: T): void {
    switch (this.format) {
      case 'csv':
        this.sink.write(`${this.text.csv(row)},\n`);
        break;
      case 'jsonl':
        this.sink.write(`${this.text.json(row)}\n`);
        break;
      default:
        this.sink.write(this.rows === 0 ? this.text.json(row) : `,${this.text.json(row)}`);
    }
    this.rows++;
  }

  /** A row the model could not score, in its place. */
  rowError(message: string): void {
    switch (this.format) {
      case 'csv':
        this.sink.write(`${this.emptyCells}${csvField(message)}\n`);
        break;
      case 'jsonl':
        this.sink.write(`${errorJson(message)}\n`);
        break;
      default:
        this.sink.write(this.rows === 0 ? errorJson(message) : `,${errorJson(message)}`);
    }
    this.rows++;
  }

  end(): void {
    if (this.format === 'json') this.sink.write(']');
  }
}

/**
 * A lone row answered on its own (one JSON object in, one out): a bare object, one JSON
 * line, or a CSV header and line. A lone row that fails is an error response, not a row, so
 * its CSV has no error column.
 */
export function writeSingle<T>(format: OutputFormat, text: RowText<T>, sink: TextSink, row: T): void {
  if (format === 'json') sink.write(text.json(row));
  else if (format === 'jsonl') sink.write(`${text.json(row)}\n`);
  else sink.write(`${csvLine(text.csvHeader)}\n${text.csv(row)}\n`);
}

function errorJson(message: string): string {
  return `{"error":${JSON.stringify(message)}}`;
}
