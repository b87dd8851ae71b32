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
import type { RowOutput } from './row-output.ts';
import type { TextSink } from './sink.ts';

export interface BatchWriter {
  /** Opens the body: the CSV header line (when `header`), or the JSON array's bracket. */
  begin(header: boolean): void;
  /** The row `output` last computed. */
  row(output: RowOutput): void;
  /** A row the model could not score, in its place. */
  rowError(message: string): void;
  end(): void;
}

/**
 * The batch writer for a format. `rowsBefore`: rows of the same body already written elsewhere
 * (a file scored in blocks on several threads), so a JSON array's separators continue.
 */
export function batchWriter(format: OutputFormat, output: RowOutput, sink: TextSink, rowsBefore = 0): BatchWriter {
  return format === 'csv'
    ? new CsvWriter(output, sink)
    : format === 'jsonl'
      ? new JsonLinesWriter(sink)
      : new JsonArrayWriter(sink, rowsBefore);
}

class CsvWriter implements BatchWriter {
  /** CSV cells before the error column, as commas: what a failed row leaves empty. */
  private readonly emptyCells: string;
  private readonly header: readonly string[];

  constructor(
    output: RowOutput,
    private readonly sink: TextSink,
  ) {
    this.header = output.csvHeader;
    this.emptyCells = ','.repeat(output.csvHeader.length);
  }

  begin(header: boolean): void {
    if (header) this.sink.write(`${csvLine([...this.header, ERROR_COLUMN])}\n`);
  }

  row(output: RowOutput): void {
    this.sink.write(`${output.csv()},\n`);
  }

  rowError(message: string): void {
    this.sink.write(`${this.emptyCells}${csvField(message)}\n`);
  }

  end(): void {}
}

class JsonLinesWriter implements BatchWriter {
  constructor(private readonly sink: TextSink) {}

  begin(): void {}

  row(output: RowOutput): void {
    this.sink.write(`${output.json()}\n`);
  }

  rowError(message: string): void {
    this.sink.write(`${errorJson(message)}\n`);
  }

  end(): void {}
}

class JsonArrayWriter implements BatchWriter {
  constructor(
    private readonly sink: TextSink,
    private rows = 0,
  ) {}

  begin(): void {
    this.sink.write('[');
  }

  row(output: RowOutput): void {
    this.sink.write(this.rows++ === 0 ? output.json() : `,${output.json()}`);
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
export function singleText(format: OutputFormat, output: RowOutput): string {
  if (format === 'json') return output.json();
  if (format === 'jsonl') return `${output.json()}\n`;
  return `${csvLine(output.csvHeader)}\n${output.csv()}\n`;
}

function errorJson(message: string): string {
  return `{"error":${JSON.stringify(message)}}`;
}
