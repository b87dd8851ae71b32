/**
 * A JSON array of rows inside an object under one key: `{"predictions": [...]}` for clients of
 * MLflow's scoring server and KServe v1. Wraps the JSON array writer, so rows (and rows the
 * model could not score, `{"error": …}` in their place) are written exactly as /invocations does.
 */
import type { BatchWriter } from './batch-writer.ts';
import type { RowOutput } from './row-output.ts';
import type { TextSink } from './sink.ts';

export class EnvelopeWriter implements BatchWriter {
  constructor(
    private readonly key: string,
    private readonly inner: BatchWriter,
    private readonly sink: TextSink,
  ) {}

  begin(header: boolean): void {
    this.sink.write(`{${JSON.stringify(this.key)}:`);
    this.inner.begin(header);
  }

  row(output: RowOutput): void {
    this.inner.row(output);
  }

  rowError(message: string): void {
    this.inner.rowError(message);
  }

  end(): void {
    this.inner.end();
    this.sink.write('}');
  }
}
