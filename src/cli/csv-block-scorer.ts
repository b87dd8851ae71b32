/**
 * The unit of work of offline scoring: runs of complete CSV records (below one header) →
 * output text, through the same row path and writers as the server. One per thread: the
 * single-threaded `score` feeds it every run of a file; each score thread feeds it the blocks
 * it is sent.
 */
import type { Model } from '../algos/index.ts';
import {
  type BatchWriter,
  batchWriter,
  type CellCount,
  CsvCursor,
  CsvSource,
  type OutputFormat,
  type RowOutput,
  Session,
  scoreRows,
  TextSink,
} from '../scoring/index.ts';

export interface BlockOptions {
  format: OutputFormat;
  /** Unparsable numbers are missing values (h2o's PredictCsv) rather than an error. */
  lenient: boolean;
  /** Write an explanation output instead of predictions ('contributions', 'leaf' or an extras key). */
  extra?: string;
}

export interface BlockCounts {
  rows: number;
  failed: number;
}

/** A block scored: its output chunks, counts and the lines it spans. */
export interface ScoredBlock extends BlockCounts {
  output: string[];
  lines: number;
}

export class CsvBlockScorer {
  private readonly sink = new TextSink();
  private readonly session: Session;
  private readonly output: RowOutput;
  private readonly format: OutputFormat;
  private writer: BatchWriter;
  /** Rows this scorer's writer has written: a block that starts elsewhere gets a writer that continues there. */
  private written = 0;
  private readonly ignored = new Set<string>();
  /** Every record has one cell per header column. */
  private readonly cellCount: () => CellCount;
  private readonly lenient: boolean;

  constructor(
    model: Model,
    /** The file's header: the column of each cell. */
    private readonly header: readonly string[],
    options: BlockOptions,
  ) {
    // Models that read whatever columns they are given (Word2Vec) bind to this file's header.
    this.session = new Session(model).bind(header);
    this.output = this.session.output(options.extra ?? 'prediction');
    this.format = options.format;
    this.writer = batchWriter(options.format, this.output, this.sink);
    this.lenient = options.lenient;
    const count: CellCount = { expected: `the header has ${header.length} ${header.length === 1 ? 'column' : 'columns'}` };
    this.cellCount = () => count;
  }

  /** Starts the output (the CSV header line, a JSON array's bracket). */
  begin(): void {
    this.writer.begin(true);
  }

  /**
   * Scores a block of whole records whose first is row `firstRow` (counted from 0 below the
   * header) on line `firstLine`: its output chunks, counts and lines. When it throws, what it
   * wrote is dropped with it.
   */
  scoreText(text: string, firstRow: number, firstLine: number): ScoredBlock {
    const cursor = new CsvCursor(text, firstLine);
    try {
      const counts = this.score(cursor, firstRow);
      return { output: this.take(true), rows: counts.rows, failed: counts.failed, lines: cursor.line - firstLine };
    } catch (error) {
      this.take(true);
      throw error;
    }
  }

  private score(cursor: CsvCursor, firstRow: number): BlockCounts {
    if (firstRow !== this.written) this.writer = batchWriter(this.format, this.output, this.sink, firstRow);
    const source = new CsvSource(cursor, this.header, this.session.encoder, this.ignored, this.cellCount, firstRow);
    let rows = 0;
    let failed = 0;
    for (let piece = source.next(); piece !== null; piece = source.next()) {
      failed += scoreRows(piece, this.session.raw, this.output, this.writer, this.lenient).failed;
      rows += piece.count;
    }
    this.written = firstRow + rows;
    return { rows, failed };
  }

  /** Ends the output (a JSON array's bracket). */
  end(): void {
    this.writer.end();
  }

  /** The output written so far in chunks: the full ones, or everything when `all`. */
  take(all: boolean): string[] {
    return this.sink.take(all);
  }
}
