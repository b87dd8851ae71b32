/**
 * Scores a body's rows a slice at a time, so that a server can yield to its event loop between
 * slices (/ping, other requests, signals) and stream the output as it is produced. A slice
 * ends when its time budget is spent, the sink has a full chunk to send, or the rows wait for
 * text still arriving (`waitsForText`: the caller reads on with `input.more()`). The batch owns
 * `raw` and the output's buffers for as long as it runs: another batch interleaved between two
 * slices must not share them (Session.batch gives fresh ones).
 */
import type { EncodedRows, RowSource, RowsInput } from './decoders/index.ts';
import { type RowCounts, scoreRows } from './score-rows.ts';
import type { BatchWriter, RowOutput, TextSink } from './writers/index.ts';

/** Rows scored between two looks at the clock (a few µs to a few hundred µs of work). */
const ROWS_PER_CHECK = 64;

export class SlicedScoring {
  private rows: EncodedRows | null = null;
  private at = 0;
  private finished = false;
  private starved = false;
  readonly counts: RowCounts = { ok: 0, failed: 0 };

  constructor(
    private readonly source: RowSource,
    private readonly raw: Float64Array,
    private readonly output: RowOutput,
    private readonly writer: BatchWriter,
    private readonly sink: TextSink,
    private readonly lenient: boolean,
    /** What the rows wait on (a body still arriving), or null. */
    readonly input: RowsInput | null = null,
  ) {}

  get done(): boolean {
    return this.finished;
  }

  /** True when the last `run` stopped because the rows wait for text still arriving. */
  get waitsForText(): boolean {
    return this.starved;
  }

  /**
   * Scores rows until performance.now() passes `until`, the sink holds a full chunk, the rows
   * wait for text (`waitsForText`), or the rows end (then the writer is closed). Returns true once every row is scored.
   * Throws what the rows throw (INVALID_VALUE, BAD_REQUEST): the batch is refused.
   */
  run(until: number): boolean {
    this.starved = false;
    while (!this.finished) {
      let rows = this.rows;
      if (rows === null || this.at >= rows.count) {
        rows = this.source.next();
        this.rows = rows;
        this.at = 0;
        if (rows === null) {
          if (this.input?.waiting) {
            this.starved = true;
            break;
          }
          this.writer.end();
          this.finished = true;
          break;
        }
        continue;
      }
      const to = Math.min(rows.count, this.at + ROWS_PER_CHECK);
      const c = scoreRows(rows, this.raw, this.output, this.writer, this.lenient, this.at, to);
      this.counts.ok += c.ok;
      this.counts.failed += c.failed;
      this.at = to;
      if (this.sink.hasChunks || performance.now() >= until) break;
    }
    return this.finished;
  }
}
