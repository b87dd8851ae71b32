/**
 * Writes an Open Inference Protocol inference response: one output tensor per output column
 * asked for, its values collected row by row from the prediction buffer and written at the end.
 * Labels are BYTES (null for a missing label), numbers FP64 and integers INT64 (null for NaN,
 * "Infinity"/"-Infinity" as /invocations writes them), vectors FP64 [n, size]. A row the model
 * cannot score fails the request (422): the protocol has no per-row errors.
 */
import { RowError } from '../../errors.ts';
import { type BatchWriter, jsonNumber, type PredictionOutput, type RecordLayout, type TextSink } from '../../scoring/index.ts';
import { outputTensor } from './metadata.ts';

export interface ResponseHead {
  model_name: string;
  id?: string;
}

export class TensorWriter implements BatchWriter {
  private readonly data: unknown[][];
  private rows = 0;

  constructor(
    private readonly head: ResponseHead,
    private readonly layout: RecordLayout,
    private readonly prediction: PredictionOutput,
    /** Indices of the output columns answered, in the order asked. */
    private readonly columns: readonly number[],
    private readonly sink: TextSink,
  ) {
    this.data = columns.map(() => []);
  }

  begin(): void {}

  row(): void {
    const out = this.prediction.out;
    const layout = this.layout;
    for (let k = 0; k < this.columns.length; k++) {
      const i = this.columns[k];
      const c = layout.columns[i];
      const s = layout.starts[i];
      const d = this.data[k];
      if (c.kind === 'label') d.push(layout.label(i, out[s]));
      else if (c.kind === 'vector') for (let j = 0; j < c.size; j++) d.push(jsonNumber(out[s + j]));
      else d.push(jsonNumber(out[s]));
    }
    this.rows++;
  }

  rowError(message: string): void {
    throw new RowError(message);
  }

  end(): void {
    const outputs = this.columns.map((i, k) => {
      const t = outputTensor(this.layout.columns[i]);
      return {
        name: t.name,
        datatype: t.datatype,
        shape: t.shape.length === 1 ? [this.rows] : [this.rows, t.shape[1]],
        data: this.data[k],
      };
    });
    this.sink.write(JSON.stringify({ ...this.head, outputs }));
  }
}
