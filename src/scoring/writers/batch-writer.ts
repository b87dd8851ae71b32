/**
 * Frames scored rows as a body in one format, appending to a TextSink:
 * - CSV: an optional header line, one line per row, and always a last `error` column (empty
 *   for rows that scored), so the columns are known before any row is scored and every batch
 *   of one model has the same shape;
 * - JSON Lines: one object per line, `{"error": "…"}` for a row that failed;
 * - JSON: an array of the same objects.
 * One writer per batch (the JSON array counts its rows for the separators).
 */
import { csvField, csvLine } from './cells.ts';
import { ERROR_COLUMN, type OutputFormat } from './formats.ts';
import type { RowText } from './row-text.ts';
import type { TextSink } from './sink.ts';

export interface BatchWriter<T> {
  /** Opens the body: the CSV header line (when `header`), or the JSON array's bracket. */
  begin(header: boolean): void;
  row(row: T): void;
  /** A row the model could not score, in its place. */
  rowError(message: string): void;
  end(): void;
}

/**
 * The batch writer for a format. `rowsBefore`: rows of the same body already written elsewhere
 * (a file scored in blocks on several threads), so a JSON array's separators continue.
 */
export function batchWriter<T>(format: OutputFormat, text: RowText<T>, sink: TextSink, rowsBefore = 0): BatchWriter<T> {
  return format === 'csv'
    ? new CsvWriter(text, sink)
    : format === 'jsonl'
      ? new JsonLinesWriter(text, sink)
      : new JsonArrayWriter(text, sink, rowsBefore);
}

class CsvWriter<T> implements BatchWriter<T> {
  /** CSV cells before the error column, as commas: what a failed row leaves empty. */
  private readonly emptyCells: string;

  constructor(
    private readonly text: RowText<T>,
    private readonly sink: TextSink,
  ) {
    this.emptyCells = ','.repeat(text.csvHeader.length);
  }

  begin(header: boolean): void {
    if (header) this.sink.write(`${csvLine([...this.text.csvHeader, ERROR_COLUMN])}\n`);
  }

  row(row: T): void {
    this.sink.write(`${this.text.csv(row)},\n`);
  }

  rowError(message: string): void {
    this.sink.write(`${this.emptyCells}${csvField(message)}\n`);
  }

  end(): void {}
}

class JsonLinesWriter<T> implements BatchWriter<T> {
  constructor(
    private readonly text: RowText<T>,
    private readonly sink: TextSink,
  ) {}

  begin(): void {}

  row(row: T): void {
    this.sink.write(`${this.text.json(row)}\n`);
  }

  rowError(message: string): void {
    this.sink.write(`${errorJson(message)}\n`);
  }

  end(): void {}
}

class JsonArrayWriter<T> implements BatchWriter<T> {
  constructor(
    private readonly text: RowText<T>,
    private readonly sink: TextSink,
    private rows = 0,
  ) {}

  begin(): void {
    this.sink.write('[');
  }

  row(row: T): void {
    this.sink.write(this.rows++ === 0 ? this.text.json(row) : `,${this.text.json(row)}`);
  }

  rowError(message: string): void {
    this.sink.write(this.rows++ === 0 ? errorJson(message) : `,${errorJson(message)}`);
  }

  end(): void {
    this.sink.write(']');
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
